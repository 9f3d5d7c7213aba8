/**
 * A read-only, normalised view of what S3 stores for an object, for the Buckets and Storage panels.
 *
 * lib/s3's storage model is moving from one SSE-S3 envelope (`sealed.rootKeyId`, `wrappedKey`, `iv`,
 * `ciphertext`) to per-mode data key wraps and segments (`sealed.key`, `sealed.segments`). This reads
 * either shape structurally, so the panels keep working while that change lands.
 */
import type { StoredObject } from '../s3/model'

export type KeyWrap =
  | { kind: 'root'; rootKeyId: string; iv: Uint8Array; wrapped: Uint8Array }
  | { kind: 'kms'; blob: Uint8Array }
  | { kind: 'bucket-key'; blob: Uint8Array; iv: Uint8Array; wrapped: Uint8Array }
  | { kind: 'dsse'; outerBlob: Uint8Array; innerBlob: Uint8Array }
  | { kind: 'customer' }

export interface StoredSegment {
  partNumber: number
  size: number
  iv: Uint8Array
  /** Ciphertext followed by the 16-byte GCM tag. */
  ciphertext: Uint8Array
  innerIv?: Uint8Array
}

export type Sse =
  | { algorithm: 'AES256' }
  | { algorithm: 'aws:kms' | 'aws:kms:dsse'; keyArn: string; bucketKey: boolean; context: Record<string, string> }
  | { algorithm: 'SSE-C'; customerKeyMd5: string; keyCheck: { salt: Uint8Array; mac: Uint8Array } }

export interface StoredView {
  key: string
  size: number
  etag: string
  lastModified: Date
  metadata: Record<string, string>
  sse: Sse
  wrap: KeyWrap
  segments: StoredSegment[]
  /** SSE-KMS/DSSE keep the checksum encrypted under the data key. */
  sealedChecksum?: Uint8Array
  parts?: number
}

type Loose = Record<string, unknown>

function legacy(sealed: Loose, size: number): { wrap: KeyWrap; segments: StoredSegment[] } {
  return {
    wrap: { kind: 'root', rootKeyId: String(sealed.rootKeyId), iv: sealed.wrappedKeyIv as Uint8Array, wrapped: sealed.wrappedKey as Uint8Array },
    segments: [{ partNumber: 1, size, iv: sealed.iv as Uint8Array, ciphertext: sealed.ciphertext as Uint8Array }],
  }
}

export function viewStored(object: StoredObject): StoredView {
  const o = object as unknown as Loose
  const sealed = (o.sealed ?? {}) as Loose
  const { wrap, segments } = 'segments' in sealed ? { wrap: sealed.key as KeyWrap, segments: sealed.segments as StoredSegment[] } : legacy(sealed, object.size)
  const checksum = o.checksum as Loose | undefined
  const parts = o.parts as unknown[] | undefined
  return {
    key: object.key,
    size: object.size,
    etag: object.etag,
    lastModified: object.lastModified,
    metadata: object.metadata,
    sse: o.sse as Sse,
    wrap,
    segments,
    ...(checksum?.sealedValue instanceof Uint8Array ? { sealedChecksum: checksum.sealedValue } : {}),
    ...(parts?.length ? { parts: parts.length } : {}),
  }
}
