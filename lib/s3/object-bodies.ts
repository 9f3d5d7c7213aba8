/**
 * Turning a plaintext into a stored object and back, for every SSE mode: PutObject, CopyObject and
 * CompleteMultipartUpload build objects here; GetObject, CopyObject and UploadPartCopy read them here.
 * Bodies stream both ways through the chunked at-rest format (at-rest-format.ts) and the blob store.
 */
import { aesGcmDecrypt, aesGcmEncrypt, DecryptionFailed, IV_BYTES } from '../crypto/aes-gcm'
import { fromUtf8, joinBytes, toBase64, toHex, utf8 } from '../crypto/bytes'
import type { ChecksumAlgorithm } from '../crypto/checksums'
import type { RandomSource } from '../crypto/random'
import {
  FORMAT,
  openPartRange,
  PartSealer,
  sealedSize,
  segmentCount,
  SEGMENT_BYTES,
  type DataKeys,
  type PartBinding,
  type StoredPart,
} from './at-rest-format'
import { sizeText, traced } from '../trace/trace'
import { BlobMissing } from './blob-store'
import { internalError } from './errors'
import {
  isDeleteMarker,
  objectArn,
  type ObjectEncryption,
  type StoredChecksum,
  type StoredObject,
  type Tag,
  type Version,
} from './model'
import { addVersion } from './versions'
import type { Payload } from './payload'
import type { NewDataKey } from './sse/data-key'
import { openDataKey } from './sse/data-key'
import type { Requester } from './sse/kms'
import type { S3State } from './state'

export interface ObjectInput {
  system: Record<string, string>
  metadata: Record<string, string>
  /** The checksum to store; undefined = the client's (verified), else CRC64NVME as S3 computes it. */
  checksum?: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' }
  /** CopyObject: the algorithm to compute over the copied bytes. */
  checksumAlgorithm?: ChecksumAlgorithm
  storageClass?: string
  /** x-amz-tagging (PutObject) or the copy's tags (CopyObject). */
  tags?: Tag[]
}

const isKms = (sse: ObjectEncryption) => sse.algorithm === 'aws:kms' || sse.algorithm === 'aws:kms:dsse'

/**
 * The ETag of a single-part write: the MD5 of the plaintext for SSE-S3; for SSE-KMS, DSSE-KMS and SSE-C
 * "not an MD5 digest" (S3 API, Object.ETag), observed as 32 random hex digits per write (docs/fidelity.md §6.1).
 */
export const singlePartEtag = (sse: ObjectEncryption, md5: () => Uint8Array, random: RandomSource) =>
  `"${sse.algorithm === 'AES256' ? toHex(md5()) : toHex(random(16))}"`

/** A checksum value sealed under the data key, bound to the object: IV || ciphertext. */
async function sealChecksumValue(key: Uint8Array, value: Uint8Array, arn: string, random: RandomSource) {
  const iv = random(IV_BYTES)
  return joinBytes([iv, await aesGcmEncrypt(key, iv, value, utf8(`${arn}#checksum`))])
}

const openChecksumValue = (key: Uint8Array, sealed: Uint8Array, arn: string): Promise<Uint8Array> =>
  aesGcmDecrypt(key, sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES), utf8(`${arn}#checksum`))

/** With SSE-KMS and DSSE-KMS the stored checksum is kept encrypted under the data key (docs/fidelity.md §6.2). */
export async function storeChecksum(
  s3: S3State,
  arn: string,
  sse: ObjectEncryption,
  keys: DataKeys,
  c: ObjectInput['checksum'],
): Promise<StoredChecksum | undefined> {
  if (!c) return undefined
  if (!isKms(sse)) return c
  return {
    algorithm: c.algorithm,
    type: c.type,
    sealedValue: await sealChecksumValue(keys.outer, utf8(c.value), arn, s3.options.random),
  }
}

/**
 * Seals a payload into a new blob as it is read. The blob is committed only once the payload has ended
 * and every claim about it held; any failure (BadDigest, a client gone mid-body) throws away what was
 * written, so nothing partial is ever stored.
 */
