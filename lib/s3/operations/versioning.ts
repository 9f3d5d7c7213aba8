/**
 * PutBucketVersioning, GetBucketVersioning and ListObjectVersions (docs/fidelity.md, "Versioning").
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
import { invalidArgument, malformedXml } from '../errors'
import type { Version, VersioningStatus } from '../model'
import type { S3State } from '../state'
import { checkVersionId, versionIdOf, versionSeq, versionsOf } from '../versions'
import { compareUtf8 } from './list-objects'

/** Enabled or Suspended; once versioned, a bucket can never go back to unversioned. */
export function putBucketVersioning(s3: S3State, bucket: string, status: string | undefined): void {
  const b = s3.bucket(bucket)
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml()
  b.versioning = status satisfies VersioningStatus
}

export const getBucketVersioning = (s3: S3State, bucket: string): VersioningStatus | undefined =>
  s3.bucket(bucket).versioning

export interface VersionListInput {
  bucket: string
  prefix: string
  delimiter?: string
  maxKeys: number
  keyMarker?: string
  versionIdMarker?: string
}

export interface ListedVersion {
  version: Version
  isLatest: boolean
}

export interface VersionListResult {
  /** Versions and delete markers, keys in UTF-8 order, each key's versions newest first. */
  entries: ListedVersion[]
  commonPrefixes: string[]
  isTruncated: boolean
  nextKeyMarker?: string
  nextVersionIdMarker?: string
}

/**
 * Where a listing resumes in a key's versions (newest first) after version-id-marker: after that version,
 * or, when it has been deleted since, after the last version newer than it (ids carry their order).
 */
function afterMarker(versions: Version[], marker: string): number {
  const at = versions.findIndex((v) => versionIdOf(v) === marker)
  if (at >= 0) return at + 1
  const seq = versionSeq(marker)
  if (seq === undefined) return versions.length
  let start = 0
  versions.forEach((v, i) => {
    const s = v.versionId !== undefined ? versionSeq(v.versionId) : undefined
    if (s !== undefined && s >= seq) start = i + 1
  })
  return start
}

/**
 * Lists every version of every key (on a never-versioned bucket: each object as its `null` version).
 * Markers: keys after key-marker; with version-id-marker, the versions of key-marker after that one too.
 */
export function listObjectVersions(s3: S3State, input: VersionListInput): VersionListResult {
  const bucket = s3.bucket(input.bucket)
  if (input.versionIdMarker !== undefined) {
    if (input.keyMarker === undefined)
      throw invalidArgument(
        'A version-id marker cannot be specified without a key marker.',
        'version-id-marker',
        input.versionIdMarker,
      )
    checkVersionId(input.versionIdMarker, 'version-id-marker')
  }
  const keyMarker = input.keyMarker
  const keys = [...new Set([...bucket.objects.keys(), ...(bucket.history?.keys() ?? [])])]
    .filter(
      (k) =>
        k.startsWith(input.prefix) &&
        (keyMarker === undefined ||
          compareUtf8(k, keyMarker) > 0 ||
          (k === keyMarker && input.versionIdMarker !== undefined)),
    )
    .sort(compareUtf8)
  const entries: ListedVersion[] = []
  const prefixes = new Set<string>()
  let lastKey: string | undefined
  let lastVersion: string | undefined
  let isTruncated = false
  const full = () => entries.length + prefixes.size >= input.maxKeys
  walk: for (const key of keys) {
    const rest = key.slice(input.prefix.length)
    const cut = input.delimiter ? rest.indexOf(input.delimiter) : -1
    if (cut >= 0) {
      const common = input.prefix + rest.slice(0, cut + input.delimiter!.length)
      if (!prefixes.has(common)) {
        if (full()) {
          isTruncated = true
          break
        }
        prefixes.add(common)
      }
      lastKey = key
      lastVersion = undefined
      continue
    }
    let versions = versionsOf(bucket, key).map((version, i) => ({ version, isLatest: i === 0 }))
    if (key === keyMarker)
      versions = versions.slice(
        afterMarker(
          versions.map((v) => v.version),
          input.versionIdMarker!,
        ),
      )
    for (const v of versions) {
      if (full()) {
        isTruncated = true
        break walk
      }
      entries.push(v)
      lastKey = key
      lastVersion = versionIdOf(v.version)
    }
  }
  return {
    entries,
    commonPrefixes: [...prefixes],
    isTruncated,
    ...(isTruncated && lastKey !== undefined ? { nextKeyMarker: lastKey } : {}),
    ...(isTruncated && lastVersion !== undefined ? { nextVersionIdMarker: lastVersion } : {}),
  }
}
