/**
 * The CiphertextBlob that Encrypt, GenerateDataKey and ReEncrypt return, and Decrypt takes back.
 *
 * Simulation note: AWS does not publish its blob format (real blobs are opaque and start 01 02 02 00 78).
 * Ours carries what Decrypt needs to work without a KeyId, and what a learner may want to see:
 *
 *   offset  size  field
 *   0       1     format version, 0x01
 *   1       1     n = length of the key id in bytes (36 for a UUID)
 *   2       n     key id, ASCII
 *   2+n     4     key material version, uint32 big-endian (0 = the original material, +1 per rotation)
 *   6+n     12    AES-GCM IV, random
 *   18+n    rest  AES-256-GCM ciphertext, then the 16-byte tag (NIST SP 800-38D)
 *
 * The AAD is the header (bytes 0 .. 6+n) followed by the canonical encryption context, so neither the key
 * id, the material version nor the context can be changed without the tag check failing.
 */
import { aesGcmDecrypt, aesGcmEncrypt, IV_BYTES, materialKey, TAG_BYTES } from '../crypto/aes-gcm'
import { concat, fromUtf8, utf8 } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import { canonicalContext, type EncryptionContext } from './encryption-context'

export const BLOB_FORMAT_VERSION = 1

export interface ParsedBlob {
  keyId: string
  materialVersion: number
  header: Uint8Array
  iv: Uint8Array
  sealed: Uint8Array
}

function header(keyId: string, materialVersion: number): Uint8Array {
  const id = utf8(keyId)
  if (id.length > 255) throw new RangeError('key id too long for a ciphertext blob')
  const version = new Uint8Array(4)
  new DataView(version.buffer).setUint32(0, materialVersion)
  return concat(new Uint8Array([BLOB_FORMAT_VERSION, id.length]), id, version)
}

export async function sealBlob(
  keyId: string,
  material: { version: number; bytes: Uint8Array },
  plaintext: Uint8Array,
  context: EncryptionContext | undefined,
  random: RandomSource,
): Promise<Uint8Array> {
  const head = header(keyId, material.version)
  const iv = random(IV_BYTES)
  const sealed = await aesGcmEncrypt(
    await materialKey(material.bytes),
    iv,
    plaintext,
    concat(head, canonicalContext(context)),
  )
  return concat(head, iv, sealed)
}

/** Splits a blob into its fields, or returns undefined when it cannot be one of ours. */
export function parseBlob(blob: Uint8Array): ParsedBlob | undefined {
  if (blob.length < 2 || blob[0] !== BLOB_FORMAT_VERSION) return undefined
  const n = blob[1]!
  const headerEnd = 2 + n + 4
  if (n === 0 || blob.length < headerEnd + IV_BYTES + TAG_BYTES) return undefined
  const keyId = fromUtf8(blob.subarray(2, 2 + n))
  const materialVersion = new DataView(blob.buffer, blob.byteOffset + 2 + n, 4).getUint32(0)
  return {
    keyId,
    materialVersion,
    header: blob.slice(0, headerEnd),
    iv: blob.slice(headerEnd, headerEnd + IV_BYTES),
    sealed: blob.slice(headerEnd + IV_BYTES),
  }
}

/** Throws DecryptionFailed (lib/crypto/aes-gcm) when the material, blob or context is not the one used. */
export async function openBlob(
  parsed: ParsedBlob,
  materialBytes: Uint8Array,
  context: EncryptionContext | undefined,
): Promise<Uint8Array> {
  return aesGcmDecrypt(
    await materialKey(materialBytes),
    parsed.iv,
    parsed.sealed,
    concat(parsed.header, canonicalContext(context)),
  )
}
