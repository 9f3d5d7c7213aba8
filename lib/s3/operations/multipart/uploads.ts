/** What the multipart operations share: finding an upload, part numbers, and the SSE-C consistency rules (docs/fidelity.md §2.4). */
import { invalidArgument, invalidRequest, noSuchUpload } from '../../errors'
import type { Bucket, Upload } from '../../model'
import { keyMatches } from '../../sse/customer-key'
import { customerKeyForWrite, hasCustomerKey, type SseRequest } from '../../sse/request'
import type { S3State } from '../../state'
import { transportOf, type RequestInfo } from '../put-object'

export const MIN_PART_SIZE = 5 * 1024 * 1024
export const MAX_PARTS = 10000

export const INITIATE_REQUESTED =
  'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.'
export const PARAMETERS_DIFFER = 'The provided encryption parameters did not match the ones used originally.'

export function findUpload(
  s3: S3State,
  bucketName: string,
  key: string,
  uploadId: string,
): { bucket: Bucket; upload: Upload } {
  const bucket = s3.bucket(bucketName)
  const upload = bucket.uploads.get(uploadId)
  if (!upload || upload.key !== key) throw noSuchUpload(uploadId)
  return { bucket, upload }
}

export function parsePartNumber(text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_PARTS) {
    throw invalidArgument(`Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`, 'partNumber', text)
  }
  return n
}

/**
 * UploadPart and UploadPartCopy must send the SSE-C key the upload was initiated with, and only then.
 * Returns the key for SSE-C uploads. `required: false` (CompleteMultipartUpload) lets the key be omitted,
 * as AWS does, but checks it when given.
 */
export async function checkUploadKey(
  s3: S3State,
  bucket: Bucket,
  upload: Upload,
  sse: SseRequest,
  req: RequestInfo,
  required = true,
): Promise<Uint8Array | undefined> {
  const sent = hasCustomerKey(sse)
  if (upload.sse.algorithm !== 'SSE-C') {
    if (sent) throw invalidRequest(INITIATE_REQUESTED)
    return undefined
  }
  if (!sent) {
    if (required) throw invalidRequest(INITIATE_REQUESTED)
    return undefined
  }
  const { key } = customerKeyForWrite(bucket, sse, transportOf(s3, req))
  if (!(await keyMatches(key, upload.sse.keyCheck))) throw invalidRequest(PARAMETERS_DIFFER)
  return key
}
