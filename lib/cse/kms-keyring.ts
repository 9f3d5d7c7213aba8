/**
 * The `kms+context` wrap: KMS GenerateDataKey (AES_256) with the caller's encryption context plus the reserved
 * `aws:x-amz-cek-alg` entry; the EDK is the CiphertextBlob and the whole context is stored with the object.
 * Sources: s3-encryption `materials/s3-kms-keyring.md`, Java `materials/KmsKeyring.java`,
 * Ruby `encryptionV2/kms_cipher_provider.rb`.
 */
import { CseError } from './errors'
import { KMS_CEK_ALG_CONTEXT_KEY, KMS_CMK_ID_CONTEXT_KEY } from './constants'
import { checkWrap, type Keyring } from './keyring'

/** The two KMS calls the keyring needs, so it can run against the playground's KMS, real KMS, or a fake. */
export interface KmsPort {
  generateDataKey(request: {
    keyId: string
    encryptionContext: Record<string, string>
  }): Promise<{ plaintext: Uint8Array; ciphertextBlob: Uint8Array }>
  decrypt(request: {
    keyId: string
    ciphertextBlob: Uint8Array
    encryptionContext: Record<string, string>
  }): Promise<Uint8Array>
}

export interface KmsKeyringOptions {
  /** Extra encryption context: written on put, and required to match on get (s3-kms-keyring.md). */
  encryptionContext?: Record<string, string>
}

const RESERVED = [KMS_CEK_ALG_CONTEXT_KEY, KMS_CMK_ID_CONTEXT_KEY]

function sameContext(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k])
}

export function kmsKeyring(kms: KmsPort, keyId: string, options: KmsKeyringOptions = {}): Keyring {
  const callerContext = options.encryptionContext ?? {}
  // Java KmsKeyring / Ruby: a caller may not set the reserved key itself.
  if (Object.hasOwn(callerContext, KMS_CEK_ALG_CONTEXT_KEY)) {
    throw new CseError(
      'InvalidMetadata',
      `${KMS_CEK_ALG_CONTEXT_KEY} is reserved for the S3 Encryption Client and cannot be set in the encryption context`,
    )
  }
  const keyring: Keyring = {
    async decryptLegacyDataKey(wrapped) {
      // Legacy `kms`: context {"kms_cmk_id": ...} as stored; the content algorithm is not bound (docs/fidelity.md §C1.3).
      if (wrapped.wrapAlg !== 'kms')
        throw new CseError('WrongKeyring', `a KMS keyring cannot unwrap ${wrapped.wrapAlg}`)
      try {
        return await kms.decrypt({ keyId, ciphertextBlob: wrapped.edk, encryptionContext: wrapped.description })
      } catch (e) {
        throw new CseError(
          'KeyUnwrapFailed',
          `KMS Decrypt refused the data key: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
        )
      }
    },
    wrapAlg: 'kms+context',
    async generateDataKey(cekAlg) {
      const encryptionContext = { ...callerContext, [KMS_CEK_ALG_CONTEXT_KEY]: cekAlg }
      const { plaintext, ciphertextBlob } = await kms.generateDataKey({ keyId, encryptionContext })
      return {
        dataKey: plaintext,
        wrapped: { wrapAlg: 'kms+context', edk: ciphertextBlob, description: encryptionContext },
      }
    },
    async decryptDataKey(wrapped, cekAlg) {
      checkWrap(keyring, wrapped)
      const stored = wrapped.description
      // Ruby kms_cipher_provider decrypt: the context must bind the same content algorithm the metadata names.
      if (stored[KMS_CEK_ALG_CONTEXT_KEY] !== cekAlg) {
        throw new CseError(
          'KeyUnwrapFailed',
          `the KMS encryption context binds ${KMS_CEK_ALG_CONTEXT_KEY}=${stored[KMS_CEK_ALG_CONTEXT_KEY] ?? '(missing)'}, but the object says ${cekAlg}`,
        )
      }
      // s3-kms-keyring.md: stored context minus reserved keys must equal what the caller passed.
      const unreserved = Object.fromEntries(Object.entries(stored).filter(([k]) => !RESERVED.includes(k)))
      if (!sameContext(unreserved, callerContext)) {
        throw new CseError(
          'KeyUnwrapFailed',
          `the object's encryption context ${JSON.stringify(unreserved)} does not match the one given ${JSON.stringify(callerContext)}`,
        )
      }
      try {
        return await kms.decrypt({ keyId, ciphertextBlob: wrapped.edk, encryptionContext: stored })
      } catch (e) {
        throw new CseError(
          'KeyUnwrapFailed',
          `KMS Decrypt refused the data key: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
        )
      }
    },
  }
  return keyring
}
