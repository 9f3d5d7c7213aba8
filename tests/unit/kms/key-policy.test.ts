/** Key policies: the default policy, PutKeyPolicy, evaluation for the playground principal, aws/s3's policy. */
import { describe, expect, it } from 'vitest'
import { isKmsFailure } from '@/lib/kms/port'
import { b64, expectError, kmsHarness } from '../../helpers/kms'

const USER = 'arn:aws:iam::111122223333:user/playground'
const ROOT = 'arn:aws:iam::111122223333:root'
const allowRoot = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: ROOT },
  Action: 'kms:*',
  Resource: '*',
}
const policy = (...extra: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: [allowRoot, ...extra] })

describe('default key policy', () => {
  it('is AWS\'s "key-default-1": the account root may do kms:*', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const { Policy, PolicyName } = await h.ok('GetKeyPolicy', { KeyId: key.KeyId, PolicyName: 'default' })
    expect(PolicyName).toBe('default')
    expect(JSON.parse(Policy)).toEqual({ Version: '2012-10-17', Id: 'key-default-1', Statement: [allowRoot] })
    expect(Policy).toContain('"Version" : "2012-10-17"')
    expect(await h.ok('ListKeyPolicies', { KeyId: key.KeyId })).toEqual({ PolicyNames: ['default'], Truncated: false })
  })
})

