/**
 * Encrypting and decrypting a whole object body (AES-256-GCM, tag appended).
 * V2: random 12-byte IV, no AAD (s3-encryption `encryption.md`: "MUST NOT provide any AAD").
 * V3: derived key, IV = twelve 0x01, AAD = 0x00 0x73 (`key-derivation.md`, `encryption.md`).
 */
import { buf } from '../crypto/bytes'
import { webCryptoRandom, type RandomSource } from '../crypto/random'
import {
  GCM_CEK_ALG,
  GCM_IV_BYTES,
  GCM_TAG_BITS,
  V3_CEK_ALG,
  V3_IV,
  V3_MESSAGE_ID_BYTES,
  V3_SUITE_BYTES,
} from './constants'
import { commitmentAndContentKey, verifiedContentKey } from './commitment'
import { CseError } from './errors'
import { decryptLegacy, isLegacy, type LegacyOptions } from './legacy'
import type { Keyring } from './keyring'
import { buildMetadata, parseMetadata, type Format, type Materials, type Metadata } from './metadata'

export interface EncryptOptions {
  /** v2 (default, what V2 clients write) or v3 (key commitment). */
  format?: Format
  random?: RandomSource
}

export interface EncryptedObject {
  body: Uint8Array
  metadata: Metadata
}

export interface ContentCipher {
  key: Uint8Array
  iv: Uint8Array
  aad?: Uint8Array
}

const gcm = (c: ContentCipher) => ({
  name: 'AES-GCM',
  iv: buf(c.iv),
  tagLength: GCM_TAG_BITS,
  ...(c.aad ? { additionalData: buf(c.aad) } : {}),
})
const importAes = (key: Uint8Array, name: string, usage: KeyUsage) =>
  crypto.subtle.importKey('raw', buf(key), name, false, [usage])

function messageIdFrom(random: RandomSource): Uint8Array {
  // encryption.md: the message id must never be all zeros; draw again in the (2^-224) case it is.
  for (;;) {
    const id = random(V3_MESSAGE_ID_BYTES)
    if (id.some((b) => b !== 0)) return id
  }
}

export async function encryptObject(
  plaintext: Uint8Array,
  keyring: Keyring,
  options: EncryptOptions = {},
): Promise<EncryptedObject> {
  const random = options.random ?? webCryptoRandom
  const format = options.format ?? 'v2'
  const cekAlg = format === 'v3' ? V3_CEK_ALG : GCM_CEK_ALG
  const { dataKey, wrapped } = await keyring.generateDataKey(cekAlg)
  let materials: Materials
  let cipher: ContentCipher
  if (format === 'v3') {
    const messageId = messageIdFrom(random)
    const { commitment, contentKey } = await commitmentAndContentKey(dataKey, messageId)
    materials = { format, cekAlg, wrapped, messageId, commitment }
    cipher = { key: contentKey, iv: V3_IV, aad: V3_SUITE_BYTES }
  } else {
    const iv = random(GCM_IV_BYTES)
    materials = { format, cekAlg, wrapped, iv, plaintextLength: plaintext.length }
    cipher = { key: dataKey, iv }
  }
  const body = new Uint8Array(
    await crypto.subtle.encrypt(gcm(cipher), await importAes(cipher.key, 'AES-GCM', 'encrypt'), buf(plaintext)),
  )
  return { body, metadata: buildMetadata(materials) }
}

/** Unwraps the data key and (V3) checks the commitment: the key, IV and AAD the body was sealed with. */
export async function contentCipherFor(materials: Materials, keyring: Keyring): Promise<ContentCipher> {
  const dataKey = await keyring.decryptDataKey(materials.wrapped, materials.cekAlg)
  if (materials.format === 'v3') {
    return {
      key: await verifiedContentKey(dataKey, materials.messageId!, materials.commitment!),
      iv: V3_IV,
      aad: V3_SUITE_BYTES,
    }
  }
  if (materials.iv!.length !== GCM_IV_BYTES)
    throw new CseError(
      'InvalidMetadata',
      `x-amz-iv must be ${GCM_IV_BYTES} bytes for AES/GCM, not ${materials.iv!.length}`,
    )
  return { key: dataKey, iv: materials.iv! }
}

/** The plaintext, or a CseError: a failed tag never yields output (WebCrypto's GCM is one-shot). */
export async function decryptObject(
  body: Uint8Array,
  metadata: Metadata,
  keyring: Keyring,
  legacy: LegacyOptions = {},
): Promise<Uint8Array> {
  if (isLegacy(metadata)) return decryptLegacy(body, metadata, keyring, legacy)
  const cipher = await contentCipherFor(parseMetadata(metadata), keyring)
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(gcm(cipher), await importAes(cipher.key, 'AES-GCM', 'decrypt'), buf(body)),
    )
  } catch {
    throw new CseError(
      'TagMismatch',
      'AES-GCM authentication failed: the object body or its tag was altered, or the metadata does not belong to it',
    )
  }
}

export { importAes }
