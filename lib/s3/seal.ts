/**
 * Encryption at rest, below the choice of SSE mode: AES-256-GCM segments under a data key, and the SSE-S3
 * root-key wrap of that data key. Every layer binds the object ARN (and, for segments, the part number)
 * as additional authenticated data, so stored bytes cannot be moved to another object or part and still
 * decrypt. DSSE adds an inner layer from a second, independent AES-GCM implementation.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES } from '../crypto/aes-gcm'
import { innerAesGcmDecrypt, innerAesGcmEncrypt } from '../crypto/aes-gcm-inner'
import { utf8 } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import type { DataKeyWrap, Segment } from './model'
import type { RootKeyring } from './root-keys'

/** The plaintext data key(s) of an object: one, or two for DSSE (outer: WebCrypto, inner: the second library). */
export interface DataKeys {
  outer: Uint8Array
  inner?: Uint8Array
}

/** The object ARN, and for parts after the first also the part number (so a single-part object binds the ARN alone, as it always has). */
export const segmentAad = (arn: string, partNumber: number) => utf8(partNumber === 1 ? arn : `${arn}#${partNumber}`)

export async function wrapWithRoot(keyring: RootKeyring, random: RandomSource, dataKey: Uint8Array, arn: string): Promise<DataKeyWrap> {
  const root = keyring.current()
  const iv = random(IV_BYTES)
  return { kind: 'root', rootKeyId: root.id, iv, wrapped: await aesGcmEncrypt(root.material, iv, dataKey, utf8(arn)) }
}

/** Unwraps an SSE-S3 data key with the root key version that wrapped it. */
export async function unwrapWithRoot(keyring: RootKeyring, wrap: DataKeyWrap & { kind: 'root' }, arn: string): Promise<Uint8Array> {
  const root = keyring.get(wrap.rootKeyId)
  if (!root) throw new Error(`root key ${wrap.rootKeyId} is missing`)
  return aesGcmDecrypt(root.material, wrap.iv, wrap.wrapped, utf8(arn))
}

export async function sealSegment(keys: DataKeys, plaintext: Uint8Array, arn: string, partNumber: number, random: RandomSource): Promise<Segment> {
  const aad = segmentAad(arn, partNumber)
  let body = plaintext
  let innerIv: Uint8Array | undefined
  if (keys.inner) {
    innerIv = random(IV_BYTES)
    body = innerAesGcmEncrypt(keys.inner, innerIv, plaintext, aad)
  }
  const iv = random(IV_BYTES)
  const ciphertext = await aesGcmEncrypt(keys.outer, iv, body, aad)
  return { partNumber, size: plaintext.length, iv, ciphertext, ...(innerIv ? { innerIv } : {}) }
}

/** Throws DecryptionFailed if any byte, key or binding is not the one that was sealed. */
export async function openSegment(keys: DataKeys, segment: Segment, arn: string): Promise<Uint8Array> {
  const aad = segmentAad(arn, segment.partNumber)
  const outer = await aesGcmDecrypt(keys.outer, segment.iv, segment.ciphertext, aad)
  if (!keys.inner && !segment.innerIv) return outer
  if (!keys.inner || !segment.innerIv) throw new Error('a DSSE segment needs both layers')
  return innerAesGcmDecrypt(keys.inner, segment.innerIv, outer, aad)
}

/** A small value (the stored checksum of a KMS object) sealed under the data key: IV || ciphertext. */
export async function sealValue(key: Uint8Array, value: Uint8Array, arn: string, random: RandomSource): Promise<Uint8Array> {
  const iv = random(IV_BYTES)
  const ct = await aesGcmEncrypt(key, iv, value, utf8(`${arn}#checksum`))
  const out = new Uint8Array(iv.length + ct.length)
  out.set(iv)
  out.set(ct, iv.length)
  return out
}

export const openValue = (key: Uint8Array, sealed: Uint8Array, arn: string): Promise<Uint8Array> =>
  aesGcmDecrypt(key, sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES), utf8(`${arn}#checksum`))
