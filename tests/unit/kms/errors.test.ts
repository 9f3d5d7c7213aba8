/**
 * Every error row of docs/fidelity.md §K3.4 (key states) and §K3.6 (errors),
 * each checked for its `__type` and exact message, over the JSON 1.1 protocol.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { b64, expectError, kmsHarness } from '../../helpers/kms'

const ACCOUNT = '111122223333'
const arnOf = (id: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${id}`
const MISSING = '00000000-1111-4222-8333-444444444444'

let h: ReturnType<typeof kmsHarness>
let key: { KeyId: string; Arn: string }
let blob: string

beforeEach(async () => {
  h = kmsHarness()
  key = await h.createKey({ Description: 'errors' })
  blob = (await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('secret'), EncryptionContext: { purpose: 'test' } }))
    .CiphertextBlob
})

describe('unknown keys and aliases', () => {
  it('an unknown key id is NotFoundException naming the key ARN', async () => {
    expectError(
      await h.kms('DescribeKey', { KeyId: MISSING }),
      'NotFoundException',
      `Key '${arnOf(MISSING)}' does not exist`,
    )
    expectError(
      await h.kms('Encrypt', { KeyId: MISSING, Plaintext: b64('x') }),
      'NotFoundException',
      `Key '${arnOf(MISSING)}' does not exist`,
    )
  })

  it('an unknown key ARN is NotFoundException with that ARN', async () => {
    expectError(
      await h.kms('EnableKey', { KeyId: arnOf(MISSING) }),
      'NotFoundException',
      `Key '${arnOf(MISSING)}' does not exist`,
    )
  })

  it('an unknown alias (name or ARN) is NotFoundException naming the alias ARN', async () => {
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/nope`
    expectError(
      await h.kms('Encrypt', { KeyId: 'alias/nope', Plaintext: b64('x') }),
      'NotFoundException',
      `Alias ${aliasArn} is not found.`,
    )
    expectError(await h.kms('DescribeKey', { KeyId: aliasArn }), 'NotFoundException', `Alias ${aliasArn} is not found.`)
    expectError(
      await h.kms('DeleteAlias', { AliasName: 'alias/nope' }),
      'NotFoundException',
      `Alias ${aliasArn} is not found.`,
    )
  })

  it('something that is no key identifier at all is NotFoundException "Invalid keyId"', async () => {
    expectError(
      await h.kms('DescribeKey', { KeyId: 'fake-key-id' }),
      'NotFoundException',
      "Invalid keyId 'fake-key-id'",
    )
  })

  it('management calls take a key id or key ARN only: an alias there is "Invalid keyId"', async () => {
    await h.ok('CreateAlias', { AliasName: 'alias/mine', TargetKeyId: key.KeyId })
    expectError(await h.kms('DisableKey', { KeyId: 'alias/mine' }), 'NotFoundException', "Invalid keyId 'alias/mine'")
    expectError(
      await h.kms('CreateAlias', { AliasName: 'alias/other', TargetKeyId: 'alias/mine' }),
      'NotFoundException',
      "Invalid keyId 'alias/mine'",
    )
    const aliasArn = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/mine`
    expectError(
      await h.kms('ScheduleKeyDeletion', { KeyId: aliasArn }),
      'NotFoundException',
      `Invalid keyId '${aliasArn}'`,
    )
  })

  it('an ARN in another Region is NotFoundException "Invalid arn <region>"', async () => {
    expectError(
      await h.kms('DescribeKey', { KeyId: `arn:aws:kms:us-west-2:${ACCOUNT}:key/${key.KeyId}` }),
      'NotFoundException',
      'Invalid arn us-west-2',
    )
  })
})

describe('key states', () => {
  it('Disabled: every cryptographic operation is DisabledException "<key ARN> is disabled."', async () => {
    await h.ok('DisableKey', { KeyId: key.KeyId })
    const message = `${key.Arn} is disabled.`
    expectError(await h.kms('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') }), 'DisabledException', message)
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: blob, EncryptionContext: { purpose: 'test' } }),
      'DisabledException',
      message,
    )
    expectError(await h.kms('GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_256' }), 'DisabledException', message)
    expectError(
      await h.kms('GenerateDataKeyWithoutPlaintext', { KeyId: key.KeyId, NumberOfBytes: 16 }),
      'DisabledException',
      message,
    )
    const other = await h.createKey()
    expectError(
      await h.kms('ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: { purpose: 'test' },
        DestinationKeyId: other.KeyId,
      }),
      'DisabledException',
      message,
    )
  })

  it('Disabled: rotation calls are DisabledException too', async () => {
    await h.ok('DisableKey', { KeyId: key.KeyId })
    for (const op of ['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand']) {
      expectError(await h.kms(op, { KeyId: key.KeyId }), 'DisabledException', `${key.Arn} is disabled.`)
    }
  })

  it('PendingDeletion: crypto, enable/disable, re-scheduling, rotation and aliases are KMSInvalidStateException', async () => {
    await h.ok('CreateAlias', { AliasName: 'alias/existing', TargetKeyId: (await h.createKey()).KeyId })
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    const message = `${key.Arn} is pending deletion.`
    const calls: [string, object][] = [
      ['Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') }],
      ['Decrypt', { CiphertextBlob: blob, EncryptionContext: { purpose: 'test' } }],
      ['GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_128' }],
      ['EnableKey', { KeyId: key.KeyId }],
      ['DisableKey', { KeyId: key.KeyId }],
      ['ScheduleKeyDeletion', { KeyId: key.KeyId }],
      ['EnableKeyRotation', { KeyId: key.KeyId }],
      ['RotateKeyOnDemand', { KeyId: key.KeyId }],
      ['CreateAlias', { AliasName: 'alias/late', TargetKeyId: key.KeyId }],
      ['UpdateAlias', { AliasName: 'alias/existing', TargetKeyId: key.KeyId }],
    ]
    for (const [op, body] of calls) expectError(await h.kms(op, body), 'KMSInvalidStateException', message)
  })

  it('CancelKeyDeletion on a key that is not pending deletion is KMSInvalidStateException "<key ARN> is not pending deletion."', async () => {
    expectError(
      await h.kms('CancelKeyDeletion', { KeyId: key.KeyId }),
      'KMSInvalidStateException',
      `${key.Arn} is not pending deletion.`,
    )
  })

  it('DescribeKey, ListKeys, GetKeyPolicy and ListAliases work in every state', async () => {
    await h.ok('DisableKey', { KeyId: key.KeyId })
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Disabled')
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId })
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('PendingDeletion')
    expect((await h.ok('ListKeys')).Keys.map((k: { KeyId: string }) => k.KeyId)).toContain(key.KeyId)
    expect((await h.ok('GetKeyPolicy', { KeyId: key.KeyId })).PolicyName).toBe('default')
    expect((await h.ok('ListAliases', { KeyId: key.KeyId })).Aliases).toEqual([])
  })
})

describe('ciphertexts', () => {
  it('a different encryption context (changed, extra, missing, other case) is InvalidCiphertextException with no message', async () => {
    for (const EncryptionContext of [{ purpose: 'prod' }, { purpose: 'test', extra: '1' }, {}, { Purpose: 'test' }]) {
      expectError(await h.kms('Decrypt', { CiphertextBlob: blob, EncryptionContext }), 'InvalidCiphertextException')
    }
    expectError(await h.kms('Decrypt', { CiphertextBlob: blob }), 'InvalidCiphertextException')
  })

  it('a corrupt or foreign blob is InvalidCiphertextException', async () => {
    const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0))
    bytes[bytes.length - 1]! ^= 1
    expectError(
      await h.kms('Decrypt', {
        CiphertextBlob: btoa(String.fromCharCode(...bytes)),
        EncryptionContext: { purpose: 'test' },
      }),
      'InvalidCiphertextException',
    )
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: b64('not a kms ciphertext blob at all, sorry') }),
      'InvalidCiphertextException',
    )
  })

  it('Decrypt with a KeyId that did not encrypt the blob is IncorrectKeyException', async () => {
    const other = await h.createKey()
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: blob, EncryptionContext: { purpose: 'test' }, KeyId: other.KeyId }),
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    )
    expectError(
      await h.kms('ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionContext: { purpose: 'test' },
        SourceKeyId: other.KeyId,
        DestinationKeyId: other.KeyId,
      }),
      'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.',
    )
  })

  it('a blob whose key no longer exists is AccessDeniedException (the key is gone, or you may not use it)', async () => {
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    h.emulator.clock.advanceDays(8)
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: blob, EncryptionContext: { purpose: 'test' } }),
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    )
  })
})

describe('aliases', () => {
  it('an alias that exists is AlreadyExistsException naming the alias ARN', async () => {
    await h.ok('CreateAlias', { AliasName: 'alias/dup', TargetKeyId: key.KeyId })
    expectError(
      await h.kms('CreateAlias', { AliasName: 'alias/dup', TargetKeyId: key.KeyId }),
      'AlreadyExistsException',
      `An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/dup already exists`,
    )
  })

  it('an alias without the alias/ prefix is ValidationException', async () => {
    expectError(
      await h.kms('CreateAlias', { AliasName: 'my-key', TargetKeyId: key.KeyId }),
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see http://docs.aws.amazon.com/kms/latest/developerguide/programming-aliases.html',
    )
  })

  it('alias/aws/ is reserved: NotAuthorizedException with no message', async () => {
    expectError(
      await h.kms('CreateAlias', { AliasName: 'alias/aws/mine', TargetKeyId: key.KeyId }),
      'NotAuthorizedException',
    )
    expectError(await h.kms('DeleteAlias', { AliasName: 'alias/aws/s3' }), 'NotAuthorizedException')
  })
})

describe('constraint violations', () => {
  it("are ValidationException in Coral's format, sensitive values not shown", async () => {
    expectError(
      await h.kms('Encrypt', { KeyId: key.KeyId, Plaintext: btoa('x'.repeat(4097)) }),
      'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    )
    expectError(
      await h.kms('EnableKeyRotation', { KeyId: key.KeyId, RotationPeriodInDays: 80 }),
      'ValidationException',
      "1 validation error detected: Value '80' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90",
    )
  })

  it('PendingWindowInDays must be 7-30 (the model says 1-365; KMS enforces 7-30)', async () => {
    expectError(
      await h.kms('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 5 }),
      'ValidationException',
      "1 validation error detected: Value '5' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7",
    )
    expectError(
      await h.kms('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 31 }),
      'ValidationException',
      "1 validation error detected: Value '31' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30",
    )
  })

  it('GenerateDataKey needs exactly one of KeySpec and NumberOfBytes', async () => {
    const message = 'Please specify either number of bytes or key spec.'
    expectError(
      await h.kms('GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 }),
      'ValidationException',
      message,
    )
    expectError(await h.kms('GenerateDataKey', { KeyId: key.KeyId }), 'ValidationException', message)
  })
})
