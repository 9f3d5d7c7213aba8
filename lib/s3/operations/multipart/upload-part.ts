/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 * Each part is encrypted at rest as it arrives, under the upload's data key (or the SSE-C key it must repeat).
 */
import { toBase64, toHex } from '../../../crypto/bytes'
import type { ChecksumAlgorithm } from '../../../crypto/checksums'
import { invalidArgument, invalidRequest, noSuchUpload, S3Error } from '../../errors'
import { objectArn, type UploadedPart } from '../../model'
import { releaseParts, writePart } from '../../object-bodies'
import { streamPayload, type Payload } from '../../payload'
import type { Conditions } from '../../preconditions'
import type { CustomerKeyHeaders } from '../../sse/customer-key'
import { openDataKey } from '../../sse/data-key'
import { sseHeaderNotSupported } from '../../sse/read'
import type { SseRequest } from '../../sse/request'
import type { S3State } from '../../state'
import { readCopySource, type CopySource } from '../copy-object'
import type { RequestInfo } from '../put-object'
import { checkUploadKey, findUpload, parsePartNumber } from './uploads'

export interface UploadPartInput {
  bucket: string
  key: string
  uploadId: string
  partNumber: string
  sse: SseRequest
}

async function storePart(s3: S3State, input: UploadPartInput, body: Payload, req: RequestInfo): Promise<UploadedPart> {
  const partNumber = parsePartNumber(input.partNumber)
  const { bucket, upload } = findUpload(s3, input.bucket, input.key, input.uploadId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported() // E3
  const customerKey = await checkUploadKey(s3, bucket, upload, input.sse, req)
  const algorithm = upload.checksumAlgorithm as ChecksumAlgorithm | undefined
  const mismatch = (sent: string) =>
    invalidRequest(
      `Checksum Type mismatch occurred, expected checksum Type: ${algorithm!.toLowerCase()}, actual checksum Type: ${sent.toLowerCase()}`,
    )
  if (algorithm && body.announced && body.announced !== algorithm) throw mismatch(body.announced)
  // The part's checksum in the upload's algorithm; without one, its CRC64NVME for the object's default checksum.
  body.want(algorithm ?? 'CRC64NVME')
  if (upload.sse.algorithm === 'AES256') body.want('MD5')
  const arn = objectArn(bucket.name, upload.key)
  const keys = await openDataKey(s3, upload.sse, upload.dataKey, arn, req, customerKey)
  const stored = await writePart(s3, keys, { arn, partNumber }, body, req)
  if (algorithm && body.checksum && body.checksum.algorithm !== algorithm) {
    releaseParts(s3, [stored])
    throw mismatch(body.checksum.algorithm)
  }
  const part: UploadedPart = {
    partNumber,
    size: body.size,
    // SSE-S3 parts get the MD5 of their bytes; SSE-KMS, DSSE and SSE-C parts 32 random hex digits (docs/fidelity.md §6.1).
    etag: `"${upload.sse.algorithm === 'AES256' ? toHex(body.digest('MD5')) : toHex(s3.options.random(16))}"`,
    lastModified: s3.options.now(),
    ...(algorithm ? { checksum: toBase64(body.digest(algorithm)) } : { crc64nvme: toBase64(body.digest('CRC64NVME')) }),
    body: stored,
  }
  // A part uploaded again replaces the earlier one (the upload may have been aborted meanwhile: then it is dropped).
  if (bucket.uploads.get(upload.id) !== upload) {
    releaseParts(s3, [stored])
    throw noSuchUpload(upload.id)
  }
  const previous = upload.parts.get(partNumber)
  upload.parts.set(partNumber, part)
  if (previous) releaseParts(s3, [previous.body])
  return part
}

export const uploadPart = (s3: S3State, input: UploadPartInput, body: Payload, req: RequestInfo) =>
  storePart(s3, input, body, req)

export interface UploadPartCopyInput extends UploadPartInput {
  source: CopySource
  sourceSse: CustomerKeyHeaders
  /** x-amz-copy-source-range: bytes=first-last */
  range?: string
  /** x-amz-copy-source-if-*. */
  conditions: Conditions
}

const RANGE_FORM =
  'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy'

export async function uploadPartCopy(s3: S3State, input: UploadPartCopyInput, req: RequestInfo): Promise<UploadedPart> {
  parsePartNumber(input.partNumber)
  findUpload(s3, input.bucket, input.key, input.uploadId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported() // [INF] as UploadPart
  let range: [number, number] | undefined
  if (input.range !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(input.range)
    if (!m || Number(m[2]) < Number(m[1])) throw invalidArgument(RANGE_FORM, 'x-amz-copy-source-range', input.range)
    range = [Number(m[1]), Number(m[2])]
  }
  const { object, read } = await readCopySource(s3, input.source, input.sourceSse, req, input.conditions)
  if (range && range[1] >= object.size) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: input.range!,
      ActualObjectSize: String(object.size),
    })
  }
  return storePart(s3, input, streamPayload(read(range ? { start: range[0], end: range[1] } : undefined)), req)
}
