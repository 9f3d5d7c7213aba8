/** PutBucketCors, GetBucketCors, DeleteBucketCors: the rules a browser needs to call the bucket. */
import { malformedXml, S3Error } from '../errors'
import type { CorsRule } from '../model'
import type { S3State } from '../state'

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD']
const MAX_RULES = 100

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html */
export function putBucketCors(s3: S3State, name: string, rules: CorsRule[]): void {
  const bucket = s3.bucket(name)
  if (rules.length === 0) throw malformedXml()
  if (rules.length > MAX_RULES)
    throw new S3Error(
      'InvalidRequest',
      `The number of CORS rules should not exceed allowed limit of ${MAX_RULES} rules.`,
      400,
    )
  for (const rule of rules) {
    if (rule.allowedMethods.length === 0 || rule.allowedOrigins.length === 0) throw malformedXml()
    const bad = rule.allowedMethods.find((m) => !METHODS.includes(m))
    if (bad !== undefined)
      throw new S3Error(
        'InvalidRequest',
        `Found unsupported HTTP method in CORS config. Unsupported method is ${bad}`,
        400,
      )
    if (rule.allowedOrigins.some((o) => o.split('*').length > 2)) {
      throw new S3Error(
        'InvalidRequest',
        `AllowedOrigin "${rule.allowedOrigins.find((o) => o.split('*').length > 2)}" can not have more than one wildcard.`,
        400,
      )
    }
  }
  bucket.cors = rules
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html */
export function getBucketCors(s3: S3State, name: string): CorsRule[] {
  const bucket = s3.bucket(name)
  if (!bucket.cors)
    throw new S3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: name })
  return bucket.cors
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html (204, also when there was none) */
export function deleteBucketCors(s3: S3State, name: string): void {
  delete s3.bucket(name).cors
}
