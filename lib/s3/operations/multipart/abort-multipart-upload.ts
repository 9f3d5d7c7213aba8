/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
import { releaseParts } from '../../object-bodies'
import type { S3State } from '../../state'
import { findUpload } from './uploads'

/** Deletes the upload and every stored part; NoSuchUpload (404) if it is not in progress. */
export function abortMultipartUpload(s3: S3State, bucket: string, key: string, uploadId: string): void {
  const found = findUpload(s3, bucket, key, uploadId)
  found.bucket.uploads.delete(uploadId)
  releaseParts(
    s3,
    [...found.upload.parts.values()].map((p) => p.body),
  )
}
