/**
 * "What is on the disk" for one object: the stored bytes split into IV, ciphertext and GCM tag, the
 * wrapped data key(s) with what wrapped them, and the key hierarchy from the top key down to the object.
 * Nothing here decrypts: it shows exactly what the emulator keeps, which is all an attacker with the disk gets.
 */
import { TAG_BYTES } from '../crypto/aes-gcm'
import { parseBlob } from '../kms/ciphertext-blob'
import { FORMAT, segmentCount, tagsPerSegment } from '../s3/at-rest-format'
import type { StoredObject, StoredPart } from '../s3/model'
import { serverSideBadge, type Badge } from './buckets-view'
import { viewStored, type KeyWrap, type StoredView } from './stored'

export interface KeyNode {
  kind: 'root' | 'kms' | 'bucket-key' | 'data-key' | 'customer' | 'object'
  label: string
  detail: string
}

export interface WrappedKey {
  label: string
  bytes: Uint8Array
  /** The named fields inside the stored bytes (KMS blob header, IV, ciphertext + tag). */
  fields: { name: string; value: Uint8Array | string }[]
}

export interface Layer {
  label: string
  partNumber: number
  /** The chunked format's per-part nonce base (each segment's nonce is derived from it); a legacy part's IV. */
  iv: Uint8Array
  innerIv?: Uint8Array
  /** 'seg1' (docs/at-rest-format.md) or the legacy one-shot 'gcm1'. */
  format: string
  /** How many AES-GCM segments the part is stored as, and their plaintext size. */
  segments: number
  segmentBytes: number
  /** The first segment as stored: ciphertext and its GCM tag (empty when the bytes are not at hand). */
  ciphertext: Uint8Array
  tag: Uint8Array
}

export interface StorageView {
  bucket: string
  object: StoredView
  badge: Badge
  /** One chain per data key, top key first; each ends at the object. */
  chains: KeyNode[][]
  wrappedKeys: WrappedKey[]
  layers: Layer[]
  customerKey?: { md5: string; salt: Uint8Array; mac: Uint8Array }
}

/** Names a KMS key ARN for the learner (alias when known). */
export type KeyNamer = (keyIdOrArn: string) => string

function kmsWrapped(label: string, blob: Uint8Array, name: KeyNamer): WrappedKey {
  const parsed = parseBlob(blob)
  if (!parsed) return { label, bytes: blob, fields: [{ name: 'blob (not in the emulator format)', value: blob }] }
  return {
    label,
    bytes: blob,
    fields: [
      { name: 'KMS key', value: name(parsed.keyId) },
      { name: 'key material version', value: String(parsed.materialVersion) },
      { name: 'IV', value: parsed.iv },
      { name: 'encrypted data key + GCM tag', value: parsed.sealed },
    ],
  }
}

