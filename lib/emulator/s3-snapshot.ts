/**
 * The S3 part of a snapshot: buckets (with policies and multipart uploads in progress) and objects, as
 * JSON. Byte fields become {"$b64": "..."}, dates {"$date": "..."} and maps {"$map": [[k, v], ...]}, so
 * the stored shapes can grow without a hand-written field list. Stored bytes stay encrypted.
 */
import { fromBase64, toBase64 } from '../crypto/bytes'
import {
  isDeleteMarker,
  type Bucket,
  type DeleteMarker,
  type StoredObject,
  type StoredPart,
  type Upload,
  type UploadedPart,
  type Version,
} from '../s3/model'

type Json = unknown

export function encodeValue(value: unknown): Json {
  if (value instanceof Uint8Array) return { $b64: toBase64(value) }
  if (value instanceof Date) return { $date: value.toISOString() }
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, encodeValue(v)]) }
  if (Array.isArray(value)) return value.map(encodeValue)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]))
  return value
}

export function decodeValue(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decodeValue)
  if (!value || typeof value !== 'object') return value
  const o = value as Record<string, unknown>
  if (typeof o.$b64 === 'string') {
    const bytes = fromBase64(o.$b64)
    if (!bytes) throw new Error('snapshot holds invalid base64')
    return bytes
  }
  if (typeof o.$date === 'string') return new Date(o.$date)
  if (Array.isArray(o.$map)) return new Map((o.$map as [string, Json][]).map(([k, v]) => [k, decodeValue(v)]))
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decodeValue(v)]))
}

/**
 * Where a snapshot keeps object bodies: `inline`, the sealed bytes of each part inside the JSON (the
 * browser's save and export: one document); `blobs`, only the blob id, the bytes staying in the host's
 * blob store (`--data-dir`: one file per part, so the JSON holds metadata only).
 */
export type BodyMode = 'inline' | 'blobs'

/** A store a snapshot can be restored into synchronously (memory, or --data-dir's files at start-up). */
export interface SnapshotBlobs {
  put(bytes: Uint8Array): string
  readAll(id: string): Uint8Array
}

function partToSnapshot(part: StoredPart, mode: BodyMode, blobs?: SnapshotBlobs): Json {
  if (mode === 'blobs') return encodeValue(part)
  if (!blobs) throw new Error('an inline snapshot needs a blob store it can read synchronously')
  const { blob, ...rest } = part
  return { ...(encodeValue(rest) as Record<string, unknown>), sealedBytes: encodeValue(blobs.readAll(blob)) }
}

function partFromSnapshot(raw: Record<string, unknown>, blobs: SnapshotBlobs): StoredPart {
  const { sealedBytes, ...rest } = raw
  const part = decodeValue(rest) as StoredPart
  if (sealedBytes !== undefined) part.blob = blobs.put(decodeValue(sealedBytes) as Uint8Array)
  return part
}

/**
 * Version 1 parts ({partNumber, size, iv, ciphertext, innerIv?}: one AES-GCM over the whole part) become
 * `gcm1` parts with their ciphertext in the blob store. They stay readable, in that format, until rewritten.
 */
function migratePart(raw: Record<string, unknown>, blobs: SnapshotBlobs): StoredPart {
  const seg = decodeValue(raw) as {
    partNumber: number
    size: number
    iv: Uint8Array
    ciphertext: Uint8Array
    innerIv?: Uint8Array
  }
  return {
    format: 'gcm1',
    partNumber: seg.partNumber,
    size: seg.size,
    blob: blobs.put(seg.ciphertext),
    iv: seg.iv,
    ...(seg.innerIv ? { innerIv: seg.innerIv } : {}),
  }
}

/** Objects saved before segments existed: `sealed` held one root-wrapped key and one ciphertext. */
function migrateOldestObject(
  o: Record<string, unknown>,
  bytes: (s: string) => Uint8Array,
  blobs: SnapshotBlobs,
): StoredObject {
  const sealed = o.sealed as Record<string, string>
  return {
    ...(o as unknown as StoredObject),
    lastModified: new Date(String(o.lastModified)),
    sealed: {
      key: {
        kind: 'root',
        rootKeyId: sealed.rootKeyId!,
        iv: bytes(sealed.wrappedKeyIv!),
        wrapped: bytes(sealed.wrappedKey!),
      },
      parts: [
        {
          format: 'gcm1',
          partNumber: 1,
          size: Number(o.size),
          blob: blobs.put(bytes(sealed.ciphertext!)),
          iv: bytes(sealed.iv!),
        },
      ],
    },
  }
}

