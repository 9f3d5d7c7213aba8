/** HTTP bindings for CopyObject (PUT with x-amz-copy-source) and the x-amz-copy-source header itself. */
import { invalidArgument } from '../../s3/errors'
import { copyObject, type CopySource } from '../../s3/operations/copy-object'
import type { Conditions } from '../../s3/preconditions'
import type { RequestContext } from '../context'
import type { S3Route } from './bucket-routes'
import { copySourceSse, sseRequest, sseResponseHeaders, systemMetadata, userMetadata } from './headers'
import { requestInfo } from './request-info'
import { isoDate, xml } from './respond'
import { writtenVersionHeader } from '../../s3/versions'

const COPY_SOURCE = 'x-amz-copy-source'

/** `bucket/key`, `/bucket/key` or either with `?versionId=...`, URL-encoded (CopyObject API, CopySource). */
export function parseCopySource(value: string): CopySource {
  const [path = '', query = ''] = value.split('?', 2)
  const trimmed = path.startsWith('/') ? path.slice(1) : path
  const slash = trimmed.indexOf('/')
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      COPY_SOURCE,
      value,
    )
  }
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined
  return {
    bucket: decode(trimmed.slice(0, slash)),
    key: decode(trimmed.slice(slash + 1)),
    ...(versionId !== undefined ? { versionId } : {}),
  }
}

export function copyConditions(h: Headers): Conditions {
  const opt = (name: string) => h.get(`x-amz-copy-source-${name}`) ?? undefined
  const c: Conditions = {}
  if (opt('if-match') !== undefined) c.ifMatch = opt('if-match')!
  if (opt('if-none-match') !== undefined) c.ifNoneMatch = opt('if-none-match')!
  if (opt('if-modified-since') !== undefined) c.ifModifiedSince = opt('if-modified-since')!
  if (opt('if-unmodified-since') !== undefined) c.ifUnmodifiedSince = opt('if-unmodified-since')!
  return c
}

export const copySourceOf = (ctx: RequestContext) => parseCopySource(ctx.headers.get(COPY_SOURCE) ?? '')

export async function handleCopyObject({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const h = ctx.headers
  const opt = (name: string) => h.get(name) ?? undefined
  const system = systemMetadata(h)
  delete system['x-amz-website-redirect-location']
  const { object, checksum, source } = await copyObject(
    s3,
    {
      bucket,
      key: key!,
      source: copySourceOf(ctx),
      sse: sseRequest(h),
      sourceSse: copySourceSse(h),
      system,
      metadata: userMetadata(h),
      conditions: copyConditions(h),
      ...(opt('x-amz-metadata-directive') !== undefined ? { metadataDirective: opt('x-amz-metadata-directive')! } : {}),
      ...(opt('x-amz-storage-class') !== undefined ? { storageClass: opt('x-amz-storage-class')! } : {}),
      ...(opt('x-amz-website-redirect-location') !== undefined
        ? { websiteRedirect: opt('x-amz-website-redirect-location')! }
        : {}),
      ...(opt('x-amz-checksum-algorithm') !== undefined ? { checksumAlgorithm: opt('x-amz-checksum-algorithm')! } : {}),
      ...(opt('x-amz-tagging-directive') !== undefined ? { taggingDirective: opt('x-amz-tagging-directive')! } : {}),
      ...(opt('x-amz-tagging') !== undefined ? { tagging: opt('x-amz-tagging')! } : {}),
    },
    requestInfo(ctx),
  )
  return xml(
    ctx,
    'CopyObjectResult',
    [
      ['ETag', object.etag],
      ['LastModified', isoDate(object.lastModified)],
      ['ChecksumType', 'FULL_OBJECT'],
      [`Checksum${checksum.algorithm}`, checksum.value],
    ],
    {
      ...sseResponseHeaders(object.sse, { withContext: true }),
      ...writtenVersionHeader(object),
      ...(source.versionId !== undefined ? { 'x-amz-copy-source-version-id': source.versionId } : {}),
    },
  )
}