function keysOf(wrap: KeyWrap, name: KeyNamer): { chains: KeyNode[][]; wrapped: WrappedKey[] } {
  const dataKey = (detail: string): KeyNode => ({ kind: 'data-key', label: 'Data key', detail })
  const kmsNode = (blob: Uint8Array): KeyNode => {
    const parsed = parseBlob(blob)
    return {
      kind: 'kms',
      label: parsed ? name(parsed.keyId) : 'KMS key',
      detail: parsed ? `KMS key, material version ${parsed.materialVersion}: never leaves KMS` : 'KMS key',
    }
  }
  switch (wrap.kind) {
    case 'root':
      return {
        chains: [
          [
            { kind: 'root', label: wrap.rootKeyId, detail: 'S3 root key: S3 keeps and rotates it; you never see it' },
            dataKey('256-bit AES, unique to this object, stored wrapped'),
          ],
        ],
        wrapped: [
          {
            label: 'Data key, wrapped by the S3 root key',
            bytes: wrap.wrapped,
            fields: [
              { name: 'root key', value: wrap.rootKeyId },
              { name: 'IV', value: wrap.iv },
              { name: 'encrypted data key + GCM tag', value: wrap.wrapped },
            ],
          },
        ],
      }
    case 'kms':
      return {
        chains: [[kmsNode(wrap.blob), dataKey('from GenerateDataKey; stored as its CiphertextBlob')]],
        wrapped: [kmsWrapped('Data key (KMS CiphertextBlob)', wrap.blob, name)],
      }
    case 'bucket-key':
      return {
        chains: [
          [
            kmsNode(wrap.blob),
            { kind: 'bucket-key', label: 'S3 Bucket Key', detail: 'one KMS call serves many objects' },
            dataKey('wrapped under the Bucket Key'),
          ],
        ],
        wrapped: [
          kmsWrapped('Bucket Key (KMS CiphertextBlob)', wrap.blob, name),
          {
            label: 'Data key, wrapped by the Bucket Key',
            bytes: wrap.wrapped,
            fields: [
              { name: 'IV', value: wrap.iv },
              { name: 'encrypted data key + GCM tag', value: wrap.wrapped },
            ],
          },
        ],
      }
    case 'dsse':
      return {
        chains: [
          [kmsNode(wrap.outerBlob), dataKey('outer layer key (WebCrypto AES-GCM)')],
          [kmsNode(wrap.innerBlob), dataKey('inner layer key (a second AES-GCM implementation)')],
        ],
        wrapped: [
          kmsWrapped('Outer layer data key (KMS CiphertextBlob)', wrap.outerBlob, name),
          kmsWrapped('Inner layer data key (KMS CiphertextBlob)', wrap.innerBlob, name),
        ],
      }
    case 'customer':
      return {
        chains: [
          [
            {
              kind: 'customer',
              label: 'Your key (SSE-C)',
              detail: 'sent with every request, never stored: S3 keeps only a salted HMAC of it',
            },
          ],
        ],
        wrapped: [],
      }
  }
}

/** Synchronous access to stored bytes (the browser's memory store); without it only the metadata is shown. */
export interface BlobPeek {
  readAll(id: string): Uint8Array
}

function layerOf(part: StoredPart, label: string, dsse: boolean, blobs?: BlobPeek): Layer {
  let stored: Uint8Array = new Uint8Array(0)
  try {
    stored = blobs?.readAll(part.blob) ?? stored
  } catch {
    // A missing blob shows as empty; GetObject reports it as 500.
  }
  const chunked = part.format === FORMAT
  const segmentBytes = chunked ? part.segmentBytes : part.size
  const first = stored.subarray(0, Math.min(stored.length, segmentBytes + tagsPerSegment(dsse && chunked)))
  const tagAt = Math.max(0, first.length - TAG_BYTES)
  return {
    label,
    partNumber: part.partNumber,
    format: part.format,
    iv: chunked ? part.nonceBase : part.iv,
    ...(chunked
      ? part.innerNonceBase
        ? { innerIv: part.innerNonceBase }
        : {}
      : part.innerIv
        ? { innerIv: part.innerIv }
        : {}),
    segments: chunked ? segmentCount(part.size, part.segmentBytes) : 1,
    segmentBytes,
    ciphertext: first.subarray(0, tagAt),
    tag: first.subarray(tagAt),
  }
}

export function storageView(
  bucket: string,
  stored: StoredObject,
  name: KeyNamer = (id) => id,
  blobs?: BlobPeek,
): StorageView {
  const object = viewStored(stored)
  const { chains, wrapped } = keysOf(object.wrap, name)
  const objectNode: KeyNode = {
    kind: 'object',
    label: object.key,
    detail: `${object.size} bytes of plaintext, stored as AES-256-GCM ciphertext`,
  }
  const dsse = object.wrap.kind === 'dsse'
  return {
    bucket,
    object,
    badge: serverSideBadge(object.sse),
    chains: chains.map((c) => [...c, objectNode]),
    wrappedKeys: wrapped,
    layers: object.segments.map((s) =>
      layerOf(s, object.segments.length > 1 ? `Part ${s.partNumber}` : dsse ? 'Both layers' : 'Body', dsse, blobs),
    ),
    ...(object.sse.algorithm === 'SSE-C'
      ? {
          customerKey: { md5: object.sse.customerKeyMd5, salt: object.sse.keyCheck.salt, mac: object.sse.keyCheck.mac },
        }
      : {}),
  }
}
