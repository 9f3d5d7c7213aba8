/** Conditional reads (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since), RFC 9110 §13 as S3 applies it. */
import { S3Error } from './errors'
import type { StoredObject } from './model'

export interface Conditions {
  ifMatch?: string
  ifNoneMatch?: string
  ifModifiedSince?: string
  ifUnmodifiedSince?: string
}

const etagMatches = (list: string, etag: string) =>
  list.split(',').some((t) => {
    const tag = t.trim()
    return tag === '*' || tag === etag || `"${tag}"` === etag
  })

const failed = (condition: string) =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  })
const notModified = () => new S3Error('NotModified', 'Not Modified', 304)

// HTTP dates have one-second resolution: compare at that resolution.
const seconds = (d: Date) => Math.floor(d.getTime() / 1000)
const parseDate = (text?: string) => {
  if (text === undefined) return undefined
  const t = Date.parse(text)
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000)
}

export function checkConditions(object: StoredObject, c: Conditions): void {
  const modified = seconds(object.lastModified)
  if (c.ifMatch !== undefined && !etagMatches(c.ifMatch, object.etag)) throw failed('If-Match')
  const unmodifiedSince = parseDate(c.ifUnmodifiedSince)
  if (c.ifMatch === undefined && unmodifiedSince !== undefined && modified > unmodifiedSince)
    throw failed('If-Unmodified-Since')
  if (c.ifNoneMatch !== undefined && etagMatches(c.ifNoneMatch, object.etag)) throw notModified()
  const modifiedSince = parseDate(c.ifModifiedSince)
  if (c.ifNoneMatch === undefined && modifiedSince !== undefined && modified <= modifiedSince) throw notModified()
}
