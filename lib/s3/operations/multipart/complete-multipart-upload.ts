/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * Every check runs before anything changes: a failed Complete leaves the upload and its parts intact.
 */
import { concat, fromBase64, fromHex, toBase64 } from '../../../crypto/bytes'
import { checksum as digest, type ChecksumAlgorithm } from '../../../crypto/checksums'
import { combineBase64, type CombinableCrc } from '../../../crypto/crc-combine'
import { md5Hex } from '../../../crypto/md5'
import { invalidPart, malformedXml, S3Error } from '../../errors'
import { objectArn, type StoredObject, type UploadedPart } from '../../model'
import { releaseParts, storeChecksum, storeObject } from '../../object-bodies'
import { openDataKey } from '../../sse/data-key'
import { sseHeaderNotSupported } from '../../sse/read'
import type { SseRequest } from '../../sse/request'
import type { S3State } from '../../state'
import type { RequestInfo } from '../put-object'
import { checkUploadKey, findUpload, MIN_PART_SIZE } from './uploads'

export interface CompletedPartInput {
  partNumber: number
  etag: string
  /** Checksum elements the client listed for the part (ChecksumCRC32...), by algorithm. */
  checksums: Record<string, string>
}

export interface CompleteInput {
  bucket: string
  key: string
  uploadId: string
  parts: CompletedPartInput[]
  sse: SseRequest
}

const unquote = (etag: string) => etag.replace(/^"|"$/g, '')

function selectParts(
  uploadId: string,
  available: Map<number, UploadedPart>,
  listed: CompletedPartInput[],
  algorithm?: string,
): UploadedPart[] {
  if (listed.length === 0) throw malformedXml()
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]!.partNumber <= listed[i - 1]!.partNumber) {
      throw new S3Error(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
        400,
      )
    }
  }
  const parts = listed.map((p) => {
    const part = available.get(p.partNumber)
    if (!part || unquote(part.etag) !== unquote(p.etag))
      throw invalidPart({ UploadId: uploadId, PartNumber: String(p.partNumber), ETag: p.etag })
    const claimed = algorithm ? p.checksums[algorithm] : undefined
    if (claimed !== undefined && claimed !== part.checksum)
      throw invalidPart({ UploadId: uploadId, PartNumber: String(p.partNumber), ETag: p.etag })
    return part
  })
  parts.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_SIZE) {
      throw new S3Error(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        400,
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_SIZE),
          PartNumber: String(part.partNumber),
          ETag: unquote(part.etag),
        },
      )
    }
  })
  return parts
}

/** S3's multipart ETag: MD5 of the parts' binary MD5s, then "-N". Never an MD5 of the data (docs/fidelity.md §6.1). */
export const multipartEtag = (parts: UploadedPart[]) =>
  `"${md5Hex(concat(...parts.map((p) => fromHex(unquote(p.etag)))))}-${parts.length}"`

async function objectChecksum(
  parts: UploadedPart[],
  algorithm: string | undefined,
  type: 'FULL_OBJECT' | 'COMPOSITE' | undefined,
) {
  if (!algorithm) {
    // S3 gives every new object a CRC64NVME, multipart ones included (since December 2024).
    return {
      algorithm: 'CRC64NVME',
      type: 'FULL_OBJECT' as const,
      value: combineBase64(
        'CRC64NVME',
        parts.map((p) => ({ value: p.crc64nvme!, size: p.size })),
      ),
    }
  }
  if (type === 'FULL_OBJECT') {
    return {
      algorithm,
      type,
      value: combineBase64(
        algorithm as CombinableCrc,
        parts.map((p) => ({ value: p.checksum!, size: p.size })),
      ),
    }
  }
  const joined = concat(...parts.map((p) => fromBase64(p.checksum!)!))
  return {
    algorithm,
    type: 'COMPOSITE' as const,
    value: `${toBase64(await digest(algorithm as ChecksumAlgorithm, joined))}-${parts.length}`,
  }
}

export async function completeMultipartUpload(
  s3: S3State,
  input: CompleteInput,
  req: RequestInfo,
): Promise<StoredObject> {
  const { bucket, upload } = findUpload(s3, input.bucket, input.key, input.uploadId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported() // E3
  // The SSE-C key is optional here (AWS completes without it) but checked when sent (docs/fidelity.md §2.4).
  await checkUploadKey(s3, bucket, upload, input.sse, req, false)
  const parts = selectParts(upload.id, upload.parts, input.parts, upload.checksumAlgorithm)
  const arn = objectArn(bucket.name, upload.key)
  const checksum = await objectChecksum(parts, upload.checksumAlgorithm, upload.checksumType)
  // SSE-KMS and DSSE keep the checksum encrypted, which needs the data key (kms:Decrypt, as AWS requires).
  const kms = upload.sse.algorithm === 'aws:kms' || upload.sse.algorithm === 'aws:kms:dsse'
  const keys = kms ? await openDataKey(s3, upload.sse, upload.dataKey, arn, req) : { outer: new Uint8Array(0) }
  const stored = await storeChecksum(s3, arn, upload.sse, keys, checksum)
  const object: StoredObject = {
    key: upload.key,
    size: parts.reduce((n, p) => n + p.size, 0),
    etag: multipartEtag(parts),
    lastModified: s3.options.now(),
    system: upload.system,
    metadata: upload.metadata,
    ...(stored ? { checksum: stored } : {}),
    sse: upload.sse,
    sealed: { key: upload.dataKey, parts: parts.map((p) => p.body) },
    parts: parts.map((p) => ({
      partNumber: p.partNumber,
      size: p.size,
      ...(p.checksum !== undefined ? { checksum: p.checksum } : {}),
    })),
    ...(upload.storageClass ? { storageClass: upload.storageClass } : {}),
    ...(upload.tags?.length ? { tags: upload.tags } : {}),
  }
  storeObject(s3, bucket.name, object)
  bucket.uploads.delete(upload.id)
  // Parts uploaded but not listed are dropped with the upload.
  releaseParts(
    s3,
    [...upload.parts.values()].filter((p) => !parts.includes(p)).map((p) => p.body),
  )
  return object
}
