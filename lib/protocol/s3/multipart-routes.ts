/** HTTP bindings for multipart uploads: Create, UploadPart, UploadPartCopy, Complete, Abort, ListParts, ListMultipartUploads. */
import { fromUtf8 } from '../../crypto/bytes'
import { malformedXml } from '../../s3/errors'
import { abortMultipartUpload } from '../../s3/operations/multipart/abort-multipart-upload'
import {
  completeMultipartUpload,
  type CompletedPartInput,
} from '../../s3/operations/multipart/complete-multipart-upload'
import { createMultipartUpload } from '../../s3/operations/multipart/create-multipart-upload'
import { listMultipartUploads, listParts } from '../../s3/operations/multipart/list-uploads'
import { uploadPart, uploadPartCopy } from '../../s3/operations/multipart/upload-part'
import { parseTaggingHeader } from '../../s3/operations/tagging'
import { writtenVersionHeader } from '../../s3/versions'
import type { ReceivedBody, RequestBody } from '../request-body'
import { children, parseXml, text, type ParsedXml, type XmlNode } from '../xml'
import { ownerId, type S3Route } from './bucket-routes'
import { copyConditions, copySourceOf } from './copy-routes'
import { copySourceSse, sseRequest, sseResponseHeaders, systemMetadata, userMetadata } from './headers'
import { requestInfo } from './request-info'
import { isoDate, ok, xml } from './respond'

const CHECKSUM_ELEMENTS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256']

