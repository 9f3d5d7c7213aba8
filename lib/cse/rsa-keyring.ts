/**
 * The `RSA-OAEP-SHA1` wrap: RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) over a "pseudo data key" =
 * one length byte ‖ data key ‖ UTF-8 cek alg. Sources: Java `materials/RsaKeyring.java` (_rsaOaepStrategy),
 * Ruby `encryptionV2/utils.rb` encrypt_rsa / decrypt_rsa; V3 binds ASCII `115` (docs/fidelity.md §C1.3–§C1.4).
 */
import { buf, concat, fromUtf8, utf8 } from '../crypto/bytes'
import { webCryptoRandom, type RandomSource } from '../crypto/random'
import { DATA_KEY_BYTES } from './constants'
import { CseError } from './errors'
import { checkWrap, type Keyring } from './keyring'
import { importRsaPrivateKey, importRsaPublicKey, publicKeyOf } from './pem'

export interface RsaKeyringOptions {
  /** Needed to encrypt (put). */
  publicKey?: CryptoKey
  /** Needed to decrypt (get). */
  privateKey?: CryptoKey
  materialDescription?: Record<string, string>
  random?: RandomSource
}

export function rsaKeyring(options: RsaKeyringOptions): Keyring {
  const random = options.random ?? webCryptoRandom
  const keyring: Keyring = {
    async decryptLegacyDataKey(wrapped) {
      // Reported, not guessed (docs/fidelity.md §C2): WebCrypto has no RSAES-PKCS1-v1_5 encryption, and Java's
      // OAEPWithSHA-256AndMGF1Padding means MGF1-SHA-1 under SunJCE but MGF1-SHA-256 under BouncyCastle.
      const missing =
        wrapped.wrapAlg === 'RSA'
          ? 'RSAES-PKCS1-v1_5 (V1 RSA key wrap), which WebCrypto lacks'
          : `${wrapped.wrapAlg}, whose MGF1 hash is provider-dependent`
      throw new CseError('Unsupported', `cannot unwrap the data key: it needs ${missing}`)
    },
    wrapAlg: 'RSA-OAEP-SHA1',
    async generateDataKey(cekAlg) {
      if (!options.publicKey) throw new CseError('Unsupported', 'the RSA keyring needs a public key to encrypt')
      const dataKey = random(DATA_KEY_BYTES)
      const pseudo = concat(new Uint8Array([dataKey.length]), dataKey, utf8(cekAlg))
      const edk = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, options.publicKey, buf(pseudo)))
      return { dataKey, wrapped: { wrapAlg: 'RSA-OAEP-SHA1', edk, description: options.materialDescription ?? {} } }
    },
    async decryptDataKey(wrapped, cekAlg) {
      checkWrap(keyring, wrapped)
      if (!options.privateKey) throw new CseError('Unsupported', 'the RSA keyring needs a private key to decrypt')
      let pseudo: Uint8Array
      try {
        pseudo = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, options.privateKey, buf(wrapped.edk)))
      } catch {
        throw new CseError(
          'KeyUnwrapFailed',
          'RSA-OAEP-SHA1 key unwrap failed: wrong private key or altered wrapped key',
        )
      }
      // Ruby decrypt_rsa: byte 0 is the key length, then the key, then the algorithm name it was bound to.
      const length = pseudo[0] ?? 0
      const bound = fromUtf8(pseudo.subarray(1 + length))
      if (bound !== cekAlg)
        throw new CseError(
          'KeyUnwrapFailed',
          `the RSA-wrapped data key is bound to "${bound}", but the object says "${cekAlg}"`,
        )
      return pseudo.slice(1, 1 + length)
    },
  }
  return keyring
}

/** An RSA keyring from PEM text: a private key (public half derived) or a public key only (encrypt only). */
export async function rsaKeyringFromPem(
  pem: string,
  options: Omit<RsaKeyringOptions, 'publicKey' | 'privateKey'> = {},
): Promise<Keyring> {
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem))
    return rsaKeyring({ ...options, publicKey: await importRsaPublicKey(pem) })
  const privateKey = await importRsaPrivateKey(pem)
  return rsaKeyring({ ...options, privateKey, publicKey: await publicKeyOf(privateKey) })
}
