/**
 * The emulator's state as JSON and back: what `--data-dir` writes to disk, and (later) what a browser
 * session exports. Stored bytes stay encrypted; byte fields are base64.
 */
import { fromBase64, toBase64 } from '../crypto/bytes'
import { RootKeyring } from '../s3/root-keys'
import { S3State, type S3Options } from '../s3/state'
import { kmsToSnapshot, type KmsParts } from './kms-snapshot'
import { bucketsFromSnapshot, bucketsToSnapshot, type BodyMode, type SnapshotBlobs } from './s3-snapshot'
import { MemoryBlobStore, type BlobStore } from '../s3/blob-store'

export { restoreKmsSnapshot } from './kms-snapshot'

/** 2: object bodies in the chunked at-rest format, by part, inline or in blob files (docs/at-rest-format.md). */
export const SNAPSHOT_VERSION = 2

const b64 = (bytes: Uint8Array) => toBase64(bytes)
const bytes = (text: string) => {
  const out = fromBase64(text)
  if (!out) throw new Error('snapshot holds invalid base64')
  return out
}

const syncBlobs = (store: unknown): SnapshotBlobs | undefined => {
  const s = store as Partial<SnapshotBlobs> | undefined
  return typeof s?.put === 'function' && typeof s.readAll === 'function' ? (s as SnapshotBlobs) : undefined
}

/**
 * With `kms` (the emulator, or its kms/cloudtrail/clock), the snapshot also holds KMS state under `kms`.
 * Bodies are inline (sealed bytes in the JSON) unless `bodies: 'blobs'` (the host keeps them as files).
 */
export function toSnapshot(s3: S3State, kms?: KmsParts, bodies: BodyMode = 'inline'): unknown {
  return {
    version: SNAPSHOT_VERSION,
    ...(kms ? { kms: kmsToSnapshot(kms) } : {}),
    rootKeys: s3.keyring.list().map((k) => ({ id: k.id, material: b64(k.material), created: k.created.toISOString() })),
    buckets: bucketsToSnapshot(s3.buckets.values(), bodies, syncBlobs(s3.blobs)),
  }
}

type Json = Record<string, never> & Record<string, unknown>

/**
 * Restores a snapshot of this version or version 1 (migrated: its one-shot parts stay readable). Inline
 * bodies go into `blobs` (default: a new memory store); `blobs` mode snapshots name blobs already in it.
 */
export function fromSnapshot(data: unknown, options: S3Options, blobs?: BlobStore & SnapshotBlobs): S3State {
  const snap = data as { version: number; rootKeys: Json[]; buckets: Json[] }
  if (snap?.version !== SNAPSHOT_VERSION && snap?.version !== 1)
    throw new Error(`unsupported snapshot version ${String(snap?.version)}`)
  const store = blobs ?? new MemoryBlobStore(options.random)
  const keyring = new RootKeyring(
    options.random,
    options.now,
    snap.rootKeys.map((k) => ({
      id: String(k.id),
      material: bytes(String(k.material)),
      created: new Date(String(k.created)),
    })),
  )
  const s3 = new S3State(options, keyring, store)
  for (const bucket of bucketsFromSnapshot(snap.buckets, bytes, store, snap.version))
    s3.buckets.set(bucket.name, bucket)
  return s3
}
