/**
 * The emulator's state as JSON and back: what `--data-dir` writes to disk, and (later) what a browser
 * session exports. Stored bytes stay encrypted; byte fields are base64.
 */
import { fromBase64, toBase64 } from '../crypto/bytes'
import { RootKeyring } from '../s3/root-keys'
import { S3State, type S3Options } from '../s3/state'
import { kmsToSnapshot, type KmsParts } from './kms-snapshot'
import { bucketsFromSnapshot, bucketsToSnapshot } from './s3-snapshot'

export { restoreKmsSnapshot } from './kms-snapshot'

export const SNAPSHOT_VERSION = 1

const b64 = (bytes: Uint8Array) => toBase64(bytes)
const bytes = (text: string) => {
  const out = fromBase64(text)
  if (!out) throw new Error('snapshot holds invalid base64')
  return out
}

/** With `kms` (the emulator, or its kms/cloudtrail/clock), the snapshot also holds KMS state under `kms`. */
export function toSnapshot(s3: S3State, kms?: KmsParts): unknown {
  return {
    version: SNAPSHOT_VERSION,
    ...(kms ? { kms: kmsToSnapshot(kms) } : {}),
    rootKeys: s3.keyring.list().map((k) => ({ id: k.id, material: b64(k.material), created: k.created.toISOString() })),
    buckets: bucketsToSnapshot(s3.buckets.values()),
  }
}

type Json = Record<string, never> & Record<string, unknown>

export function fromSnapshot(data: unknown, options: S3Options): S3State {
  const snap = data as { version: number; rootKeys: Json[]; buckets: Json[] }
  if (snap?.version !== SNAPSHOT_VERSION) throw new Error(`unsupported snapshot version ${String(snap?.version)}`)
  const keyring = new RootKeyring(
    options.random,
    options.now,
    snap.rootKeys.map((k) => ({ id: String(k.id), material: bytes(String(k.material)), created: new Date(String(k.created)) })),
  )
  const s3 = new S3State(options, keyring)
  for (const bucket of bucketsFromSnapshot(snap.buckets, bytes)) s3.buckets.set(bucket.name, bucket)
  return s3
}