describe('PutKeyPolicy', () => {
  it('a Deny on kms:Decrypt makes Decrypt fail with AccessDeniedException; Encrypt still works', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const { CiphertextBlob } = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') })
    await h.ok('PutKeyPolicy', {
      KeyId: key.KeyId,
      PolicyName: 'default',
      Policy: policy({ Effect: 'Deny', Principal: { AWS: USER }, Action: 'kms:Decrypt', Resource: '*' }),
    })
    expectError(
      await h.kms('Decrypt', { CiphertextBlob }),
      'AccessDeniedException',
      `User: ${USER} is not authorized to perform: kms:Decrypt on resource: ${key.Arn} with an explicit deny in a resource-based policy`,
    )
    expect((await h.kms('Encrypt', { KeyId: key.KeyId, Plaintext: b64('y') })).status).toBe(200)
  })

  it('the same Deny stops S3 too: Decrypt through the port is refused', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const dataKey = await h.emulator.kms.port.generateDataKey({
      keyId: key.Arn,
      encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
    })
    await h.ok('PutKeyPolicy', {
      KeyId: key.KeyId,
      Policy: policy({ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }),
    })
    const failure = await h.emulator.kms.port
      .decrypt({ ciphertextBlob: dataKey.ciphertextBlob, encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' } })
      .catch((e: unknown) => e)
    expect(isKmsFailure(failure) && failure.code).toBe('AccessDeniedException')
  })

  it('conditions are evaluated: Deny Decrypt unless via S3 leaves S3 working and blocks direct use', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const context = { 'aws:s3:arn': 'arn:aws:s3:::b/k' }
    const dataKey = await h.emulator.kms.port.generateDataKey({ keyId: key.KeyId, encryptionContext: context })
    const onlyViaS3 = {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
    }
    await h.ok('PutKeyPolicy', { KeyId: key.KeyId, Policy: policy(onlyViaS3) })
    const viaS3 = await h.emulator.kms.port.decrypt({
      ciphertextBlob: dataKey.ciphertextBlob,
      encryptionContext: context,
    })
    expect(viaS3.plaintext).toEqual(dataKey.plaintext)
    const direct = await h.kms('Decrypt', {
      CiphertextBlob: btoa(String.fromCharCode(...dataKey.ciphertextBlob)),
      EncryptionContext: context,
    })
    expect(direct.body.__type).toBe('AccessDeniedException')
  })

  it('an encryption-context condition can allow one bucket and no other', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const onlyBucketA = {
      Effect: 'Deny',
      Principal: '*',
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: { StringNotLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::a/*' } },
    }
    await h.ok('PutKeyPolicy', { KeyId: key.KeyId, Policy: policy(onlyBucketA) })
    expect(
      (
        await h.kms('GenerateDataKey', {
          KeyId: key.KeyId,
          KeySpec: 'AES_256',
          EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::a/x' },
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await h.kms('GenerateDataKey', {
          KeyId: key.KeyId,
          KeySpec: 'AES_256',
          EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/x' },
        })
      ).body.__type,
    ).toBe('AccessDeniedException')
  })

  it('a policy that grants nothing is an implicit deny', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const onlyDescribe = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: USER }, Action: ['kms:Describe*', 'kms:PutKeyPolicy'], Resource: '*' },
      ],
    })
    await h.ok('PutKeyPolicy', { KeyId: key.KeyId, Policy: onlyDescribe })
    expectError(
      await h.kms('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') }),
      'AccessDeniedException',
      `User: ${USER} is not authorized to perform: kms:Encrypt on resource: ${key.Arn} because no resource-based policy allows the kms:Encrypt action`,
    )
    expect((await h.kms('DescribeKey', { KeyId: key.KeyId })).status).toBe(200)
  })

  it('refuses a policy that would lock the caller out, unless BypassPolicyLockoutSafetyCheck', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const lockout = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: USER }, Action: 'kms:Encrypt', Resource: '*' }],
    })
    const before = h.stateOf()
    expectError(
      await h.kms('PutKeyPolicy', { KeyId: key.KeyId, Policy: lockout }),
      'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.',
    )
    expect(h.stateOf()).toBe(before)
    await h.ok('PutKeyPolicy', { KeyId: key.KeyId, Policy: lockout, BypassPolicyLockoutSafetyCheck: true })
    expect((await h.kms('GetKeyPolicy', { KeyId: key.KeyId })).body.__type).toBe('AccessDeniedException')
  })

  it('refuses a policy that is not JSON or not a policy, and leaves the old one', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const before = h.stateOf()
    for (const bad of [
      '{not json',
      '[]',
      '{"Statement": []}',
      '{"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "kms:*"}]}',
    ]) {
      expect((await h.kms('PutKeyPolicy', { KeyId: key.KeyId, Policy: bad })).body.__type).toBe(
        'MalformedPolicyDocumentException',
      )
    }
    expect(h.stateOf()).toBe(before)
  })

  it('CreateKey with a Policy stores it verbatim', async () => {
    const h = kmsHarness()
    const text = policy()
    const key = await h.createKey({ Policy: text })
    expect((await h.ok('GetKeyPolicy', { KeyId: key.KeyId })).Policy).toBe(text)
  })
})

describe('the AWS managed key aws/s3', () => {
  it('may be described but not used directly, disabled, deleted or re-policied by the user', async () => {
    const h = kmsHarness()
    const { KeyMetadata } = await h.ok('DescribeKey', { KeyId: 'alias/aws/s3' })
    expect(KeyMetadata).toMatchObject({
      KeyManager: 'AWS',
      Description: 'Default key that protects my S3 objects when no other key is defined',
    })
    const denied = (action: string) =>
      `User: ${USER} is not authorized to perform: kms:${action} on resource: ${KeyMetadata.Arn} because no resource-based policy allows the kms:${action} action`
    expectError(
      await h.kms('Encrypt', { KeyId: 'alias/aws/s3', Plaintext: b64('x') }),
      'AccessDeniedException',
      denied('Encrypt'),
    )
    expectError(await h.kms('DisableKey', { KeyId: KeyMetadata.KeyId }), 'AccessDeniedException', denied('DisableKey'))
    expectError(
      await h.kms('ScheduleKeyDeletion', { KeyId: KeyMetadata.KeyId }),
      'AccessDeniedException',
      denied('ScheduleKeyDeletion'),
    )
    expectError(
      await h.kms('PutKeyPolicy', { KeyId: KeyMetadata.KeyId, Policy: policy() }),
      'AccessDeniedException',
      denied('PutKeyPolicy'),
    )
    expect(JSON.parse((await h.ok('GetKeyPolicy', { KeyId: KeyMetadata.KeyId })).Policy).Id).toBe('auto-s3-2')
  })

  it('S3 may use it through the port', async () => {
    const h = kmsHarness()
    const arn = h.emulator.kms.port.awsManagedS3KeyArn()
    const out = await h.emulator.kms.port.generateDataKey({
      keyId: 'alias/aws/s3',
      encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
    })
    expect(out.keyArn).toBe(arn)
  })
})
