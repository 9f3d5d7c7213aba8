/** What the S3 core needs to know about who sent a request and how (TLS for SSE-C; the access key for KMS and Bucket Keys). */
import type { RequestInfo } from '../../s3/operations/put-object'
import type { RequestContext } from '../context'
import { isSigV2 } from './signed-headers'

/** The access key id from a SigV4 Authorization header or a presigned URL's X-Amz-Credential. */
export function accessKeyIdOf(ctx: RequestContext): string | undefined {
  const header = /Credential=([^/,\s]+)\//.exec(ctx.headers.get('authorization') ?? '')?.[1]
  return header ?? ctx.query.get('X-Amz-Credential')?.split('/')[0] ?? undefined
}

export function requestInfo(ctx: RequestContext): RequestInfo {
  const accessKeyId = accessKeyIdOf(ctx) ?? ctx.query.get('AWSAccessKeyId') ?? undefined
  return {
    secure: ctx.secure,
    trace: ctx.trace,
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(isSigV2(ctx) ? { sigV2: true } : {}),
  }
}
