/**
 * The S3 part of a snapshot: buckets (with policies and multipart uploads in progress) and objects, as
 * JSON. Byte fields become {"$b64": "..."}, dates {"$date": "..."} and maps {"$map": [[k, v], ...]}, so
 * the stored shapes can grow without a hand-written field list. Stored bytes stay encrypted.
 */
import { fromBase64, toBase64 } from '../crypto/bytes'
import type { Bucket, StoredObject, Upload, UploadedPart } from '../s3/model'

type Json = unknown

export function encodeValue(value: unknown): Json {
  if (value instanceof Uint8Array) return { $b64: toBase64(value) }
  if (value instanceof Date) return { $date: value.toISOString() }
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, encodeValue(v)]) }
  if (Array.isArray(value)) return value.map(encodeValue)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v)]))
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

/** Objects saved before segments existed: `sealed` held one root-wrapped key and one ciphertext. */
function migrateObject(o: Record<string, unknown>, bytes: (s: string) => Uint8Array): StoredObject {
  const sealed = o.sealed as Record<string, string>
  return {
    ...(o as unknown as StoredObject),
    lastModified: new Date(String(o.lastModified)),
    sealed: {
      key: { kind: 'root', rootKeyId: sealed.rootKeyId!, iv: bytes(sealed.wrappedKeyIv!), wrapped: bytes(sealed.wrappedKey!) },
      segments: [{ partNumber: 1, size: Number(o.size), iv: bytes(sealed.iv!), ciphertext: bytes(sealed.ciphertext!) }],
    },
  }
}

/** Objects and uploads are saved as lists (readable, and what older snapshots held), the rest generically. */
export function bucketsToSnapshot(buckets: Iterable<Bucket>): Json[] {
  return [...buckets].map(({ objects, uploads, ...rest }) => ({
    ...(encodeValue(rest) as Record<string, unknown>),
    objects: [...objects.values()].map(encodeValue),
    uploads: [...uploads.values()].map(({ parts, ...u }) => ({ ...(encodeValue(u) as Record<string, unknown>), parts: [...parts.values()].map(encodeValue) })),
  }))
}

export function bucketsFromSnapshot(saved: Json[], bytes: (s: string) => Uint8Array): Bucket[] {
  return saved.map((raw) => {
    const { objects = [], uploads = [], ...rest } = raw as { objects?: Record<string, unknown>[]; uploads?: Record<string, unknown>[] }
    const bucket = decodeValue(rest) as Bucket
    // Dates of the first snapshot format were plain ISO strings.
    if (!(bucket.created instanceof Date)) bucket.created = new Date(String(bucket.created))
    const stored = objects.map((o) => ((o.sealed as Record<string, unknown>)?.rootKeyId !== undefined ? migrateObject(o, bytes) : (decodeValue(o) as StoredObject)))
    bucket.objects = new Map(stored.map((o) => [o.key, o]))
    bucket.uploads = new Map(
      uploads.map((u) => {
        const upload = decodeValue({ ...u, parts: [] }) as Upload
        upload.parts = new Map((u.parts as Json[]).map((p) => decodeValue(p) as UploadedPart).map((p) => [p.partNumber, p]))
        return [upload.id, upload]
      }),
    )
    return bucket
  })
}
