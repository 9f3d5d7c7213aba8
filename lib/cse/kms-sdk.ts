/** A KmsPort over @aws-sdk/client-kms: the playground's emulated KMS or real KMS, whichever the client targets. */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms'
import type { KmsPort } from './kms-keyring'

export function kmsPortFromClient(client: KMSClient): KmsPort {
  return {
    async generateDataKey({ keyId, encryptionContext }) {
      // KeySpec AES_256: the S3EC data key is always 256 bits (s3-kms-keyring.md, KmsKeyring.generateDataKey).
      const out = await client.send(
        new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext }),
      )
      if (!out.Plaintext || !out.CiphertextBlob) throw new Error('GenerateDataKey returned no key')
      return { plaintext: out.Plaintext, ciphertextBlob: out.CiphertextBlob }
    },
    async decrypt({ keyId, ciphertextBlob, encryptionContext }) {
      const out = await client.send(
        new DecryptCommand({ KeyId: keyId, CiphertextBlob: ciphertextBlob, EncryptionContext: encryptionContext }),
      )
      if (!out.Plaintext) throw new Error('Decrypt returned no plaintext')
      return out.Plaintext
    },
  }
}
