/**
 * Which encryption a write request asks for, and what S3 makes of it: request headers first, then the
 * bucket default (which since January 2023 is at least SSE-S3). Checks and messages follow real S3
 * (docs/fidelity.md §2.1 E1, E2, E2b, E9; §2.2 C1–C9).
 */
import { fromBase64, fromUtf8 } from '../../crypto/bytes'
import { invalidArgument, S3Error } from '../errors'
import type { Bucket } from '../model'
import { hasAny, insecureConnection, validateWriteKey, type CustomerKey, type CustomerKeyHeaders } from './customer-key'

/** The encryption headers of a request, as raw strings (absent = undefined). */
export interface SseRequest {
  algorithm?: string
  kmsKeyId?: string
  context?: string
  bucketKeyEnabled?: string
  customerAlgorithm?: string
  customerKey?: string
  customerKeyMd5?: string
}

/** What a write will be encrypted with. */
export type WriteTarget =
  | { algorithm: 'AES256' }
  | {
      algorithm: 'aws:kms' | 'aws:kms:dsse'
      /** As given (header or bucket default); undefined = the AWS managed key aws/s3. */
      keyId?: string
      bucketKey: boolean
      /** Pairs from x-amz-server-side-encryption-context (S3 adds aws:s3:arn). */
      extraContext: Record<string, string>
      /** The header as sent, echoed on the write's response. */
      contextHeader?: string
    }
  | { algorithm: 'SSE-C'; customer: CustomerKey }

/** How the request arrived: SSE-C needs TLS unless the server was started with the named override. */
export interface Transport {
  secure: boolean
  allowSseCOverHttp?: boolean
}

const SSE_VALUES: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse']
const KMS_REQUIRED =
  'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms'
const CONTEXT_HEADER = 'x-amz-server-side-encryption-context'
const BAD_CONTEXT = `The header '${CONTEXT_HEADER}' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map`

export const customerHeaders = (r: SseRequest): CustomerKeyHeaders => ({
  ...(r.customerAlgorithm !== undefined ? { algorithm: r.customerAlgorithm } : {}),
  ...(r.customerKey !== undefined ? { key: r.customerKey } : {}),
  ...(r.customerKeyMd5 !== undefined ? { keyMd5: r.customerKeyMd5 } : {}),
})

export const hasCustomerKey = (r: SseRequest) => hasAny(customerHeaders(r))

export const sseCBlocked = (bucket: Bucket) => bucket.encryption.blocked?.includes('SSE-C') === true

/** C9: a bucket that blocks SSE-C refuses the write before the key is looked at (AWS, April 2026). */
export const sseCBlockedError = () => new S3Error('AccessDenied', 'Access Denied', 403)

/**
 * SSE-C checks shared by every write that takes the trio: C9 (blocked bucket), C8 (plain HTTP), then
 * C1–C7. Simulation note: the order of C8 against C9 is not documented; the block is checked first, as
 * it comes "before any key validation" (docs/fidelity.md §2.2 C9).
 */
export function customerKeyForWrite(bucket: Bucket, r: SseRequest, transport: Transport): CustomerKey {
  if (sseCBlocked(bucket)) throw sseCBlockedError()
  if (!transport.secure && !transport.allowSseCOverHttp) throw insecureConnection()
  return validateWriteKey(customerHeaders(r), r.algorithm)
}

/** E9: base64 of UTF-8 JSON holding a string → string map. */
export function parseContextHeader(header: string): Record<string, string> {
  const bytes = fromBase64(header)
  let parsed: unknown
  try {
    parsed = bytes && JSON.parse(fromUtf8(bytes))
  } catch {
    parsed = undefined
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw invalidArgument(BAD_CONTEXT, CONTEXT_HEADER, header)
  }
  return parsed as Record<string, string>
}

export function resolveWriteEncryption(
  bucket: Bucket,
  r: SseRequest,
  transport: Transport = { secure: true },
): WriteTarget {
  if (hasCustomerKey(r)) return { algorithm: 'SSE-C', customer: customerKeyForWrite(bucket, r, transport) }
  if (r.algorithm !== undefined && !SSE_VALUES.includes(r.algorithm)) {
    throw invalidArgument(
      'The encryption method specified is not supported',
      'x-amz-server-side-encryption',
      r.algorithm,
    )
  }
  const isKms = r.algorithm === 'aws:kms' || r.algorithm === 'aws:kms:dsse'
  if ((r.kmsKeyId !== undefined || r.context !== undefined) && !isKms) {
    throw invalidArgument(KMS_REQUIRED, 'x-amz-server-side-encryption-aws-kms-key-id', r.kmsKeyId ?? '')
  }
  const rule = bucket.encryption
  if (r.algorithm === 'AES256' || (r.algorithm === undefined && rule.algorithm === 'AES256'))
    return { algorithm: 'AES256' }
  const algorithm = (r.algorithm ?? rule.algorithm) as 'aws:kms' | 'aws:kms:dsse'
  // An explicit aws:kms without a key id means aws/s3, even when the bucket default names another key (§2.1).
  const keyId = r.algorithm !== undefined ? r.kmsKeyId : rule.kmsMasterKeyId
  const bucketKeyRequested =
    r.bucketKeyEnabled !== undefined ? r.bucketKeyEnabled.toLowerCase() === 'true' : rule.bucketKeyEnabled
  return {
    algorithm,
    ...(keyId !== undefined ? { keyId } : {}),
    // Bucket Keys "aren't supported for DSSE-KMS": accepted, not applied (docs/fidelity.md §9 Q8).
    bucketKey: algorithm === 'aws:kms' && bucketKeyRequested,
    extraContext: r.context !== undefined ? parseContextHeader(r.context) : {},
    ...(r.context !== undefined ? { contextHeader: r.context } : {}),
  }
}
