/**
 * Turning a plaintext into a stored object and back, for every SSE mode: PutObject, CopyObject and
 * CompleteMultipartUpload build objects here; GetObject, CopyObject and UploadPartCopy read them here.
 */
import { DecryptionFailed } from '../crypto/aes-gcm'
import { concat, fromUtf8, toHex, utf8 } from '../crypto/bytes'
import { md5Hex } from '../crypto/md5'
import type { RandomSource } from '../crypto/random'
import { internalError } from './errors'
import { objectArn, type ObjectEncryption, type StoredChecksum, type StoredObject } from './model'
import { openSegment, openValue, sealSegment, sealValue, type DataKeys } from './seal'
import type { NewDataKey } from './sse/data-key'
import { openDataKey } from './sse/data-key'
import type { Requester } from './sse/kms'
import type { S3State } from './state'
import { sizeText, traced } from '../trace/trace'

export interface ObjectInput {
  system: Record<string, string>
  metadata: Record<string, string>
  checksum?: { algorithm: string; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' }
  storageClass?: string
}

const isKms = (sse: ObjectEncryption) => sse.algorithm === 'aws:kms' || sse.algorithm === 'aws:kms:dsse'

/**
 * The ETag of a single-part write: the MD5 of the plaintext for SSE-S3; for SSE-KMS, DSSE-KMS and SSE-C
 * "not an MD5 digest" (S3 API, Object.ETag), observed as 32 random hex digits per write (reference §6.1).
 */
export const singlePartEtag = (sse: ObjectEncryption, body: Uint8Array, random: RandomSource) =>
  `"${sse.algorithm === 'AES256' ? md5Hex(body) : toHex(random(16))}"`

/** With SSE-KMS and DSSE-KMS the stored checksum is kept encrypted under the data key (reference §6.2). */
export async function storeChecksum(s3: S3State, arn: string, sse: ObjectEncryption, keys: DataKeys, c: ObjectInput['checksum']): Promise<StoredChecksum | undefined> {
  if (!c) return undefined
  if (!isKms(sse)) return c
  return { algorithm: c.algorithm, type: c.type, sealedValue: await sealValue(keys.outer, utf8(c.value), arn, s3.options.random) }
}

export async function buildObject(s3: S3State, bucket: string, key: string, body: Uint8Array, dataKey: NewDataKey, input: ObjectInput, who: Requester = {}): Promise<StoredObject> {
  const arn = objectArn(bucket, key)
  const segment = await traced(who.trace, 'AES-256-GCM encrypt', `1 segment · ${sizeText(body.length)}${dataKey.keys.inner ? ' · two layers (DSSE)' : ''}`, () =>
    sealSegment(dataKey.keys, body, arn, 1, s3.options.random),
  )
  const checksum = await storeChecksum(s3, arn, dataKey.sse, dataKey.keys, input.checksum)
  return {
    key,
    size: body.length,
    etag: singlePartEtag(dataKey.sse, body, s3.options.random),
    lastModified: s3.options.now(),
    system: input.system,
    metadata: input.metadata,
    ...(checksum ? { checksum } : {}),
    ...(input.storageClass ? { storageClass: input.storageClass } : {}),
    sse: dataKey.sse,
    sealed: { key: dataKey.wrap, segments: [segment] },
  }
}

/** Tampered or unreadable bytes at rest give 500 InternalError: never wrong data. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (e instanceof DecryptionFailed) throw internalError()
    throw e
  }
}

export const objectKeys = (s3: S3State, bucket: string, object: StoredObject, who: Requester, customerKey?: Uint8Array): Promise<DataKeys> =>
  guarded(() => openDataKey(s3, object.sse, object.sealed.key, objectArn(bucket, object.key), who, customerKey))

/** The whole plaintext (every segment, in part order). */
export async function readPlaintext(s3: S3State, bucket: string, object: StoredObject, who: Requester, customerKey?: Uint8Array, opened?: DataKeys): Promise<Uint8Array> {
  const keys = opened ?? (await objectKeys(s3, bucket, object, who, customerKey))
  const arn = objectArn(bucket, object.key)
  const n = object.sealed.segments.length
  return traced(who.trace, 'AES-256-GCM decrypt', `${n} segment${n === 1 ? '' : 's'} · ${sizeText(object.size)}${keys.inner ? ' · two layers (DSSE)' : ''}`, () =>
    guarded(async () => concat(...(await Promise.all(object.sealed.segments.map((s) => openSegment(keys, s, arn)))))),
  )
}

/** The checksum value, decrypting it for KMS objects (which needs kms:Decrypt, as on AWS). */
export async function revealChecksum(s3: S3State, bucket: string, object: StoredObject, who: Requester, keys?: DataKeys): Promise<string | undefined> {
  const c = object.checksum
  if (!c) return undefined
  if (c.value !== undefined) return c.value
  if (!c.sealedValue) return undefined
  const k = keys ?? (await objectKeys(s3, bucket, object, who))
  return guarded(async () => fromUtf8(await openValue(k.outer, c.sealedValue!, objectArn(bucket, object.key))))
}
