/** The KmsPort implementation: S3's calls go through KmsService.call as S3, so they are checked and audited like any other. */
import { AWS_S3_ALIAS, awsManagedS3Key } from './aws-managed'
import { resolveKey } from './identifiers'
import type { KmsPort } from './port'
import { S3_CALLER, type Caller } from './principal'
import type { KmsService } from './service'

const s3Caller = (accessKeyId: string | undefined): Caller => ({
  ...S3_CALLER,
  ...(accessKeyId ? { accessKeyId } : {}),
})

export function createKmsPort(service: KmsService): KmsPort {
  return {
    awsManagedS3KeyArn() {
      service.tick()
      return awsManagedS3Key(service.state).arn
    },
    resolveKeyArn(keyId) {
      service.tick()
      return resolveKey(service.state, keyId, 'any', { createAwsManaged: true }).arn
    },
    async generateDataKey({ keyId, encryptionContext, keySpec = 'AES_256', accessKeyId }) {
      // S3's first use of aws/s3 creates the key; any other identifier is resolved (and audited) by the call itself.
      if (keyId === AWS_S3_ALIAS || keyId === service.state.aliasArn(AWS_S3_ALIAS)) awsManagedS3Key(service.state)
      const out = await service.call(
        'GenerateDataKey',
        { KeyId: keyId, KeySpec: keySpec, EncryptionContext: encryptionContext },
        s3Caller(accessKeyId),
      )
      return {
        keyArn: out.KeyId as string,
        keyMaterialId: out.KeyMaterialId as string,
        plaintext: out.Plaintext as Uint8Array,
        ciphertextBlob: out.CiphertextBlob as Uint8Array,
      }
    },
    async decrypt({ ciphertextBlob, encryptionContext, keyId, accessKeyId }) {
      const input = {
        CiphertextBlob: ciphertextBlob,
        EncryptionContext: encryptionContext,
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        ...(keyId ? { KeyId: keyId } : {}),
      }
      const out = await service.call('Decrypt', input, s3Caller(accessKeyId))
      return {
        keyArn: out.KeyId as string,
        keyMaterialId: out.KeyMaterialId as string,
        plaintext: out.Plaintext as Uint8Array,
      }
    },
  }
}
