/** HTTP bindings for PutObject, GetObject, HeadObject and DeleteObject. */
import { deleteObject, getObject, headObject, type ReadInput } from '../../s3/operations/get-object'
import { putObject } from '../../s3/operations/put-object'
import { revealChecksum } from '../../s3/object-bodies'
import { isDeleteMarker, type StoredObject } from '../../s3/model'
import { parseTaggingHeader } from '../../s3/operations/tagging'
import { versionHeader, versionIdOf, writtenVersionHeader } from '../../s3/versions'
import type { DataKeys } from '../../s3/at-rest-format'
import type { S3State } from '../../s3/state'
import type { ReceivedBody, RequestBody } from '../request-body'
import { idHeaders, type RequestContext } from '../context'
import type { S3Route } from './bucket-routes'
import { checksumHeaders, objectHeaders, sseRequest, sseResponseHeaders, systemMetadata, userMetadata } from './headers'
import { requestInfo } from './request-info'
import { ok, toReadableStream } from './respond'

export async function handlePutObject(route: S3Route, _: ReceivedBody, payload: RequestBody): Promise<Response> {
  const { ctx, s3, bucket, key } = route
  const h = ctx.headers
  const storageClass = h.get('x-amz-storage-class') ?? undefined
  const { object, checksum } = await putObject(
    s3,
    {
      bucket,
      key: key!,
      body: payload,
      sse: sseRequest(h),
      system: systemMetadata(h),
      metadata: userMetadata(h),
      ...(storageClass ? { storageClass } : {}),
      ...(h.get('x-amz-tagging') !== null ? { tags: parseTaggingHeader(h.get('x-amz-tagging')!) } : {}),
    },
    requestInfo(ctx),
  )
  // Since December 2024 S3 gives every new object a checksum: the client's, or CRC64NVME it computes.
  return ok(ctx, {
    etag: object.etag,
    ...checksumHeaders(checksum),
    ...sseResponseHeaders(object.sse, { withContext: true }),
    ...writtenVersionHeader(object),
  })
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
  const partNumber = ctx.query.get('partNumber') ?? undefined
  const versionId = ctx.query.get('versionId') ?? undefined
  return {
    bucket,
    key,
    conditions,
    sse: sseRequest(h),
    method: ctx.method,
    ...(versionId !== undefined ? { versionId } : {}),
    ...(opt('range') !== undefined ? { range: opt('range')! } : {}),
    ...(partNumber !== undefined ? { partNumber } : {}),
  }
}

const wantsChecksum = (ctx: RequestContext) => ctx.headers.get('x-amz-checksum-mode')?.toUpperCase() === 'ENABLED'

/** The stored checksum, decrypted for KMS objects (which is why checksum mode on HEAD needs kms:Decrypt). */
async function checksumOf(
  ctx: RequestContext,
  s3: S3State,
  bucket: string,
  object: StoredObject,
  keys?: DataKeys,
): Promise<Record<string, string>> {
  if (!object.checksum) return {}
  const value = await revealChecksum(s3, bucket, object, requestInfo(ctx), keys)
  return value === undefined ? {} : checksumHeaders({ ...object.checksum, value })
}

// GetObject's response-* query parameters override the stored headers for this response only.
const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
}

export async function handleHeadObject({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const { object, part } = await headObject(s3, readInput(ctx, bucket, key!), requestInfo(ctx))
  const headers = {
    ...objectHeaders(object),
    ...versionHeader(s3.bucket(bucket), object),
    'content-length': String(part ? part.range.end - part.range.start + 1 : object.size),
    ...(part ? { 'x-amz-mp-parts-count': String(part.count) } : {}),
    ...(wantsChecksum(ctx) && !part ? await checksumOf(ctx, s3, bucket, object) : {}),
  }
  // A part of a multipart object is partial content, on HEAD as on GET.
  return ok(ctx, headers, part && object.parts ? 206 : 200)
}

export async function handleGetObject({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const { object, body, length, range, part, keys } = await getObject(
    s3,
    readInput(ctx, bucket, key!),
    requestInfo(ctx),
  )
  const headers: Record<string, string> = {
    ...idHeaders(ctx),
    ...objectHeaders(object),
    ...versionHeader(s3.bucket(bucket), object),
    // GetObject alone reports the tag count (TagCount in the GetObject model; HeadObject has none).
    ...(object.tags?.length ? { 'x-amz-tagging-count': String(object.tags.length) } : {}),
    'content-length': String(length),
  }
  for (const [param, header] of Object.entries(OVERRIDES)) {
    const v = ctx.query.get(param)
    if (v !== null) headers[header] = v
  }
  const slice = range ?? part?.range
  if (slice) headers['content-range'] = `bytes ${slice.start}-${slice.end}/${object.size}`
  if (part) headers['x-amz-mp-parts-count'] = String(part.count)
  // A checksum describes the whole object, so S3 returns it only for full reads.
  else if (!range && wantsChecksum(ctx)) Object.assign(headers, await checksumOf(ctx, s3, bucket, object, keys))
  const status = range || (part && object.parts) ? 206 : 200
  return new Response(
    length ? toReadableStream(body, `${ctx.method} ${ctx.url.pathname} (request ${ctx.requestId})`) : null,
    { status, headers },
  )
}

export function handleDeleteObject({ ctx, s3, bucket, key }: S3Route): Response {
  const versionId = ctx.query.get('versionId') ?? undefined
  const { marker, target } = deleteObject(s3, bucket, key!, versionId)
  const removedMarker = target && isDeleteMarker(target)
  return ok(
    ctx,
    {
      ...(marker || removedMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      ...(marker ? { 'x-amz-version-id': versionIdOf(marker) } : {}),
      ...(versionId !== undefined ? { 'x-amz-version-id': versionId } : {}),
    },
    204,
  )
}
