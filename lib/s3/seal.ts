/**
 * Encryption at rest, below the choice of SSE mode: the SSE-S3 root-key wrap of a data key, and small
 * values sealed under it. Every layer binds the object ARN as additional authenticated data, so stored
 * bytes cannot be moved to another object and still decrypt. Object bodies: at-rest.ts.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, materialKey } from '../crypto/aes-gcm'
import { joinBytes, utf8 } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import { bytesReader, openPartRange, sealBytes, segmentAad as chunkAad } from './at-rest'
import type { DataKeyWrap, Segment } from './model'
import type { RootKeyring } from './root-keys'

/** The plaintext data key(s) of an object: one, or two for DSSE (outer: WebCrypto, inner: the second library). */
export interface DataKeys {
  outer: Uint8Array
  inner?: Uint8Array
}

/** The additional data of a one-segment part (a small body): object ARN, part number, segment 0, last (at-rest.ts). */
export const segmentAad = (arn: string, partNumber: number): Uint8Array => chunkAad({ arn, partNumber }, 0, true)

/** Seals a whole plaintext in the at-rest format (1 MiB AES-256-GCM segments, at-rest.ts), in memory. */
export async function sealSegment(
  keys: DataKeys,
  plaintext: Uint8Array,
  arn: string,
  partNumber: number,
  random: RandomSource,
): Promise<Segment> {
  const { part, sealed } = await sealBytes(keys, plaintext, { arn, partNumber }, random)
  return {
    partNumber,
    size: plaintext.length,
    iv: part.nonceBase,
    ...(part.innerNonceBase ? { innerIv: part.innerNonceBase } : {}),
    ciphertext: sealed,
    part,
  }
}

/** Throws DecryptionFailed if any byte, key or binding is not the one that was sealed. */
export async function openSegment(keys: DataKeys, segment: Segment, arn: string): Promise<Uint8Array> {
  const part = {
    ...segment.part,
    partNumber: segment.partNumber,
    nonceBase: segment.iv,
    ...(segment.innerIv ? { innerNonceBase: segment.innerIv } : {}),
  }
  const pieces: Uint8Array[] = []
  for await (const piece of openPartRange(keys, part, arn, bytesReader(segment.ciphertext), 0, segment.size - 1))
    pieces.push(piece)
  return joinBytes(pieces)
}

export async function wrapWithRoot(
  keyring: RootKeyring,
  random: RandomSource,
  dataKey: Uint8Array,
  arn: string,
): Promise<DataKeyWrap> {
  const root = keyring.current()
  const iv = random(IV_BYTES)
  return {
    kind: 'root',
    rootKeyId: root.id,
    iv,
    wrapped: await aesGcmEncrypt(await materialKey(root.material), iv, dataKey, utf8(arn)),
  }
}

/** Unwraps an SSE-S3 data key with the root key version that wrapped it. */
export async function unwrapWithRoot(
  keyring: RootKeyring,
  wrap: DataKeyWrap & { kind: 'root' },
  arn: string,
): Promise<Uint8Array> {
  const root = keyring.get(wrap.rootKeyId)
  if (!root) throw new Error(`root key ${wrap.rootKeyId} is missing`)
  return aesGcmDecrypt(await materialKey(root.material), wrap.iv, wrap.wrapped, utf8(arn))
}

/** A small value (the stored checksum of a KMS object) sealed under the data key: IV || ciphertext. */
export async function sealValue(
  key: Uint8Array,
  value: Uint8Array,
  arn: string,
  random: RandomSource,
): Promise<Uint8Array> {
  const iv = random(IV_BYTES)
  const ct = await aesGcmEncrypt(key, iv, value, utf8(`${arn}#checksum`))
  const out = new Uint8Array(iv.length + ct.length)
  out.set(iv)
  out.set(ct, iv.length)
  return out
}

export const openValue = (key: Uint8Array, sealed: Uint8Array, arn: string): Promise<Uint8Array> =>
  aesGcmDecrypt(key, sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES), utf8(`${arn}#checksum`))
