/**
 * The response headers the playground reads, which a real bucket's CORS configuration must list in
 * ExposeHeaders: S3 allows no wildcard there, and a header left out is silently dropped by the browser
 * (the SDK then returns `undefined` for ServerSideEncryption, SSEKMSKeyId, ETag...).
 */
import { V2, V3 } from '../cse/constants'
import { isSafelisted } from './rules'

const SSE = [
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-server-side-encryption-context',
  'x-amz-server-side-encryption-bucket-key-enabled',
  'x-amz-server-side-encryption-customer-algorithm',
  'x-amz-server-side-encryption-customer-key-MD5',
]

const CHECKSUMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256', 'type'].map((c) => `x-amz-checksum-${c}`)

/** The S3 Encryption Client's metadata, read by `s3ec get-object` and the Buckets panel's client-side badge. */
const CSE_METADATA = [...Object.values(V2), ...Object.values(V3)].map((name) => `x-amz-meta-${name}`)

export const EXPOSE_HEADERS: readonly string[] = [
  'ETag',
  'x-amz-request-id',
  'x-amz-id-2',
  ...SSE,
  ...CHECKSUMS,
  'x-amz-version-id',
  'x-amz-copy-source-version-id',
  'x-amz-delete-marker',
  'x-amz-expiration',
  'x-amz-mp-parts-count',
  'x-amz-object-size',
  'x-amz-storage-class',
  'x-amz-tagging-count',
  'x-amz-missing-meta',
  'x-amz-bucket-region',
  'Content-Range',
  'Content-Disposition',
  'Content-Encoding',
  'Accept-Ranges',
  'Location',
  ...CSE_METADATA,
]

/**
 * Modelled output headers the playground never shows or uses (object lock, replication, archive...). The
 * unit test checks that every modelled header of the operations it sends is in one list or the other.
 */
export const NOT_READ_HEADERS: readonly string[] = [
  'x-amz-abort-date',
  'x-amz-abort-rule-id',
  'x-amz-access-point-alias',
  'x-amz-archive-status',
  'x-amz-bucket-arn',
  'x-amz-bucket-location-name',
  'x-amz-bucket-location-type',
  'x-amz-checksum-algorithm',
  'x-amz-checksum-md5',
  'x-amz-checksum-sha512',
  'x-amz-checksum-xxhash128',
  'x-amz-checksum-xxhash3',
  'x-amz-checksum-xxhash64',
  'x-amz-object-lock-legal-hold',
  'x-amz-object-lock-mode',
  'x-amz-object-lock-retain-until-date',
  'x-amz-replication-status',
  'x-amz-request-charged',
  'x-amz-restore',
  'x-amz-website-redirect-location',
]

/** Which of `wanted` browser code cannot read with these ExposeHeaders (safelisted ones always can). */
export function unexposed(wanted: readonly string[], exposeHeaders: readonly string[]): string[] {
  const exposed = new Set(exposeHeaders.map((h) => h.toLowerCase()))
  return wanted.filter((h) => !isSafelisted(h) && !exposed.has(h.toLowerCase()))
}
