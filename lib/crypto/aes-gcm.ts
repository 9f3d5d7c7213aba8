/**
 * AES-256-GCM through WebCrypto (NIST SP 800-38D): 96-bit IV, 128-bit tag appended to the ciphertext.
 * This is the cipher S3 documents for SSE ("256-bit Advanced Encryption Standard Galois/Counter Mode").
 */
import { buf } from './bytes'

export const IV_BYTES = 12
export const TAG_BYTES = 16
export const KEY_BYTES = 32

export class DecryptionFailed extends Error {
  constructor() {
    super('AES-GCM authentication failed: the ciphertext, IV, key or additional data is not the one that was encrypted')
    this.name = 'DecryptionFailed'
  }
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  // SP 800-38D allows 128/192/256-bit keys; S3's SSE uses 256 only, so anything else is a bug here.
  if (raw.length !== KEY_BYTES) throw new RangeError(`AES-256 needs a ${KEY_BYTES}-byte key, got ${raw.length}`)
  return crypto.subtle.importKey('raw', buf(raw), 'AES-GCM', false, ['encrypt', 'decrypt'])
}

/**
 * The CryptoKey of long-lived key material (an S3 root key, a KMS key's material, an S3 Bucket Key), imported
 * once: an import costs about as much as encrypting 16 KiB, and every object's data key goes through one.
 * Keyed by the array itself, so the material must never be mutated in place (none of these ever is).
 */
const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>()
export function materialKey(raw: Uint8Array): Promise<CryptoKey> {
  let key = imported.get(raw)
  if (!key) {
    key = importAesKey(raw)
    imported.set(raw, key)
  }
  return key
}

const params = (iv: Uint8Array, aad?: Uint8Array): AesGcmParams => {
  if (iv.length !== IV_BYTES) throw new RangeError(`AES-GCM IV must be ${IV_BYTES} bytes`)
  return { name: 'AES-GCM', iv: buf(iv), tagLength: TAG_BYTES * 8, ...(aad ? { additionalData: buf(aad) } : {}) }
}

/** Returns ciphertext || tag. */
export async function aesGcmEncrypt(
  key: CryptoKey | Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  const k = key instanceof Uint8Array ? await importAesKey(key) : key
  return new Uint8Array(await crypto.subtle.encrypt(params(iv, aad), k, buf(plaintext)))
}

/** Takes ciphertext || tag; throws DecryptionFailed rather than ever returning unauthenticated bytes. */
export async function aesGcmDecrypt(
  key: CryptoKey | Uint8Array,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  const k = key instanceof Uint8Array ? await importAesKey(key) : key
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params(iv, aad), k, buf(sealed)))
  } catch {
    throw new DecryptionFailed()
  }
}
