/**
 * The `AES/GCM` wrap with a raw AES key: EDK = 12-byte IV ‖ AES-GCM(KEK, data key, AAD = cek alg) ‖ 16-byte tag.
 * Sources: Java `materials/AesKeyring.java` (_aesGcmStrategy), Ruby `encryptionV2/utils.rb` encrypt_aes_gcm /
 * decrypt_aes_gcm; V3 binds ASCII `115` instead of `AES/GCM/NoPadding` (docs/fidelity.md §C1.4).
 */
import { ecb } from '@noble/ciphers/aes.js'
import { buf, concat, utf8 } from '../crypto/bytes'
import { webCryptoRandom, type RandomSource } from '../crypto/random'
import { DATA_KEY_BYTES, GCM_IV_BYTES, GCM_TAG_BITS } from './constants'
import { CseError } from './errors'
import { checkWrap, type Keyring } from './keyring'

export interface AesKeyringOptions {
  /** Stored as the material description (`x-amz-matdesc` / `x-amz-m`); Ruby and Java write `{}` by default. */
  materialDescription?: Record<string, string>
  random?: RandomSource
}

export function aesKeyring(wrappingKey: Uint8Array, options: AesKeyringOptions = {}): Keyring {
  // Java AesKeyring requires an "AES" SecretKey; AES-256 is what every client's examples use.
  if (![16, 24, 32].includes(wrappingKey.length))
    throw new CseError('InvalidMetadata', `an AES wrapping key is 16, 24 or 32 bytes, not ${wrappingKey.length}`)
  const random = options.random ?? webCryptoRandom
  const kek = crypto.subtle.importKey('raw', buf(wrappingKey), 'AES-GCM', false, ['encrypt', 'decrypt'])
  const keyring: Keyring = {
    async decryptLegacyDataKey(wrapped) {
      try {
        // V1 `AES`: AES/ECB/PKCS5Padding of the data key (Ruby encryption/utils.rb encrypt); WebCrypto has no ECB.
        if (wrapped.wrapAlg === 'AES') return ecb(wrappingKey).decrypt(wrapped.edk)
        // `AESWrap`: RFC 3394 (Java AesKeyring._aesWrapStrategy); WebCrypto AES-KW unwraps to an extractable key.
        if (wrapped.wrapAlg === 'AESWrap') {
          const kw = await crypto.subtle.importKey('raw', buf(wrappingKey), 'AES-KW', false, ['unwrapKey'])
          const key = await crypto.subtle.unwrapKey('raw', buf(wrapped.edk), kw, 'AES-KW', 'AES-CBC', true, ['decrypt'])
          return new Uint8Array(await crypto.subtle.exportKey('raw', key))
        }
      } catch {
        throw new CseError(
          'KeyUnwrapFailed',
          `${wrapped.wrapAlg} key unwrap failed: wrong wrapping key or altered wrapped key`,
        )
      }
      throw new CseError('WrongKeyring', `an AES keyring cannot unwrap ${wrapped.wrapAlg}`)
    },
    wrapAlg: 'AES/GCM',
    async generateDataKey(cekAlg) {
      const dataKey = random(DATA_KEY_BYTES)
      const iv = random(GCM_IV_BYTES)
      const params = { name: 'AES-GCM', iv: buf(iv), additionalData: buf(utf8(cekAlg)), tagLength: GCM_TAG_BITS }
      const sealed = new Uint8Array(await crypto.subtle.encrypt(params, await kek, buf(dataKey)))
      return {
        dataKey,
        wrapped: { wrapAlg: 'AES/GCM', edk: concat(iv, sealed), description: options.materialDescription ?? {} },
      }
    },
    async decryptDataKey(wrapped, cekAlg) {
      checkWrap(keyring, wrapped)
      const iv = wrapped.edk.subarray(0, GCM_IV_BYTES)
      const params = {
        name: 'AES-GCM',
        iv: buf(iv.slice()),
        additionalData: buf(utf8(cekAlg)),
        tagLength: GCM_TAG_BITS,
      }
      try {
        return new Uint8Array(await crypto.subtle.decrypt(params, await kek, buf(wrapped.edk.slice(GCM_IV_BYTES))))
      } catch {
        throw new CseError(
          'KeyUnwrapFailed',
          'AES/GCM key unwrap failed: wrong wrapping key, altered wrapped key, or a different content algorithm',
        )
      }
    },
  }
  return keyring
}
