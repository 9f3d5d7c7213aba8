/**
 * Object tagging: PutObjectTagging, GetObjectTagging, DeleteObjectTagging and the x-amz-tagging header of
 * PutObject, CopyObject and CreateMultipartUpload. Tags belong to one version (docs/fidelity.md, "Tagging").
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 */
import { invalidArgument, S3Error } from '../errors'
import type { StoredObject, Tag } from '../model'
import type { S3State } from '../state'
import { findObjectVersion } from '../versions'

const MAX_TAGS = 10
const MAX_KEY = 128
const MAX_VALUE = 256

const invalidTag = (message: string) => new S3Error('InvalidTag', message, 400)

/** S3's limits on an object's tag set (S3 user guide, "Categorizing your storage using tags"). */
export function checkTags(tags: Tag[]): Tag[] {
  if (tags.length > MAX_TAGS) throw new S3Error('BadRequest', 'Object tags cannot be greater than 10', 400)
  const seen = new Set<string>()
  for (const t of tags) {
    if ([...t.key].length > MAX_KEY || t.key.length === 0)
      throw invalidTag(`The TagKey you have provided is ${t.key ? 'too long, max 128' : 'invalid'}`)
    if ([...t.value].length > MAX_VALUE) throw invalidTag('The TagValue you have provided is too long, max 256')
    if (seen.has(t.key)) throw invalidTag('Cannot provide multiple Tags with the same key')
    seen.add(t.key)
  }
  return tags
}

/** x-amz-tagging: URL query parameters ("Key1=Value1&Key2=Value2"), UTF-8 then URL-encoded. */
export function parseTaggingHeader(value: string): Tag[] {
  const pairs: Tag[] = []
  try {
    for (const part of value.split('&')) {
      if (part === '') continue
      const eq = part.indexOf('=')
      const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
      pairs.push(
        eq < 0
          ? { key: decode(part), value: '' }
          : { key: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) },
      )
    }
  } catch {
    throw taggingHeaderError(value)
  }
  if (new Set(pairs.map((p) => p.key)).size !== pairs.length) throw taggingHeaderError(value)
  return checkTags(pairs)
}

const taggingHeaderError = (value: string) =>
  invalidArgument(
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
    'x-amz-tagging',
    value,
  )

/** CopyObject's x-amz-tagging-directive: COPY (the default) keeps the source's tags, REPLACE takes the header's. */
export function copyTags(directive: string | undefined, source: StoredObject, header: string | undefined): Tag[] {
  if (directive !== undefined && directive !== 'COPY' && directive !== 'REPLACE')
    throw invalidArgument('Unknown tagging directive.', 'x-amz-tagging-directive', directive)
  if (directive === 'REPLACE') return header !== undefined ? parseTaggingHeader(header) : []
  return (source.tags ?? []).map((t) => ({ ...t }))
}

export interface TaggingTarget {
  bucket: string
  key: string
  versionId?: string
}

const target = (s3: S3State, t: TaggingTarget, method: string) =>
  findObjectVersion(s3.bucket(t.bucket), t.key, t.versionId, method)

export function putObjectTagging(s3: S3State, t: TaggingTarget, tags: Tag[]): StoredObject {
  const object = target(s3, t, 'PUT')
  object.tags = checkTags(tags)
  return object
}

export const getObjectTagging = (s3: S3State, t: TaggingTarget): StoredObject => target(s3, t, 'GET')

export function deleteObjectTagging(s3: S3State, t: TaggingTarget): StoredObject {
  const object = target(s3, t, 'DELETE')
  delete object.tags
  return object
}
