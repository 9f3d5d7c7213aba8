/** aws s3 ls: buckets, or a bucket's objects and prefixes (awscli/customizations/s3/subcommands.py ListCommand). */
import { ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { EXIT } from '../usage'
import { send } from '../send'
import type { AwsEnv } from '../io'
import { humanReadableSize, isS3Uri, parseS3Uri } from './paths'
import { invalidArgumentType, type S3Command } from './spec'

/** "YYYY-MM-DD HH:MM:SS" in the local time zone, as aws-cli prints it. */
export function localTimestamp(d: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`
}

export const ls: S3Command = {
  name: 'ls',
  positional: { name: 'paths', min: 0, max: 1 },
  options: [
    { name: '--recursive', arity: 'flag' },
    { name: '--human-readable', arity: 'flag' },
    { name: '--summarize', arity: 'flag' },
    { name: '--page-size', arity: 'value' },
  ],
  async run({ paths, options }, env: AwsEnv, globals, io) {
    const s3 = env.clients(globals).s3
    const human = options.has('--human-readable')
    const path = paths[0] ?? 's3://'
    if (!isS3Uri(path)) throw invalidArgumentType('<S3Uri>')
    const { bucket, key } = parseS3Uri(path)
    if (!bucket) {
      const { Buckets = [] } = await send(s3, 'ListBuckets', new ListBucketsCommand({}))
      for (const b of Buckets) io.out(`${localTimestamp(b.CreationDate!, env.timeZone)} ${b.Name}\n`)
      return EXIT.ok
    }
    const recursive = options.has('--recursive')
    let total = 0
    let size = 0
    let token: string | undefined
    let first = true
    let empty = false
    do {
      const page = await send(
        s3,
        'ListObjectsV2',
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: key,
          ...(recursive ? {} : { Delimiter: '/' }),
          ContinuationToken: token,
        }),
      )
      const prefixes = page.CommonPrefixes ?? []
      const contents = page.Contents ?? []
      if (first && !prefixes.length && !contents.length) empty = true
      for (const p of prefixes) io.out(`${'PRE'.padStart(30)} ${p.Prefix!.split('/').at(-2)}/\n`)
      for (const o of contents) {
        total++
        size += o.Size ?? 0
        const name = recursive ? o.Key! : o.Key!.split('/').at(-1)!
        const sizeText = (human ? humanReadableSize(o.Size ?? 0) : String(o.Size ?? 0)).padStart(10)
        io.out(`${localTimestamp(o.LastModified!, env.timeZone)} ${sizeText} ${name}\n`)
      }
      first = false
      token = page.NextContinuationToken
    } while (token)
    if (options.has('--summarize')) {
      io.out(`\nTotal Objects: ${total}\n`)
      io.out(`${'Total Size: '.padStart(15)}${human ? humanReadableSize(size) : size}\n`)
    }
    // aws-cli exits 1 when a prefix lists nothing (but 0 for an empty bucket root).
    return empty && key ? EXIT.s3Failure : EXIT.ok
  },
}
