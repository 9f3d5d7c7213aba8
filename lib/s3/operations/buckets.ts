/** Bucket lifecycle: CreateBucket, HeadBucket, DeleteBucket, ListBuckets. */
import { assertBucketName } from '../bucket-name'
import { S3Error } from '../errors'
import type { Bucket, EncryptionRule } from '../model'
import type { S3State } from '../state'
import { bucketHoldsVersions } from '../versions'

/** What a new bucket's encryption looks like: SSE-S3 since January 2023, SSE-C blocked since April 2026. */
export const defaultRule = (blockSseC: boolean): EncryptionRule => ({
  algorithm: 'AES256',
  bucketKeyEnabled: false,
  ...(blockSseC ? { blocked: ['SSE-C'] } : {}),
})

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export function createBucket(s3: S3State, name: string, locationConstraint?: string): Bucket {
  assertBucketName(name)
  const region = locationConstraint || 'us-east-1'
  if (locationConstraint === 'us-east-1') {
    throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: 'us-east-1',
    })
  }
  const existing = s3.buckets.get(name)
  if (existing) {
    // In us-east-1 S3 answers 200 and changes nothing when you already own the bucket (CreateBucket API docs).
    if (region === 'us-east-1') return existing
    throw new S3Error(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: name },
    )
  }
  const bucket: Bucket = {
    name,
    region,
    created: s3.options.now(),
    encryption: defaultRule(s3.options.blockSseCOnNewBuckets),
    encryptionExplicit: false,
    objects: new Map(),
    uploads: new Map(),
  }
  s3.buckets.set(name, bucket)
  return bucket
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
export const headBucket = (s3: S3State, name: string): Bucket => s3.bucket(name)

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
export function deleteBucket(s3: S3State, name: string): void {
  const bucket = s3.bucket(name)
  if (bucketHoldsVersions(bucket))
    throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name })
  s3.buckets.delete(name)
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html (sorted by name, as S3 lists them) */
export const listBuckets = (s3: S3State): Bucket[] =>
  [...s3.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