export async function writePart(
  s3: S3State,
  keys: DataKeys,
  binding: PartBinding,
  payload: Payload,
  who: Requester = {},
): Promise<StoredPart> {
  const sealer = new PartSealer(keys, binding, s3.options.random, s3.options.segmentBytes ?? SEGMENT_BYTES)
  const writer = s3.blobs.create()
  const layers = keys.inner ? ' · two layers (DSSE)' : ''
  try {
    // One step for the whole body: reading, checksums and encryption overlap as the bytes stream in.
    const part = await traced(
      who.trace,
      'AES-256-GCM encrypt',
      `as the body arrives (read and checked in the same pass) · ${sizeText(sealer.segmentBytes)} segments${layers}`,
      async () => {
        for await (const chunk of payload.chunks())
          for (const segment of await sealer.push(chunk)) await writer.write(segment)
        for (const segment of await sealer.finish()) await writer.write(segment)
        return sealer.part(await writer.commit())
      },
    )
    const n = segmentCount(part.size, part.segmentBytes)
    who.trace?.note(
      'Store',
      `${sizeText(part.size)} · ${n} segment${n === 1 ? '' : 's'} of ciphertext with ${n === 1 ? 'its tag' : 'their tags'}`,
    )
    return part
  } catch (error) {
    await writer.abort()
    throw error
  }
}

/** Blobs no longer referenced (a replaced or deleted object, an aborted upload). */
export function releaseParts(s3: S3State, parts: Iterable<StoredPart>): void {
  for (const p of parts) s3.blobs.delete(p.blob)
}

/**
 * Stores an object as its key's newest version (versions.ts), releasing the bodies of the version it
 * replaces: in a bucket without versioning Enabled, the previous `null` version.
 */
export function storeObject(s3: S3State, bucket: string, object: StoredObject): void {
  releaseVersions(s3, addVersion(s3.options.random, s3.bucket(bucket), object), object)
}

/** Releases the bodies of versions removed for good, except blobs `keep` still uses. */
export function releaseVersions(s3: S3State, removed: Version[], keep?: StoredObject): void {
  for (const version of removed)
    if (!isDeleteMarker(version))
      releaseParts(
        s3,
        version.sealed.parts.filter((p) => !keep?.sealed.parts.some((q) => q.blob === p.blob)),
      )
}

/**
 * Builds a single-part object (PutObject, CopyObject) from a payload, encrypting as it is read. The
 * checksum is the client's when it sent one, else the one asked for (CopyObject), else CRC64NVME.
 */
export interface BuiltObject {
  object: StoredObject
  /** The checksum in clear, for the response (KMS objects store it encrypted). */
  checksum?: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' }
}

export async function buildObject(
  s3: S3State,
  bucket: string,
  key: string,
  payload: Payload,
  dataKey: NewDataKey,
  input: ObjectInput,
  who: Requester = {},
): Promise<BuiltObject> {
  const arn = objectArn(bucket, key)
  const computed: ChecksumAlgorithm | undefined = input.checksum
    ? undefined
    : (input.checksumAlgorithm ?? (payload.announced ? undefined : 'CRC64NVME'))
  if (computed) payload.want(computed)
  if (dataKey.sse.algorithm === 'AES256') payload.want('MD5')
  const part = await writePart(s3, dataKey.keys, { arn, partNumber: 1 }, payload, who)
  try {
    const value =
      input.checksum ??
      (computed
        ? { algorithm: computed, value: toBase64(payload.digest(computed)), type: 'FULL_OBJECT' as const }
        : payload.checksum
          ? { ...payload.checksum, type: 'FULL_OBJECT' as const }
          : undefined)
    const checksum = await storeChecksum(s3, arn, dataKey.sse, dataKey.keys, value)
    const object: StoredObject = {
      key,
      size: payload.size,
      etag: singlePartEtag(dataKey.sse, () => payload.digest('MD5'), s3.options.random),
      lastModified: s3.options.now(),
      system: input.system,
      metadata: input.metadata,
      ...(checksum ? { checksum } : {}),
      ...(input.storageClass ? { storageClass: input.storageClass } : {}),
      ...(input.tags?.length ? { tags: input.tags } : {}),
      sse: dataKey.sse,
      sealed: { key: dataKey.wrap, parts: [part] },
    }
    return { object, ...(value ? { checksum: value } : {}) }
  } catch (error) {
    releaseParts(s3, [part])
    throw error
  }
}

