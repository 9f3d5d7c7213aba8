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

export function listObjectsV2(s3: S3State, input: ListInput): ListResult {
  const bucket = s3.bucket(input.bucket)
  const after = input.continuationToken !== undefined ? decodeToken(input.continuationToken) : input.startAfter
  // S3 lists in UTF-8 binary order, which for these strings is code-unit order.
  const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(input.prefix) && (after === undefined || k > after)).sort()
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
