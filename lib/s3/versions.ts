/**
 * Versioning (docs/fidelity.md, "Versioning"): the versions a key has, how writes and deletes add to them
 * and how one is found. A bucket keeps its current object of each key in `objects`, as before versioning,
 * and everything else (noncurrent versions, delete markers) in `history`, newest first. Each version is a
 * whole stored object with its own encryption, data key, checksum and tags: nothing is shared between them.
 */
import type { RandomSource } from '../crypto/random'
import { invalidArgument, noSuchKey, S3Error } from './errors'
import { isDeleteMarker, type Bucket, type DeleteMarker, type StoredObject, type Version } from './model'

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._'
const ID_LENGTH = 32

const SEQ_LENGTH = 8

/**
 * A new version id: 32 URL-safe characters, random ones then the bucket's version sequence number (8 characters,
 * base 64). Simulation note: S3's ids are opaque; ours carry their order so a version-id-marker still places a
 * listing after its version was deleted (a teardown deletes each page as it lists it).
 */
export function newVersionId(random: RandomSource, seq: number): string {
  let id = ''
  for (const b of random(ID_LENGTH - SEQ_LENGTH)) id += ID_ALPHABET[b & 63]
  for (let i = SEQ_LENGTH - 1; i >= 0; i--) id += ID_ALPHABET[Math.floor(seq / 64 ** i) % 64]
  return id
}

/** The sequence number inside a version id (undefined for `null`). */
export function versionSeq(id: string): number | undefined {
  if (id === 'null') return undefined
  let seq = 0
  for (const c of id.slice(-SEQ_LENGTH)) seq = seq * 64 + ID_ALPHABET.indexOf(c)
  return seq
}

/** `null`, or an id of the form this emulator hands out; anything else is S3's InvalidArgument. */
export function checkVersionId(id: string, argument = 'versionId'): void {
  if (id !== 'null' && !/^[A-Za-z0-9._]{32}$/.test(id))
    throw invalidArgument('Invalid version id specified', argument, id)
}

export const versionIdOf = (v: Version): string => v.versionId ?? 'null'

/** Every version of a key, newest first (the first is the current one). */
export function versionsOf(bucket: Bucket, key: string): Version[] {
  const current = bucket.objects.get(key)
  const older = bucket.history?.get(key) ?? []
  return current ? [current, ...older] : older
}

function setVersions(bucket: Bucket, key: string, list: Version[]): void {
  const head = list[0]
  const current = head && !isDeleteMarker(head) ? head : undefined
  if (current) bucket.objects.set(key, current)
  else bucket.objects.delete(key)
  const older = current ? list.slice(1) : list
  if (older.length > 0) (bucket.history ??= new Map()).set(key, older)
  else bucket.history?.delete(key)
}

/** Whether a bucket holds anything at all, versions and delete markers included (DeleteBucket's check). */
export const bucketHoldsVersions = (bucket: Bucket): boolean =>
  bucket.objects.size > 0 || (bucket.history?.size ?? 0) > 0

/** Every version of every key in a bucket (what holds blobs, what a snapshot saves). */
export function* allVersions(bucket: Bucket): Iterable<Version> {
  yield* bucket.objects.values()
  for (const list of bucket.history?.values() ?? []) yield* list
}

/**
 * Makes `version` the newest version of its key and returns the versions it replaces. With versioning
 * Enabled it gets a new id and replaces nothing; otherwise (never versioned, or Suspended) it is the
 * `null` version and replaces the previous `null` version, object or delete marker.
 */
export function addVersion(random: RandomSource, bucket: Bucket, version: Version): Version[] {
  if (bucket.versioning === 'Enabled') {
    bucket.versionSeq = (bucket.versionSeq ?? 0) + 1
    version.versionId = newVersionId(random, bucket.versionSeq)
  } else delete version.versionId
  const list = versionsOf(bucket, version.key)
  const replaced = version.versionId === undefined ? list.filter((v) => v.versionId === undefined) : []
  setVersions(bucket, version.key, [version, ...list.filter((v) => !replaced.includes(v))])
  return replaced
}

export interface DeleteOutcome {
  /** The delete marker this request created. */
  marker?: DeleteMarker
  /** The version removed for good (DELETE with a versionId, or the null version a marker replaced). */
  removed: Version[]
  /** DELETE with a versionId: that version, when it existed. */
  target?: Version
}

/**
 * DeleteObject without a versionId: on a never-versioned bucket the object goes; otherwise a delete marker
 * becomes the current version (S3 adds one even when the key has no versions at all).
 */
export function deleteLatest(random: RandomSource, bucket: Bucket, key: string, now: Date): DeleteOutcome {
  if (bucket.versioning === undefined) {
    const object = bucket.objects.get(key)
    bucket.objects.delete(key)
    return { removed: object ? [object] : [] }
  }
  const marker: DeleteMarker = { deleteMarker: true, key, lastModified: now }
  return { marker, removed: addVersion(random, bucket, marker) }
}

/** DeleteObject with a versionId: that version goes for good; the next older one becomes current. */
export function deleteVersion(bucket: Bucket, key: string, versionId: string): DeleteOutcome {
  checkVersionId(versionId)
  const list = versionsOf(bucket, key)
  const target = list.find((v) => versionIdOf(v) === versionId)
  if (!target) return { removed: [] }
  setVersions(
    bucket,
    key,
    list.filter((v) => v !== target),
  )
  return { removed: [target], target }
}

export const noSuchVersion = (key: string, versionId: string) =>
  new S3Error('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId })

/** The headers S3 sends with an answer about a delete marker. */
export const markerHeaders = (marker: DeleteMarker): Record<string, string> => ({
  'x-amz-delete-marker': 'true',
  'x-amz-version-id': versionIdOf(marker),
})

/**
 * The object a read names: the current one, or the version asked for. A current delete marker is 404
 * NoSuchKey, a delete marker asked for by id is 405 MethodNotAllowed, both with x-amz-delete-marker.
 */
export function findObjectVersion(
  bucket: Bucket,
  key: string,
  versionId: string | undefined,
  method = 'GET',
): StoredObject {
  if (versionId === undefined) {
    const object = bucket.objects.get(key)
    if (object) return object
    const head = bucket.history?.get(key)?.[0]
    const error = noSuchKey(key)
    if (head && isDeleteMarker(head))
      throw new S3Error(error.code, error.message, error.status, error.fields, markerHeaders(head))
    throw error
  }
  checkVersionId(versionId)
  const found = versionsOf(bucket, key).find((v) => versionIdOf(v) === versionId)
  if (!found) throw noSuchVersion(key, versionId)
  if (isDeleteMarker(found))
    throw new S3Error(
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      405,
      { Method: method, ResourceType: 'DeleteMarker' },
      { ...markerHeaders(found), 'last-modified': found.lastModified.toUTCString() },
    )
  return found
}

/** x-amz-version-id on responses about a version: only for buckets that have (or had) versioning. */
export const versionHeader = (bucket: Bucket, version: Version | undefined): Record<string, string> =>
  bucket.versioning !== undefined && version ? { 'x-amz-version-id': versionIdOf(version) } : {}

/** x-amz-version-id on the answer to a write: the new version's id, when versioning gave it one. */
export const writtenVersionHeader = (version: Version): Record<string, string> =>
  version.versionId !== undefined ? { 'x-amz-version-id': version.versionId } : {}
