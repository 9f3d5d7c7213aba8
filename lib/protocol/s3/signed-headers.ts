/**
 * Presigned URLs (SigV4 query authentication): every x-amz-* header the client sends must be one of the
 * signed headers, or S3 answers 403 AccessDenied "There were headers present in the request which were
 * not signed" with <HeadersNotSigned> (docs/fidelity.md §6.4). SSE headers must be signed headers, never hoisted
 * query parameters; the SDK's presigner keeps them unhoisted for that reason.
 *
 * Simulation note: signatures themselves are not verified; only which headers were signed is checked.
 */
import { S3Error } from '../../s3/errors'
import type { RequestContext } from '../context'

export function checkSignedHeaders(ctx: RequestContext): void {
  if (!ctx.query.has('X-Amz-Signature')) return
  const signed = new Set((ctx.query.get('X-Amz-SignedHeaders') ?? '').toLowerCase().split(';').filter(Boolean))
  const unsigned: string[] = []
  ctx.headers.forEach((_value, name) => {
    if (name.startsWith('x-amz-') && !signed.has(name)) unsigned.push(name)
  })
  if (unsigned.length > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', 403, {
      HeadersNotSigned: unsigned.join(', '),
    })
  }
}

/** SigV2: `Authorization: AWS AKID:signature`, or a presigned URL with AWSAccessKeyId and Signature. */
export const isSigV2 = (ctx: RequestContext): boolean =>
  /^AWS [^:\s]+:/.test(ctx.headers.get('authorization') ?? '') ||
  (ctx.query.has('AWSAccessKeyId') && ctx.query.has('Signature'))
