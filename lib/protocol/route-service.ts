/**
 * One endpoint serves S3 and KMS, told apart as AWS's own front ends and moto do: the JSON protocol's
 * X-Amz-Target, or the service named in the SigV4 credential scope.
 */
import { idHeaders, type RequestContext } from './context'

export function isKmsRequest(request: Request): boolean {
  if (request.headers.get('x-amz-target')?.startsWith('TrentService.')) return true
  return /Credential=[^/]+\/\d{8}\/[^/]+\/kms\/aws4_request/.test(request.headers.get('authorization') ?? '')
}

/** KMS JSON error for an operation this emulator does not serve (the KMS emulator comes with issue 3). */
export function kmsUnavailable(ctx: RequestContext): Response {
  const target = ctx.headers.get('x-amz-target') ?? ''
  return new Response(JSON.stringify({ __type: 'UnknownOperationException', message: `${target || 'This operation'} is not supported by this emulator yet` }), {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': ctx.requestId, ...idHeaders(ctx) },
  })
}
