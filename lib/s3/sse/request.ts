/**
 * Which encryption a write request asks for, and what S3 makes of it: request headers first, then the
 * bucket default (which since January 2023 is at least SSE-S3). Checks and messages follow real S3
 * (reference: docs/s3-behaviour.md, errors E1, E2, C9).
 */
import { invalidArgument, notImplemented, S3Error } from '../errors'
import type { Bucket, SseAlgorithm } from '../model'

/** The encryption headers of a write request, as raw strings (absent = undefined). */
export interface SseRequest {
  algorithm?: string
  kmsKeyId?: string
  context?: string
  bucketKeyEnabled?: string
  customerAlgorithm?: string
  customerKey?: string
  customerKeyMd5?: string
}

export type ResolvedSse = { algorithm: 'AES256' }

const SSE_VALUES: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse']
const KMS_REQUIRED = 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms'

export const hasCustomerKey = (r: SseRequest) =>
  r.customerAlgorithm !== undefined || r.customerKey !== undefined || r.customerKeyMd5 !== undefined

export function resolveWriteEncryption(bucket: Bucket, r: SseRequest): ResolvedSse {
  if (hasCustomerKey(r)) {
    // C9: a bucket that blocks SSE-C refuses the write before looking at the key (AWS, April 2026).
    if (bucket.encryption.blocked?.includes('SSE-C')) throw new S3Error('AccessDenied', 'Access Denied', 403)
    throw notImplemented('x-amz-server-side-encryption-customer-algorithm')
  }
  if (r.algorithm !== undefined && !SSE_VALUES.includes(r.algorithm)) {
    throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', r.algorithm)
  }
  const isKms = r.algorithm === 'aws:kms' || r.algorithm === 'aws:kms:dsse'
  if ((r.kmsKeyId !== undefined || r.context !== undefined) && !isKms) {
    throw invalidArgument(KMS_REQUIRED, 'x-amz-server-side-encryption-aws-kms-key-id', r.kmsKeyId ?? '')
  }
  const algorithm: SseAlgorithm = (r.algorithm as SseAlgorithm | undefined) ?? bucket.encryption.algorithm
  if (algorithm !== 'AES256') throw notImplemented('x-amz-server-side-encryption')
  return { algorithm }
}
