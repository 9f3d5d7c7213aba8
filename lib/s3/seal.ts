/**
 * Envelope encryption at rest (SSE-S3): a fresh 256-bit data key per object encrypts the body with
 * AES-256-GCM; the root key wraps the data key. Only the wrapped key is kept.
 *
 * Both layers take the object ARN as additional authenticated data, so stored bytes cannot be moved
 * to another object and still decrypt.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, KEY_BYTES } from '../crypto/aes-gcm'
import { utf8 } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import type { Sealed } from './model'
import type { RootKeyring } from './root-keys'

export async function seal(body: Uint8Array, arn: string, keyring: RootKeyring, random: RandomSource): Promise<Sealed> {
  const aad = utf8(arn)
  const dataKey = random(KEY_BYTES)
  const root = keyring.current()
  const wrappedKeyIv = random(IV_BYTES)
  const iv = random(IV_BYTES)
  const [wrappedKey, ciphertext] = await Promise.all([
    aesGcmEncrypt(root.material, wrappedKeyIv, dataKey, aad),
    aesGcmEncrypt(dataKey, iv, body, aad),
  ])
  return { rootKeyId: root.id, wrappedKeyIv, wrappedKey, iv, ciphertext }
}

/** Unwraps the data key with the root key version that wrapped it. */
export async function unwrapDataKey(sealed: Sealed, arn: string, keyring: RootKeyring): Promise<Uint8Array> {
  const root = keyring.get(sealed.rootKeyId)
  if (!root) throw new Error(`root key ${sealed.rootKeyId} is missing`)
  return aesGcmDecrypt(root.material, sealed.wrappedKeyIv, sealed.wrappedKey, utf8(arn))
}

export async function unseal(sealed: Sealed, arn: string, keyring: RootKeyring): Promise<Uint8Array> {
  const dataKey = await unwrapDataKey(sealed, arn, keyring)
  return aesGcmDecrypt(dataKey, sealed.iv, sealed.ciphertext, utf8(arn))
}