function objectFromSnapshot(
  o: Record<string, unknown>,
  version: number,
  bytes: (s: string) => Uint8Array,
  blobs: SnapshotBlobs,
): StoredObject {
  const sealed = o.sealed as Record<string, unknown>
  if (sealed?.rootKeyId !== undefined) return migrateOldestObject(o, bytes, blobs)
  const { parts: _parts, segments: _segments, ...sealedRest } = sealed
  const object = decodeValue({ ...o, sealed: sealedRest }) as StoredObject
  object.sealed.parts =
    version < 2
      ? (sealed.segments as Record<string, unknown>[]).map((p) => migratePart(p, blobs))
      : (sealed.parts as Record<string, unknown>[]).map((p) => partFromSnapshot(p, blobs))
  return object
}

/** Objects and uploads are saved as lists (readable, and what older snapshots held), the rest generically. */
export function bucketsToSnapshot(buckets: Iterable<Bucket>, mode: BodyMode = 'inline', blobs?: SnapshotBlobs): Json[] {
  const part = (p: StoredPart) => partToSnapshot(p, mode, blobs)
  const object = ({ sealed, ...o }: StoredObject): Json => ({
    ...(encodeValue(o) as Record<string, unknown>),
    sealed: { key: encodeValue(sealed.key), parts: sealed.parts.map(part) },
  })
  return [...buckets].map(({ objects, uploads, history, ...rest }) => ({
    ...(encodeValue(rest) as Record<string, unknown>),
    objects: [...objects.values()].map(object),
    // Noncurrent versions and delete markers, per key, newest first; each version with its own sealed body.
    // Present (maybe empty) on every bucket that has had one, so the journal's entities see the field (state-entities.ts).
    ...(history
      ? {
          history: [...history.entries()].map(([key, list]) => [
            key,
            list.map((v) => (isDeleteMarker(v) ? encodeValue(v) : object(v))),
          ]),
        }
      : {}),
    uploads: [...uploads.values()].map(({ parts, ...u }) => ({
      ...(encodeValue(u) as Record<string, unknown>),
      parts: [...parts.values()].map(({ body, ...p }) => ({
        ...(encodeValue(p) as Record<string, unknown>),
        body: part(body),
      })),
    })),
  }))
}

export function bucketsFromSnapshot(
  saved: Json[],
  bytes: (s: string) => Uint8Array,
  blobs: SnapshotBlobs,
  version: number,
): Bucket[] {
  return saved.map((raw) => {
    const {
      objects = [],
      uploads = [],
      history = [],
      ...rest
    } = raw as {
      objects?: Record<string, unknown>[]
      uploads?: Record<string, unknown>[]
      history?: [string, Record<string, unknown>[]][]
    }
    const bucket = decodeValue(rest) as Bucket
    // Dates of the first snapshot format were plain ISO strings.
    if (!(bucket.created instanceof Date)) bucket.created = new Date(String(bucket.created))
    const stored = objects.map((o) => objectFromSnapshot(o, version, bytes, blobs))
    bucket.objects = new Map(stored.map((o) => [o.key, o]))
    if (history.length > 0)
      bucket.history = new Map(
        history.map(([key, list]): [string, Version[]] => [
          key,
          list.map((v) =>
            v.deleteMarker === true ? (decodeValue(v) as DeleteMarker) : objectFromSnapshot(v, version, bytes, blobs),
          ),
        ]),
      )
    bucket.uploads = new Map(
      uploads.map((u) => {
        const upload = decodeValue({ ...u, parts: [] }) as Upload
        const parts = (u.parts as Record<string, unknown>[]).map(({ segment, body, ...p }) => {
          const part = decodeValue(p) as UploadedPart
          part.body =
            version < 2
              ? migratePart(segment as Record<string, unknown>, blobs)
              : partFromSnapshot(body as Record<string, unknown>, blobs)
          return part
        })
        upload.parts = new Map(parts.map((p) => [p.partNumber, p]))
        return [upload.id, upload]
      }),
    )
    return bucket
  })
}