/** Tampered, missing or unreadable bytes at rest give 500 InternalError: never wrong data. */
export const isDamage = (e: unknown) => e instanceof DecryptionFailed || e instanceof BlobMissing

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (isDamage(e)) throw internalError()
    throw e
  }
}

export const objectKeys = (
  s3: S3State,
  bucket: string,
  object: StoredObject,
  who: Requester,
  customerKey?: Uint8Array,
): Promise<DataKeys> =>
  guarded(() => openDataKey(s3, object.sse, object.sealed.key, objectArn(bucket, object.key), who, customerKey))

/**
 * The plaintext of bytes [start, end] of an object (inclusive; the whole object when no range), part by
 * part and segment by segment, reading only what the range needs. Every segment is authenticated before
 * any of its bytes come out; damage throws DecryptionFailed or BlobMissing (isDamage).
 */
export async function* plaintextRange(
  s3: S3State,
  bucket: string,
  object: StoredObject,
  keys: DataKeys,
  range?: { start: number; end: number },
): AsyncGenerator<Uint8Array> {
  const arn = objectArn(bucket, object.key)
  const start = range?.start ?? 0
  const end = range?.end ?? object.size - 1
  let offset = 0
  for (const part of object.sealed.parts) {
    const partStart = offset
    offset += part.size
    const whole = !range
    // A ranged read skips parts outside the range; a whole read authenticates every part, empty ones too.
    if (!whole && (partStart + part.size <= start || partStart > end)) continue
    const reader = await s3.blobs.open(part.blob)
    try {
      const from = Math.max(0, start - partStart)
      const to = Math.min(part.size - 1, end - partStart)
      yield* openPartRange(keys, part, arn, reader, from, to)
    } finally {
      await reader.close()
    }
  }
}

/** The whole plaintext in one buffer: only for bounded uses (the walkthrough, tests). */
export async function readPlaintext(
  s3: S3State,
  bucket: string,
  object: StoredObject,
  who: Requester,
  customerKey?: Uint8Array,
  opened?: DataKeys,
): Promise<Uint8Array> {
  const keys = opened ?? (await objectKeys(s3, bucket, object, who, customerKey))
  return guarded(async () => {
    const out = new Uint8Array(object.size)
    let at = 0
    for await (const piece of plaintextRange(s3, bucket, object, keys)) {
      out.set(piece, at)
      at += piece.length
    }
    return out
  })
}

/** Maps damage found while streaming to InternalError (the caller decides what that means mid-response). */
export async function* guardedStream(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* source
  } catch (e) {
    if (isDamage(e)) throw internalError()
    throw e
  }
}

/** The checksum value, decrypting it for KMS objects (which needs kms:Decrypt, as on AWS). */
export async function revealChecksum(
  s3: S3State,
  bucket: string,
  object: StoredObject,
  who: Requester,
  keys?: DataKeys,
): Promise<string | undefined> {
  const c = object.checksum
  if (!c) return undefined
  if (c.value !== undefined) return c.value
  if (!c.sealedValue) return undefined
  const k = keys ?? (await objectKeys(s3, bucket, object, who))
  return guarded(async () => fromUtf8(await openChecksumValue(k.outer, c.sealedValue!, objectArn(bucket, object.key))))
}

/** Every part's blob is there and exactly as long as its segments: checked before a GET answers. */
export async function checkStoredSizes(s3: S3State, object: StoredObject, keys: DataKeys): Promise<void> {
  return guarded(async () => {
    for (const part of object.sealed.parts) {
      const reader = await s3.blobs.open(part.blob)
      const size = reader.size
      await reader.close()
      if (part.format === FORMAT && size !== sealedSize(part, keys.inner !== undefined)) throw new DecryptionFailed()
    }
  })
}
