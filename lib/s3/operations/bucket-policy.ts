/** PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy. */
import { S3Error } from '../errors'
import { parseBucketPolicy } from '../policy/document'
import type { S3State } from '../state'

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html (validated; 204 on success) */
export function putBucketPolicy(s3: S3State, name: string, text: string): void {
  const bucket = s3.bucket(name)
  bucket.policy = parseBucketPolicy(text, name)
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html: the JSON as it was put. */
export function getBucketPolicy(s3: S3State, name: string): string {
  const bucket = s3.bucket(name)
  if (!bucket.policy)
    throw new S3Error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: name })
  return bucket.policy.text
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html (204, also when there is none) */
export function deleteBucketPolicy(s3: S3State, name: string): void {
  delete s3.bucket(name).policy
}