export async function handleCreateMultipartUpload({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const h = ctx.headers
  const opt = (name: string) => h.get(name) ?? undefined
  const upload = await createMultipartUpload(
    s3,
    {
      bucket,
      key: key!,
      sse: sseRequest(h),
      system: systemMetadata(h),
      metadata: userMetadata(h),
      ...(opt('x-amz-checksum-algorithm') !== undefined ? { checksumAlgorithm: opt('x-amz-checksum-algorithm')! } : {}),
      ...(opt('x-amz-checksum-type') !== undefined ? { checksumType: opt('x-amz-checksum-type')! } : {}),
      ...(opt('x-amz-storage-class') !== undefined ? { storageClass: opt('x-amz-storage-class')! } : {}),
      ...(opt('x-amz-tagging') !== undefined ? { tags: parseTaggingHeader(opt('x-amz-tagging')!) } : {}),
    },
    requestInfo(ctx),
  )
  return xml(
    ctx,
    'InitiateMultipartUploadResult',
    [
      ['Bucket', bucket],
      ['Key', upload.key],
      ['UploadId', upload.id],
    ],
    {
      ...sseResponseHeaders(upload.sse, { withContext: true }),
      ...(upload.checksumAlgorithm
        ? { 'x-amz-checksum-algorithm': upload.checksumAlgorithm, 'x-amz-checksum-type': upload.checksumType! }
        : {}),
    },
  )
}

const partInput = (route: S3Route) => ({
  bucket: route.bucket,
  key: route.key!,
  uploadId: route.ctx.query.get('uploadId') ?? '',
  partNumber: route.ctx.query.get('partNumber') ?? '',
  sse: sseRequest(route.ctx.headers),
})

export async function handleUploadPart(route: S3Route, _: ReceivedBody, received: RequestBody): Promise<Response> {
  const part = await uploadPart(route.s3, partInput(route), received, requestInfo(route.ctx))
  const upload = route.s3.bucket(route.bucket).uploads.get(partInput(route).uploadId)!
  // The part's checksum in the upload's algorithm, else the one the client sent (verified by readBody).
  const checksum =
    part.checksum !== undefined && upload.checksumAlgorithm
      ? { [`x-amz-checksum-${upload.checksumAlgorithm.toLowerCase()}`]: part.checksum }
      : received.checksum
        ? { [`x-amz-checksum-${received.checksum.algorithm.toLowerCase()}`]: received.checksum.value }
        : {}
  return ok(route.ctx, { etag: part.etag, ...checksum, ...sseResponseHeaders(upload.sse) })
}

export async function handleUploadPartCopy(route: S3Route): Promise<Response> {
  const h = route.ctx.headers
  const range = h.get('x-amz-copy-source-range') ?? undefined
  const input = {
    ...partInput(route),
    source: copySourceOf(route.ctx),
    sourceSse: copySourceSse(h),
    conditions: copyConditions(h),
    ...(range !== undefined ? { range } : {}),
  }
  const part = await uploadPartCopy(route.s3, input, requestInfo(route.ctx))
  const upload = route.s3.bucket(route.bucket).uploads.get(input.uploadId)!
  const nodes: XmlNode[] = [
    ['ETag', part.etag],
    ['LastModified', isoDate(part.lastModified)],
    upload.checksumAlgorithm && part.checksum ? [`Checksum${upload.checksumAlgorithm}`, part.checksum] : undefined,
  ]
  return xml(route.ctx, 'CopyPartResult', nodes, sseResponseHeaders(upload.sse))
}

function parseCompleteBody(body: Uint8Array): CompletedPartInput[] {
  const root = children(parseXml(fromUtf8(body)), 'CompleteMultipartUpload')[0]
  if (!root) throw malformedXml()
  return children(root, 'Part').map((p: ParsedXml) => {
    const number = text(p, 'PartNumber')
    const etag = text(p, 'ETag')
    if (number === undefined || !/^\d+$/.test(number) || etag === undefined) throw malformedXml()
    const checksums: Record<string, string> = {}
    for (const a of CHECKSUM_ELEMENTS) {
      const v = text(p, `Checksum${a}`)
      if (v !== undefined) checksums[a] = v
    }
    return { partNumber: Number(number), etag, checksums }
  })
}

export async function handleCompleteMultipartUpload({ ctx, s3, bucket, key, body }: S3Route): Promise<Response> {
  const uploadId = ctx.query.get('uploadId') ?? ''
  const object = await completeMultipartUpload(
    s3,
    { bucket, key: key!, uploadId, parts: parseCompleteBody(body), sse: sseRequest(ctx.headers) },
    requestInfo(ctx),
  )
  const c = object.checksum
  const value = c?.value
  const nodes: XmlNode[] = [
    ['Location', `${ctx.url.origin}/${bucket}/${encodeURIComponent(object.key)}`],
    ['Bucket', bucket],
    ['Key', object.key],
    ['ETag', object.etag],
    c && value !== undefined ? [`Checksum${c.algorithm}`, value] : undefined,
    c ? ['ChecksumType', c.type] : undefined,
  ]
  // CompleteMultipartUpload reports SSE-S3/KMS settings, but nothing at all for SSE-C (docs/fidelity.md §1.2).
  const sse = object.sse.algorithm === 'SSE-C' ? {} : sseResponseHeaders(object.sse)
  return xml(ctx, 'CompleteMultipartUploadResult', nodes, { ...sse, ...writtenVersionHeader(object) })
}

export function handleAbortMultipartUpload({ ctx, s3, bucket, key }: S3Route): Response {
  abortMultipartUpload(s3, bucket, key!, ctx.query.get('uploadId') ?? '')
  return ok(ctx, {}, 204)
}

export function handleListParts({ ctx, s3, bucket, key }: S3Route): Response {
  const q = ctx.query
  const result = listParts(s3, {
    bucket,
    key: key!,
    uploadId: q.get('uploadId') ?? '',
    ...(q.get('max-parts') !== null ? { maxParts: q.get('max-parts')! } : {}),
    ...(q.get('part-number-marker') !== null ? { partNumberMarker: q.get('part-number-marker')! } : {}),
  })
  const { upload } = result
  const owner: XmlNode[] = [['ID', ownerId(s3.options.account)]]
  const nodes: XmlNode[] = [
    ['Bucket', bucket],
    ['Key', upload.key],
    ['UploadId', upload.id],
    ['PartNumberMarker', result.marker],
    ['NextPartNumberMarker', result.nextMarker],
    ['MaxParts', result.maxParts],
    ['IsTruncated', result.isTruncated],
    ...result.parts.map((p): XmlNode => [
      'Part',
      [
        ['PartNumber', p.partNumber],
        ['LastModified', isoDate(p.lastModified)],
        ['ETag', p.etag],
        ['Size', p.size],
        upload.checksumAlgorithm && p.checksum ? [`Checksum${upload.checksumAlgorithm}`, p.checksum] : undefined,
      ],
    ]),
    ['Initiator', owner],
    ['Owner', owner],
    ['StorageClass', upload.storageClass ?? 'STANDARD'],
    ['ChecksumAlgorithm', upload.checksumAlgorithm],
    ['ChecksumType', upload.checksumType],
  ]
  return xml(ctx, 'ListPartsResult', nodes)
}

export function handleListMultipartUploads({ ctx, s3, bucket }: S3Route): Response {
  const q = ctx.query
  const opt = (name: string) => q.get(name) ?? undefined
  const prefix = opt('prefix') ?? ''
  const delimiter = opt('delimiter') || undefined
  const result = listMultipartUploads(s3, {
    bucket,
    prefix,
    ...(delimiter ? { delimiter } : {}),
    ...(opt('key-marker') !== undefined ? { keyMarker: opt('key-marker')! } : {}),
    ...(opt('upload-id-marker') !== undefined ? { uploadIdMarker: opt('upload-id-marker')! } : {}),
    ...(opt('max-uploads') !== undefined ? { maxUploads: opt('max-uploads')! } : {}),
  })
  const owner: XmlNode[] = [['ID', ownerId(s3.options.account)]]
  const last = result.uploads.at(-1)
  const nodes: XmlNode[] = [
    ['Bucket', bucket],
    ['KeyMarker', opt('key-marker') ?? ''],
    ['UploadIdMarker', opt('upload-id-marker') ?? ''],
    ['NextKeyMarker', result.isTruncated && last ? last.key : undefined],
    ['NextUploadIdMarker', result.isTruncated && last ? last.id : undefined],
    ['Delimiter', delimiter],
    ['Prefix', prefix],
    ['MaxUploads', result.maxUploads],
    ['IsTruncated', result.isTruncated],
    ...result.uploads.map((u): XmlNode => [
      'Upload',
      [
        ['Key', u.key],
        ['UploadId', u.id],
        ['Initiator', owner],
        ['Owner', owner],
        ['StorageClass', u.storageClass ?? 'STANDARD'],
        ['Initiated', isoDate(u.initiated)],
        ['ChecksumAlgorithm', u.checksumAlgorithm],
        ['ChecksumType', u.checksumType],
      ],
    ]),
    ...result.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', p]]]),
  ]
  return xml(ctx, 'ListMultipartUploadsResult', nodes)
}
