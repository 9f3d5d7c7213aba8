/** HTTP bindings for PutBucketPolicy, GetBucketPolicy and DeleteBucketPolicy (`?policy`). */
import { fromUtf8 } from '../../crypto/bytes'
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from '../../s3/operations/bucket-policy'
import { idHeaders } from '../context'
import type { S3Route } from './bucket-routes'
import { ok } from './respond'

export function handlePutBucketPolicy({ ctx, s3, bucket, body }: S3Route): Response {
  putBucketPolicy(s3, bucket, fromUtf8(body))
  return ok(ctx, {}, 204)
}

/** The policy comes back as the JSON document itself, not wrapped in XML. */
export function handleGetBucketPolicy({ ctx, s3, bucket }: S3Route): Response {
  return new Response(getBucketPolicy(s3, bucket), {
    status: 200,
    headers: { ...idHeaders(ctx), 'content-type': 'application/json' },
  })
}

export function handleDeleteBucketPolicy({ ctx, s3, bucket }: S3Route): Response {
  deleteBucketPolicy(s3, bucket)
  return ok(ctx, {}, 204)
}
