/** HTTP bindings for object operations. */
import { checksumBase64 } from '../../crypto/checksums'
import { deleteObject, getObject, headObject, putObject, type ReadInput } from '../../s3/operations/objects'
import type { RequestContext } from '../context'
import type { ReceivedBody } from '../body'
import type { S3Route } from './bucket-routes'
import { checksumHeaders, objectHeaders, sseRequest, sseResponseHeaders, systemMetadata, userMetadata } from './headers'
import { ok } from './respond'
import { idHeaders } from '../context'

export async function handlePutObject(route: S3Route, received: ReceivedBody): Promise<Response> {
  const { ctx, s3, bucket, key } = route
  const h = ctx.headers
  // Since December 2024 S3 gives every new object a checksum: the client's, or CRC64NVME it computes.
  const checksum = received.checksum
    ? { ...received.checksum, type: 'FULL_OBJECT' as const }
    : { algorithm: 'CRC64NVME', value: await checksumBase64('CRC64NVME', received.bytes), type: 'FULL_OBJECT' as const }
  const object = await putObject(s3, {
    bucket,
    key: key!,
    body: received.bytes,
    sse: sseRequest(h),
    system: systemMetadata(h),
    metadata: userMetadata(h),
    checksum,
  })
  return ok(ctx, { etag: object.etag, ...checksumHeaders(object), ...sseResponseHeaders(object) })
}

const readInput = (ctx: RequestContext, bucket: string, key: string): ReadInput => {
  const h = ctx.headers
  const opt = (name: string) => h.get(name) ?? undefined
  const conditions = {
    ...(opt('if-match') !== undefined ? { ifMatch: opt('if-match')! } : {}),
    ...(opt('if-none-match') !== undefined ? { ifNoneMatch: opt('if-none-match')! } : {}),
    ...(opt('if-modified-since') !== undefined ? { ifModifiedSince: opt('if-modified-since')! } : {}),
    ...(opt('if-unmodified-since') !== undefined ? { ifUnmodifiedSince: opt('if-unmodified-since')! } : {}),
  }
  return { bucket, key, conditions, sse: sseRequest(h), ...(opt('range') !== undefined ? { range: opt('range')! } : {}) }
}

const wantsChecksum = (ctx: RequestContext) => ctx.headers.get('x-amz-checksum-mode')?.toUpperCase() === 'ENABLED'

// GetObject's response-* query parameters override the stored headers for this response only.
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
}

export function handleHeadObject({ ctx, s3, bucket, key }: S3Route): Response {
  const object = headObject(s3, readInput(ctx, bucket, key!))
  return ok(ctx, {
    ...objectHeaders(object),
    'content-length': String(object.size),
    ...(wantsChecksum(ctx) ? checksumHeaders(object) : {}),
  })
}

export async function handleGetObject({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const { object, body, range } = await getObject(s3, readInput(ctx, bucket, key!))
  const headers: Record<string, string> = { ...idHeaders(ctx), ...objectHeaders(object), 'content-length': String(body.length) }
  for (const [param, header] of Object.entries(OVERRIDES)) {
    const v = ctx.query.get(param)
    if (v !== null) headers[header] = v
  }
  if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`
  // A checksum describes the whole object, so S3 returns it only for full reads.
  else if (wantsChecksum(ctx)) Object.assign(headers, checksumHeaders(object))
  return new Response(body.length ? (body as Uint8Array<ArrayBuffer>) : null, { status: range ? 206 : 200, headers })
}

export function handleDeleteObject({ ctx, s3, bucket, key }: S3Route): Response {
  deleteObject(s3, bucket, key!)
  return ok(ctx, {}, 204)
}
