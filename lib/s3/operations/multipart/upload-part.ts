/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 * Each part is encrypted at rest as it arrives, under the upload's data key (or the SSE-C key it must repeat).
 */
import { toHex } from '../../../crypto/bytes'
import { checksumBase64, type ChecksumAlgorithm } from '../../../crypto/checksums'
import { md5Hex } from '../../../crypto/md5'
import { invalidArgument, invalidRequest, S3Error } from '../../errors'
import { objectArn, type UploadedPart } from '../../model'
import { sealSegment } from '../../seal'
import { sizeText, traced } from '../../../trace/trace'
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

async function storePart(s3: S3State, input: UploadPartInput, body: Uint8Array, sent: { algorithm: string; value: string } | undefined, req: RequestInfo): Promise<UploadedPart> {
  const partNumber = parsePartNumber(input.partNumber)
  const { bucket, upload } = findUpload(s3, input.bucket, input.key, input.uploadId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported() // E3
  const customerKey = await checkUploadKey(s3, bucket, upload, input.sse, req)
  let checksum: string | undefined
  if (upload.checksumAlgorithm) {
    if (sent && sent.algorithm !== upload.checksumAlgorithm) {
      throw invalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${sent.algorithm.toLowerCase()}`)
    }
    checksum = sent?.value ?? (await checksumBase64(upload.checksumAlgorithm as ChecksumAlgorithm, body))
  }
  const arn = objectArn(bucket.name, upload.key)
  const keys = await openDataKey(s3, upload.sse, upload.dataKey, arn, req, customerKey)
  const segment = await traced(req.trace, 'AES-256-GCM encrypt', `part ${partNumber} · ${sizeText(body.length)}${keys.inner ? ' · two layers (DSSE)' : ''}`, () =>
    sealSegment(keys, body, arn, partNumber, s3.options.random),
  )
  const part: UploadedPart = {
    partNumber,
    size: body.length,
    // SSE-S3 parts get the MD5 of their bytes; SSE-KMS, DSSE and SSE-C parts 32 random hex digits (reference §6.1).
    etag: `"${upload.sse.algorithm === 'AES256' ? md5Hex(body) : toHex(s3.options.random(16))}"`,
    lastModified: s3.options.now(),
    ...(checksum !== undefined ? { checksum } : { crc64nvme: await checksumBase64('CRC64NVME', body) }),
    segment,
  }
  upload.parts.set(partNumber, part)
  return part
}

export const uploadPart = (s3: S3State, input: UploadPartInput, body: Uint8Array, checksum: { algorithm: string; value: string } | undefined, req: RequestInfo) =>
  storePart(s3, input, body, checksum, req)

export interface UploadPartCopyInput extends UploadPartInput {
  source: CopySource
  sourceSse: CustomerKeyHeaders
  /** x-amz-copy-source-range: bytes=first-last */
  range?: string
  /** x-amz-copy-source-if-*. */
  conditions: Conditions
}

const RANGE_FORM = 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy'

export async function uploadPartCopy(s3: S3State, input: UploadPartCopyInput, req: RequestInfo): Promise<UploadedPart> {
  parsePartNumber(input.partNumber)
  const { upload } = findUpload(s3, input.bucket, input.key, input.uploadId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported() // [INF] as UploadPart
  let range: [number, number] | undefined
  if (input.range !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(input.range)
    if (!m || Number(m[2]) < Number(m[1])) throw invalidArgument(RANGE_FORM, 'x-amz-copy-source-range', input.range)
    range = [Number(m[1]), Number(m[2])]
  }
  const { plaintext } = await readCopySource(s3, input.source, input.sourceSse, req, input.conditions)
  if (range && range[1] >= plaintext.length) {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: input.range!, ActualObjectSize: String(plaintext.length) })
  }
  const body = range ? plaintext.subarray(range[0], range[1] + 1) : plaintext
  const checksum = upload.checksumAlgorithm ? { algorithm: upload.checksumAlgorithm, value: await checksumBase64(upload.checksumAlgorithm as ChecksumAlgorithm, body) } : undefined
  return storePart(s3, input, body, checksum, req)
}
