/** aws s3 mb and aws s3 rb. */
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { serviceErrorText, serviceFailure } from '../errors'
import { EXIT } from '../usage'
import { OperationFailed, send } from '../send'
import { isS3Uri, parseS3Uri } from './paths'
import { invalidArgumentType, type S3Command } from './spec'

const failureText = (error: unknown, operation: string) => {
  const f = serviceFailure(error instanceof OperationFailed ? error.cause : error)
  if (!f) throw error
  return serviceErrorText(f, operation)
}

export const mb: S3Command = {
  name: 'mb',
  positional: { name: 'path', min: 1, max: 1 },
  options: [],
  async run({ paths }, env, globals, io) {
    const path = paths[0]!
    if (!isS3Uri(path)) throw invalidArgumentType('<S3Uri>')
    const { bucket } = parseS3Uri(path)
    const region = globals.region ?? env.clients(globals).target.region
    try {
      await send(
        env.clients(globals).s3,
        'CreateBucket',
        new CreateBucketCommand({
          Bucket: bucket,
          ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as never } } : {}),
        }),
      )
      io.out(`make_bucket: ${bucket}\n`)
      return EXIT.ok
    } catch (error) {
      io.err(`make_bucket failed: ${path} ${failureText(error, 'CreateBucket')}\n`)
      return EXIT.s3Failure
    }
  },
}

export const rb: S3Command = {
  name: 'rb',
  positional: { name: 'path', min: 1, max: 1 },
  options: [{ name: '--force', arity: 'flag' }],
  async run({ paths, options }, env, globals, io) {
    const path = paths[0]!
    if (!isS3Uri(path)) throw invalidArgumentType('<S3Uri>')
    const { bucket, key } = parseS3Uri(path)
    if (key) {
      io.err('\nPlease specify a valid bucket name only. E.g. s3://bucket\n')
      return EXIT.usage
    }
    const s3 = env.clients(globals).s3
    if (options.has('--force')) {
      // Like `aws s3 rm --recursive`: delete every object first, reporting each.
      let token: string | undefined
      do {
        const page = await send(
          s3,
          'ListObjectsV2',
          new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
        )
        for (const o of page.Contents ?? []) {
          await send(s3, 'DeleteObject', new DeleteObjectCommand({ Bucket: bucket, Key: o.Key! }))
          io.out(`delete: s3://${bucket}/${o.Key}\n`)
        }
        token = page.NextContinuationToken
      } while (token)
    }
    try {
      await send(s3, 'DeleteBucket', new DeleteBucketCommand({ Bucket: bucket }))
      io.out(`remove_bucket: ${bucket}\n`)
      return EXIT.ok
    } catch (error) {
      io.err(`remove_bucket failed: ${path} ${failureText(error, 'DeleteBucket')}\n`)
      return EXIT.s3Failure
    }
  },
}
