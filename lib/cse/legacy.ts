/**
 * Legacy reads, behind two explicit opt-ins as in Java S3EC v3/v4 (`client.md`, `S3EncryptionClient.Builder`):
 * `enableLegacyUnauthenticatedModes` (AES-CBC content, no integrity) and `enableLegacyWrappingAlgorithms`
 * (V1 `x-amz-key` with AES/ECB or RSA PKCS#1 v1.5, legacy `kms`, `AESWrap`). Never written.
 * Formats: docs/fidelity.md §C1.2–§C1.3; Java `ContentMetadataDecodingStrategy.readFromMapV1V2`, `package-info.java`;
 * Ruby `encryption/default_cipher_provider.rb`, `encryption/utils.rb`.
 */
import { buf, fromBase64 } from '../crypto/bytes'
import { GCM_CEK_ALG, LEGACY_WRAPS, V1_KEY, V2 } from './constants'
import { CseError } from './errors'
import { parseJsonMap, type Keyring, type WrappedKey } from './keyring'
import { detectFormat, type Metadata } from './metadata'

export interface LegacyOptions {
  enableLegacyUnauthenticatedModes?: boolean
  enableLegacyWrappingAlgorithms?: boolean
}

export const CBC_CEK_ALG = 'AES/CBC/PKCS5Padding'

/** V1, or V2 keys with CBC content or a legacy wrap. */
export function isLegacy(metadata: Metadata): boolean {
  const format = detectFormat(metadata)
  if (format === 'v1') return true
  return (
    format === 'v2' &&
    ((metadata[V2.cekAlg] ?? CBC_CEK_ALG) !== GCM_CEK_ALG || LEGACY_WRAPS.includes(metadata[V2.wrapAlg] ?? ''))
  )
}

function wrappedKeyOf(metadata: Metadata, keyring: Keyring): WrappedKey {
  const v1 = V1_KEY in metadata
  const edk = fromBase64((metadata[v1 ? V1_KEY : V2.key] ?? '').trim())
  if (!edk) throw new CseError('InvalidMetadata', `${v1 ? V1_KEY : V2.key} is missing or not base64`)
  // V1 names no wrap: Java guesses from the length (> 48 bytes ⇒ RSA); the keyring's kind says the same.
  const wrapAlg = v1 ? (keyring.wrapAlg === 'RSA-OAEP-SHA1' || edk.length > 48 ? 'RSA' : 'AES') : metadata[V2.wrapAlg]!
  return { wrapAlg, edk, description: parseJsonMap(metadata[V2.matdesc], V2.matdesc) }
}

export async function decryptLegacy(
  body: Uint8Array,
  metadata: Metadata,
  keyring: Keyring,
  options: LegacyOptions,
): Promise<Uint8Array> {
  const cekAlg = metadata[V2.cekAlg] ?? CBC_CEK_ALG
  const wrapped = wrappedKeyOf(metadata, keyring)
  const legacyWrap = !['AES/GCM', 'RSA-OAEP-SHA1', 'kms+context'].includes(wrapped.wrapAlg)
  if (legacyWrap && !options.enableLegacyWrappingAlgorithms) {
    throw new CseError(
      'Unsupported',
      `the data key uses the legacy wrapping algorithm ${wrapped.wrapAlg}; enable legacy wrapping algorithms to read it`,
    )
  }
  if (cekAlg !== GCM_CEK_ALG && !options.enableLegacyUnauthenticatedModes) {
    throw new CseError(
      'Unsupported',
      `the content uses ${cekAlg}, which is unauthenticated; enable legacy unauthenticated modes to read it`,
    )
  }
  if (cekAlg !== GCM_CEK_ALG && cekAlg !== CBC_CEK_ALG && cekAlg !== 'AES/CBC/PKCS7Padding')
    throw new CseError('Unsupported', `unknown content algorithm ${cekAlg}`)
  if (!keyring.decryptLegacyDataKey && legacyWrap)
    throw new CseError('Unsupported', `this keyring cannot unwrap ${wrapped.wrapAlg}`)
  const dataKey = legacyWrap
    ? await keyring.decryptLegacyDataKey!(wrapped)
    : await keyring.decryptDataKey(wrapped, cekAlg)
  const iv = fromBase64((metadata[V2.iv] ?? '').trim())
  if (!iv) throw new CseError('InvalidMetadata', 'x-amz-iv is missing or not base64')
  const name = cekAlg === GCM_CEK_ALG ? 'AES-GCM' : 'AES-CBC'
  const key = await crypto.subtle.importKey('raw', buf(dataKey), name, false, ['decrypt'])
  try {
    // WebCrypto AES-CBC removes PKCS#7 padding (PKCS5Padding in Java names the same thing for 16-byte blocks).
    return new Uint8Array(await crypto.subtle.decrypt({ name, iv: buf(iv) }, key, buf(body)))
  } catch {
    throw new CseError(
      name === 'AES-GCM' ? 'TagMismatch' : 'KeyUnwrapFailed',
      `${cekAlg} decryption failed: wrong key or altered object`,
    )
  }
}
