/**
 * The Buckets panel: every bucket with its default encryption, every object with its encryption badges, and
 * in a versioned bucket every version (each with its own encryption) and delete marker, newest first.
 */
import { isDeleteMarker, type Bucket, type Version } from '../s3/model'
import type { S3State } from '../s3/state'
import { versionIdOf, versionsOf } from '../s3/versions'
import { isClientSideKey } from './encryption-headers'
import { viewStored, type Sse } from './stored'

export type Badge = 'SSE-S3' | 'SSE-KMS' | 'DSSE-KMS' | 'SSE-C' | 'client-side'

export interface ObjectRow {
  bucket: string
  key: string
  size: number
  lastModified: Date
  badges: Badge[]
  kmsKeyArn?: string
  bucketKey?: boolean
  parts?: number
  /** Versioned buckets only: the version id (`null` for the null version). */
  versionId?: string
  /** The current version of its key (always true in a never-versioned bucket). */
  latest: boolean
  /** A delete marker: no data, no encryption. */
  deleteMarker?: boolean
}

export interface BucketRow {
  name: string
  created: Date
  defaultBadge: Badge
  defaultKeyArn?: string
  bucketKey: boolean
  /** BlockedEncryptionTypes, e.g. ['SSE-C']; undefined when the element is absent. */
  blocked?: string[]
  /** PutBucketVersioning's status; undefined for a bucket that was never versioned. */
  versioning?: string
  /** Objects by key; in a versioned bucket every version and delete marker of each key, newest first. */
  objects: ObjectRow[]
}

const BADGE: Record<string, Badge> = {
  AES256: 'SSE-S3',
  'aws:kms': 'SSE-KMS',
  'aws:kms:dsse': 'DSSE-KMS',
  'SSE-C': 'SSE-C',
}

export const serverSideBadge = (sse: { algorithm: string }): Badge => BADGE[sse.algorithm] ?? 'SSE-S3'

/** The server-side badge, plus client-side when the S3 Encryption Client's metadata is there (then S3 only ever saw ciphertext). */
export function badgesFor(sse: { algorithm: string }, metadata: Record<string, string>): Badge[] {
  const clientSide = Object.keys(metadata).some((k) => isClientSideKey(k))
  return clientSide ? ['client-side', serverSideBadge(sse)] : [serverSideBadge(sse)]
}

const kmsOf = (sse: Sse) => (sse.algorithm === 'aws:kms' || sse.algorithm === 'aws:kms:dsse' ? sse : undefined)

export function bucketRows(s3: S3State): BucketRow[] {
  return [...s3.buckets.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((b) => ({
      name: b.name,
      created: b.created,
      defaultBadge: serverSideBadge(b.encryption),
      ...(b.encryption.kmsMasterKeyId ? { defaultKeyArn: b.encryption.kmsMasterKeyId } : {}),
      bucketKey: b.encryption.bucketKeyEnabled,
      ...(b.encryption.blocked ? { blocked: [...b.encryption.blocked] } : {}),
      ...(b.versioning ? { versioning: b.versioning } : {}),
      objects: versionRows(b),
    }))
}

function versionRows(b: Bucket): ObjectRow[] {
  const keys = [...new Set([...b.objects.keys(), ...(b.history?.keys() ?? [])])].sort((x, y) => (x < y ? -1 : 1))
  return keys.flatMap((key) => versionsOf(b, key).map((v, i) => row(b, v, i === 0)))
}

function row(b: Bucket, v: Version, latest: boolean): ObjectRow {
  const versionId = b.versioning !== undefined ? { versionId: versionIdOf(v) } : {}
  if (isDeleteMarker(v))
    return {
      bucket: b.name,
      key: v.key,
      size: 0,
      lastModified: v.lastModified,
      badges: [],
      latest,
      deleteMarker: true,
      ...versionId,
    }
  const view = viewStored(v)
  const kms = kmsOf(view.sse)
  return {
    bucket: b.name,
    key: v.key,
    size: v.size,
    lastModified: v.lastModified,
    badges: badgesFor(view.sse, v.metadata),
    latest,
    ...versionId,
    ...(kms ? { kmsKeyArn: kms.keyArn, bucketKey: kms.bucketKey } : {}),
    ...(view.parts ? { parts: view.parts } : {}),
  }
}
