/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html */
import { toBase64 } from '../../../crypto/bytes'
import { isChecksumAlgorithm } from '../../../crypto/checksums'
import { invalidRequest } from '../../errors'
import type { Tag, Upload } from '../../model'
import { newDataKey } from '../../sse/data-key'
import { resolveWriteEncryption, type SseRequest } from '../../sse/request'
import type { S3State } from '../../state'
import { assertKeyLength, transportOf, type RequestInfo } from '../put-object'

export interface CreateMultipartInput {
  bucket: string
  key: string
  sse: SseRequest
  system: Record<string, string>
  metadata: Record<string, string>
  checksumAlgorithm?: string
  checksumType?: string
  storageClass?: string
  tags?: Tag[]
}

const BAD_ALGORITHM =
  'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]'

function checksumSettings(
  algorithm: string | undefined,
  type: string | undefined,
): Pick<Upload, 'checksumAlgorithm' | 'checksumType'> {
  if (algorithm === undefined) {
    if (type !== undefined)
      throw invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.')
    return {}
  }
  const a = algorithm.toUpperCase()
  if (!isChecksumAlgorithm(a)) throw invalidRequest(BAD_ALGORITHM)
  if (type !== undefined && type !== 'FULL_OBJECT' && type !== 'COMPOSITE')
    throw invalidRequest('Value for x-amz-checksum-type header is invalid.')
  // Simulation note: the texts of the two combination errors below are ours; AWS refuses the combinations.
  // CRC64NVME exists only as a full-object checksum; the others default to composite (S3 user guide, "Checking object integrity").
  const chosen = type ?? (a === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE')
  if (chosen === 'COMPOSITE' && a === 'CRC64NVME')
    throw invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.')
  if (chosen === 'FULL_OBJECT' && (a === 'SHA1' || a === 'SHA256'))
    throw invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${a.toLowerCase()} checksum algorithm.`)
  return { checksumAlgorithm: a, checksumType: chosen }
}

/** Remembers the upload's encryption: every part is encrypted at rest under the upload's data key (or SSE-C key). */
export async function createMultipartUpload(
  s3: S3State,
  input: CreateMultipartInput,
  req: RequestInfo,
): Promise<Upload> {
  const bucket = s3.bucket(input.bucket)
  assertKeyLength(input.key)
  const target = resolveWriteEncryption(bucket, input.sse, transportOf(s3, req))
  const checksums = checksumSettings(input.checksumAlgorithm, input.checksumType)
  const dataKey = await newDataKey(s3, bucket.name, input.key, target, req)
  // Simulation note: real upload ids are opaque; ours are 48 random bytes, URL-safe base64.
  const id = toBase64(s3.options.random(48)).replace(/\+/g, '-').replace(/\//g, '_')
  const upload: Upload = {
    id,
    key: input.key,
    initiated: s3.options.now(),
    sse: dataKey.sse,
    dataKey: dataKey.wrap,
    system: input.system,
    metadata: input.metadata,
    ...checksums,
    ...(input.storageClass ? { storageClass: input.storageClass } : {}),
    ...(input.tags?.length ? { tags: input.tags } : {}),
    parts: new Map(),
    initiate: {
      ...(input.sse.algorithm !== undefined ? { algorithm: input.sse.algorithm } : {}),
      ...(input.sse.kmsKeyId !== undefined ? { kmsKeyId: input.sse.kmsKeyId } : {}),
      ...(input.sse.customerAlgorithm !== undefined ? { customerAlgorithm: input.sse.customerAlgorithm } : {}),
    },
  }
  bucket.uploads.set(id, upload)
  return upload
}
