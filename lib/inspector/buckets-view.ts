/** The Buckets panel: every bucket with its default encryption, every object with its encryption badges. */
import type { S3State } from '../s3/state'
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
}

export interface BucketRow {
  name: string
  created: Date
  defaultBadge: Badge
  defaultKeyArn?: string
  bucketKey: boolean
  /** BlockedEncryptionTypes, e.g. ['SSE-C']; undefined when the element is absent. */
  blocked?: string[]
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
      objects: [...b.objects.values()]
        .sort((x, y) => (x.key < y.key ? -1 : 1))
        .map((o) => {
          const view = viewStored(o)
          const kms = kmsOf(view.sse)
          return {
            bucket: b.name,
            key: o.key,
            size: o.size,
            lastModified: o.lastModified,
            badges: badgesFor(view.sse, o.metadata),
            ...(kms ? { kmsKeyArn: kms.keyArn, bucketKey: kms.bucketKey } : {}),
            ...(view.parts ? { parts: view.parts } : {}),
          }
        }),
    }))
}
