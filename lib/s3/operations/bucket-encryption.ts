/** PutBucketEncryption, GetBucketEncryption, DeleteBucketEncryption. */
import { invalidArgument, malformedXml } from '../errors'
import type { BlockedType, EncryptionRule, SseAlgorithm } from '../model'
import type { S3State } from '../state'
import { defaultRule } from './buckets'

/** One <Rule> as it arrived, before validation. */
export interface RuleInput {
  algorithm?: string
  hasDefault: boolean
  kmsMasterKeyId?: string
  bucketKeyEnabled?: boolean
  blocked?: string[]
}

const ALGORITHMS: readonly string[] = ['AES256', 'aws:kms', 'aws:kms:dsse']
const BLOCKED: readonly string[] = ['SSE-C', 'NONE']

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketEncryption.html
 * The KMS key is stored verbatim and not validated: a bad key only shows on the first upload.
 */
export function putBucketEncryption(s3: S3State, name: string, rules: RuleInput[]): void {
  const bucket = s3.bucket(name)
  if (rules.length !== 1) throw malformedXml()
  const rule = rules[0]!
  if (rule.hasDefault && (rule.algorithm === undefined || !ALGORITHMS.includes(rule.algorithm))) throw malformedXml()
  if (rule.blocked && rule.blocked.some((t) => !BLOCKED.includes(t))) throw malformedXml()
  if (rule.kmsMasterKeyId !== undefined && rule.algorithm === 'AES256') {
    throw invalidArgument(
      'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
      'ApplyServerSideEncryptionByDefault',
    )
  }
  const next: EncryptionRule = {
    algorithm: (rule.algorithm as SseAlgorithm | undefined) ?? bucket.encryption.algorithm,
    bucketKeyEnabled: rule.bucketKeyEnabled ?? false,
    ...(rule.kmsMasterKeyId !== undefined ? { kmsMasterKeyId: rule.kmsMasterKeyId } : {}),
  }
  // Without the element S3 keeps the bucket's current SSE-C setting (seen as Terraform "perpetual diffs").
  const blocked = (rule.blocked as BlockedType[] | undefined) ?? bucket.encryption.blocked
  if (blocked) next.blocked = blocked
  bucket.encryption = next
  bucket.encryptionExplicit = true
}

/** Since 2023 this never 404s: a bucket with no configuration reports the SSE-S3 default. */
export const getBucketEncryption = (s3: S3State, name: string): EncryptionRule => s3.bucket(name).encryption

/**
 * Resets the default to SSE-S3; idempotent (204 each time).
 * Simulation note: whether AWS also resets BlockedEncryptionTypes is undocumented; we keep it.
 */
export function deleteBucketEncryption(s3: S3State, name: string): void {
  const bucket = s3.bucket(name)
  const reset = defaultRule(false)
  if (bucket.encryption.blocked) reset.blocked = bucket.encryption.blocked
  bucket.encryption = reset
  bucket.encryptionExplicit = false
}
