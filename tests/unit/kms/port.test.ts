/** The KmsPort S3 uses: same checks as the API, and every call audited as invoked by s3.amazonaws.com. */
import { describe, expect, it } from 'vitest'
import { isKmsFailure } from '@/lib/kms/port'
import { kmsHarness } from '../../helpers/kms'

const objectContext = { 'aws:s3:arn': 'arn:aws:s3:::my-bucket/photo.jpg' }

describe('KmsPort', () => {
  it('generateDataKey and decrypt round-trip a 256-bit data key under any identifier form, answering the key ARN', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/s3-data', TargetKeyId: key.KeyId })
    for (const keyId of [key.KeyId, key.Arn, 'alias/s3-data', 'arn:aws:kms:us-east-1:111122223333:alias/s3-data']) {
      const dataKey = await h.emulator.kms.port.generateDataKey({ keyId, encryptionContext: objectContext })
      expect(dataKey.keyArn).toBe(key.Arn)
      expect(dataKey.plaintext).toHaveLength(32)
      const back = await h.emulator.kms.port.decrypt({
        ciphertextBlob: dataKey.ciphertextBlob,
        encryptionContext: objectContext,
      })
      expect(back).toEqual({ keyArn: key.Arn, keyMaterialId: dataKey.keyMaterialId, plaintext: dataKey.plaintext })
    }
  })

  it('records GenerateDataKey and Decrypt as S3 calls, with the object ARN as context and no key material', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const dataKey = await h.emulator.kms.port.generateDataKey({
      keyId: key.Arn,
      encryptionContext: objectContext,
      accessKeyId: 'AKIAS3CALLER',
    })
    await h.emulator.kms.port.decrypt({ ciphertextBlob: dataKey.ciphertextBlob, encryptionContext: objectContext })
    const [generate, decrypt] = h.emulator.cloudtrail.records().slice(-2)
    expect(generate).toMatchObject({
      eventName: 'GenerateDataKey',
      eventSource: 'kms.amazonaws.com',
      sourceIPAddress: 's3.amazonaws.com',
      userAgent: 's3.amazonaws.com',
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/playground',
        invokedBy: 's3.amazonaws.com',
        accessKeyId: 'AKIAS3CALLER',
      },
      requestParameters: { keyId: key.Arn, keySpec: 'AES_256', encryptionContext: objectContext },
      responseElements: null,
      additionalEventData: { keyMaterialId: dataKey.keyMaterialId },
      readOnly: true,
      resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: key.Arn }],
      eventType: 'AwsApiCall',
    })
    expect(decrypt).toMatchObject({
      eventName: 'Decrypt',
      userIdentity: { invokedBy: 's3.amazonaws.com' },
      requestParameters: { encryptionContext: objectContext, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    })
    expect(JSON.stringify(h.emulator.cloudtrail.records())).not.toContain('plaintext')
  })

  it('creates the AWS managed key aws/s3 on first use, once', async () => {
    const h = kmsHarness()
    expect((await h.ok('ListKeys')).Keys).toEqual([])
    const first = await h.emulator.kms.port.generateDataKey({ keyId: 'alias/aws/s3', encryptionContext: objectContext })
    expect(h.emulator.kms.port.awsManagedS3KeyArn()).toBe(first.keyArn)
    expect(h.emulator.kms.port.resolveKeyArn('alias/aws/s3')).toBe(first.keyArn)
    const aliases = (await h.ok('ListAliases')).Aliases
    expect(aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/aws/s3', TargetKeyId: first.keyArn.split('/')[1] }),
    ])
    expect((await h.ok('ListKeys')).Keys).toHaveLength(1)
  })

  it('throws KMS errors S3 can report as KMS.<code>', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('DisableKey', { KeyId: key.KeyId })
    const failure = await h.emulator.kms.port
      .generateDataKey({ keyId: key.KeyId, encryptionContext: objectContext })
      .catch((e: unknown) => e)
    expect(isKmsFailure(failure) && [failure.code, failure.message]).toEqual([
      'DisabledException',
      `${key.Arn} is disabled.`,
    ])
    const notFound = (() => {
      try {
        return h.emulator.kms.port.resolveKeyArn('fake-key-id')
      } catch (e) {
        return e
      }
    })()
    expect(isKmsFailure(notFound) && [notFound.code, notFound.message]).toEqual([
      'NotFoundException',
      "Invalid keyId 'fake-key-id'",
    ])
  })
})
