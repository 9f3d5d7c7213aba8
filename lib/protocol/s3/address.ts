/**
 * Bucket and key from a request, for both addressing styles S3 serves:
 * path style (`host/bucket/key`) and virtual-hosted style (`bucket.s3.region.amazonaws.com/key`).
 */
import { S3Error } from '../../s3/errors'

export interface S3Address {
  bucket?: string
  key?: string
}

// Endpoint suffixes under which the first labels name a bucket. Anything else (an IP, a bare
// localhost, the browser's s3.emulator.invalid) is path style. The bucket part is greedy so that the
// endpoint is the shortest matching suffix: a bucket such as `logs.s3.example.com` keeps its labels.
const VIRTUAL_HOST =
  /^(.+)\.(s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?|s3\.emulator\.invalid|localhost|s3\.localhost\.localstack\.cloud)$/

/**
 * A percent-encoded path piece as text. A spelling that is not UTF-8 (`%FF`) is refused, as S3 does, rather
 * than kept as typed: otherwise the key `%FF` would answer to two spellings (`%FF` and `%25FF`). docs/fidelity.md §10.2.
 */
const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400, { URI: segment })
  }
}

/** Bucket and key from the host and the raw path (lib/protocol/raw-path.ts): `..` in a key is part of the key. */
export function parseAddress(url: URL, path: string = url.pathname): S3Address {
  const host = url.hostname.toLowerCase()
  const virtual = VIRTUAL_HOST.exec(host)
  if (virtual) {
    const key = path.length > 1 ? decode(path.slice(1)) : undefined
    return { bucket: virtual[1], ...(key !== undefined ? { key } : {}) }
  }
  const slash = path.indexOf('/', 1)
  if (path.length <= 1) return {}
  if (slash < 0) return { bucket: decode(path.slice(1)) }
  const key = path.slice(slash + 1)
  return { bucket: decode(path.slice(1, slash)), ...(key !== '' ? { key: decode(key) } : {}) }
}
