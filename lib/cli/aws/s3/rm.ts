/** aws s3 rm: one object, or every object under a prefix with --recursive. */
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { EXIT } from '../usage'
import { send } from '../send'
import { isS3Uri, parseS3Uri } from './paths'
import { invalidArgumentType, type S3Command } from './spec'

export const rm: S3Command = {
  name: 'rm',
  positional: { name: 'paths', min: 1, max: 1 },
  options: [
    { name: '--recursive', arity: 'flag' },
    { name: '--quiet', arity: 'flag' },
  ],
  async run({ paths, options }, env, globals, io) {
    const path = paths[0]!
    if (!isS3Uri(path)) throw invalidArgumentType('<S3Uri>')
    const { bucket, key } = parseS3Uri(path)
    const s3 = env.clients(globals).s3
    const say = (k: string) => !options.has('--quiet') && io.out(`delete: s3://${bucket}/${k}\n`)
    if (!options.has('--recursive')) {
      await send(s3, 'DeleteObject', new DeleteObjectCommand({ Bucket: bucket, Key: key }))
      say(key)
      return EXIT.ok
    }
    let token: string | undefined
    do {
      const page = await send(
        s3,
        'ListObjectsV2',
        new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }),
      )
      for (const o of page.Contents ?? []) {
        await send(s3, 'DeleteObject', new DeleteObjectCommand({ Bucket: bucket, Key: o.Key! }))
        say(o.Key!)
      }
      token = page.NextContinuationToken
    } while (token)
    return EXIT.ok
  },
}
