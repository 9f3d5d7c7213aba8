/**
 * V3 key derivation and commitment: HKDF-SHA512 with the 28-byte message id as salt and the data key as
 * input; info = suite id 0x0073 ‖ "COMMITKEY" (28 bytes) or ‖ "DERIVEKEY" (32 bytes).
 * Sources: s3-encryption `key-derivation.md`, `key-commitment.md`; Java `CipherProvider.generateDerivedEncryptionKey`;
 * Python S3EC `key_derivation.py`. WebCrypto HKDF does extract and expand in one call (docs/fidelity.md §C2).
 */
import { buf, concat, timingSafeEqual, utf8 } from '../crypto/bytes'
import { DATA_KEY_BYTES, V3_COMMITMENT_BYTES, V3_MESSAGE_ID_BYTES, V3_SUITE_BYTES } from './constants'
import { CseError } from './errors'

const importIkm = (ikm: Uint8Array) => crypto.subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits'])

async function hkdfSha512(ikm: CryptoKey, salt: Uint8Array, label: string, bytes: number): Promise<Uint8Array> {
  const info = concat(V3_SUITE_BYTES, utf8(label))
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-512', salt: buf(salt), info: buf(info) }, ikm, bytes * 8),
  )
}

export const commitmentOf = async (dataKey: Uint8Array, messageId: Uint8Array) =>
  hkdfSha512(await importIkm(dataKey), messageId, 'COMMITKEY', V3_COMMITMENT_BYTES)
export const contentKeyOf = async (dataKey: Uint8Array, messageId: Uint8Array) =>
  hkdfSha512(await importIkm(dataKey), messageId, 'DERIVEKEY', DATA_KEY_BYTES)

/** For encryption: both derivations from one imported key, side by side (each WebCrypto call has a fixed cost). */
export async function commitmentAndContentKey(
  dataKey: Uint8Array,
  messageId: Uint8Array,
): Promise<{ commitment: Uint8Array; contentKey: Uint8Array }> {
  const ikm = await importIkm(dataKey)
  const [commitment, contentKey] = await Promise.all([
    hkdfSha512(ikm, messageId, 'COMMITKEY', V3_COMMITMENT_BYTES),
    hkdfSha512(ikm, messageId, 'DERIVEKEY', DATA_KEY_BYTES),
  ])
  return { commitment, contentKey }
}

/**
 * The V3 content key, only after the stored commitment matched (constant-time): decryption.md says a
 * mismatch MUST fail before the content key is derived or the body touched.
 */
export async function verifiedContentKey(
  dataKey: Uint8Array,
  messageId: Uint8Array,
  commitment: Uint8Array,
): Promise<Uint8Array> {
  if (messageId.length !== V3_MESSAGE_ID_BYTES)
    throw new CseError('InvalidMetadata', `x-amz-i must be ${V3_MESSAGE_ID_BYTES} bytes, not ${messageId.length}`)
  const ikm = await importIkm(dataKey)
  if (!timingSafeEqual(await hkdfSha512(ikm, messageId, 'COMMITKEY', V3_COMMITMENT_BYTES), commitment)) {
    throw new CseError(
      'CommitmentMismatch',
      'key commitment (x-amz-d) does not match the data key and message id: the object or its metadata was altered, or the wrong key was used',
    )
  }
  return hkdfSha512(ikm, messageId, 'DERIVEKEY', DATA_KEY_BYTES)
}
