/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
import { fromBase64, fromUtf8, toBase64, utf8 } from '../../crypto/bytes'
import { invalidArgument } from '../errors'
import type { StoredObject } from '../model'
import type { S3State } from '../state'

export interface ListInput {
  bucket: string
  prefix: string
  delimiter?: string
  maxKeys: number
  startAfter?: string
  continuationToken?: string
}

export interface ListResult {
  contents: StoredObject[]
  commonPrefixes: string[]
  isTruncated: boolean
  nextContinuationToken?: string
}

// Simulation note: real continuation tokens are opaque; ours is the base64 of the last key returned.
const encodeToken = (key: string) => toBase64(utf8(key))
function decodeToken(token: string): string {
  const bytes = fromBase64(token)
  if (!bytes) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token)
  return fromUtf8(bytes)
}

/**
 * S3 lists in UTF-8 binary order, which is code point order. JavaScript's default string order is UTF-16
 * code units, which differs once a key mixes U+E000..U+FFFF with characters above U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}

export function listObjectsV2(s3: S3State, input: ListInput): ListResult {
  const bucket = s3.bucket(input.bucket)
  const after = input.continuationToken !== undefined ? decodeToken(input.continuationToken) : input.startAfter
  const keys = [...bucket.objects.keys()]
    .filter((k) => k.startsWith(input.prefix) && (after === undefined || compareUtf8(k, after) > 0))
    .sort(compareUtf8)
  const contents: StoredObject[] = []
  const prefixes = new Set<string>()
  let last: string | undefined
  let isTruncated = false
  for (const key of keys) {
    const rest = key.slice(input.prefix.length)
    const cut = input.delimiter ? rest.indexOf(input.delimiter) : -1
    const common = cut >= 0 ? input.prefix + rest.slice(0, cut + input.delimiter!.length) : undefined
    if (common !== undefined && prefixes.has(common)) {
      last = key
      continue
    }
    if (contents.length + prefixes.size >= input.maxKeys) {
      isTruncated = true
      break
    }
    if (common !== undefined) prefixes.add(common)
    else contents.push(bucket.objects.get(key)!)
    last = key
  }
  return {
    contents,
    commonPrefixes: [...prefixes],
    isTruncated,
    ...(isTruncated && last !== undefined ? { nextContinuationToken: encodeToken(last) } : {}),
  }
}
