/**
 * The second AES-256-GCM implementation, for DSSE-KMS's inner layer: @noble/ciphers (audited, pure
 * TypeScript), independent of the WebCrypto code behind the outer layer, as AWS uses two libraries for
 * DSSE. Same parameters as aes-gcm.ts (NIST SP 800-38D): 96-bit IV, 128-bit tag appended.
 * docs/benchmarks.md tells how it was chosen.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { DecryptionFailed, IV_BYTES, KEY_BYTES } from './aes-gcm'

function check(key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256 needs a ${KEY_BYTES}-byte key, got ${key.length}`)
  if (iv.length !== IV_BYTES) throw new RangeError(`AES-GCM IV must be ${IV_BYTES} bytes`)
}

/** Returns ciphertext || tag. */
export function innerAesGcmEncrypt(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Uint8Array {
  check(key, iv)
  return gcm(key, iv, aad).encrypt(plaintext)
}

/** Takes ciphertext || tag; throws DecryptionFailed, never unauthenticated bytes. */
export function innerAesGcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  check(key, iv)
  try {
    return gcm(key, iv, aad).decrypt(sealed)
  } catch {
    throw new DecryptionFailed()
  }
}
