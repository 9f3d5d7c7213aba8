/**
 * The KMS acceptance walk-through through @aws-sdk/client-kms, unchanged, against the emulator's real HTTP
 * host: keys, aliases, encrypt/decrypt with and without context, data keys, the key lifecycle, rotation,
 * key policies, and the resulting audit trail (read over CloudTrail's JSON protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let kms: KMSClient
let keyId: string
let keyArn: string
const utf8 = (s: string) => new TextEncoder().encode(s)
const fromUtf8 = (b: Uint8Array | undefined) => new TextDecoder().decode(b)

/** The SDK's error for a failed command: its name is KMS's __type. */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    }
  }
  throw new Error('expected the command to fail')
}

beforeAll(async () => {
  running = await startEmulator()
  kms = new KMSClient({ region: 'us-east-1', endpoint: running.endpoint, credentials: testCredentials })
})
afterAll(() => running.close())

describe('KMS through @aws-sdk/client-kms', () => {
  it('creates a key and an alias, lists and describes them', async () => {
    const created = await kms.send(
      new CreateKeyCommand({ Description: 'contract test key', Tags: [{ TagKey: 'lesson', TagValue: 'kms' }] }),
    )
    keyId = created.KeyMetadata!.KeyId!
    keyArn = created.KeyMetadata!.Arn!
    expect(created.KeyMetadata).toMatchObject({
      KeyState: 'Enabled',
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Enabled: true,
    })
    expect(created.KeyMetadata!.CreationDate).toBeInstanceOf(Date)
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/contract', TargetKeyId: keyId }))
    const { Aliases } = await kms.send(new ListAliasesCommand({}))
    expect(Aliases).toContainEqual(expect.objectContaining({ AliasName: 'alias/contract', TargetKeyId: keyId }))
    const described = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/contract' }))
    expect(described.KeyMetadata!.Arn).toBe(keyArn)
  })

  it('encrypts and decrypts with and without an encryption context; a different context fails', async () => {
    const plain = await kms.send(new EncryptCommand({ KeyId: 'alias/contract', Plaintext: utf8('no context') }))
    expect(plain.KeyId).toBe(keyArn)
    expect(fromUtf8((await kms.send(new DecryptCommand({ CiphertextBlob: plain.CiphertextBlob }))).Plaintext)).toBe(
      'no context',
    )

    const context = { department: 'finance' }
    const bound = await kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: utf8('with context'), EncryptionContext: context }),
    )
    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: bound.CiphertextBlob, EncryptionContext: context, KeyId: keyArn }),
    )
    expect([fromUtf8(decrypted.Plaintext), decrypted.KeyId, decrypted.EncryptionAlgorithm]).toEqual([
      'with context',
      keyArn,
      'SYMMETRIC_DEFAULT',
    ])
    const wrong = await failure(
      kms.send(
        new DecryptCommand({ CiphertextBlob: bound.CiphertextBlob, EncryptionContext: { department: 'sales' } }),
      ),
    )
    expect([wrong.name, wrong.status]).toEqual(['InvalidCiphertextException', 400])
  })

  it('generates a data key whose blob decrypts to the same plaintext key; ReEncrypt moves it', async () => {
    const dataKey = await kms.send(
      new GenerateDataKeyCommand({
        KeyId: keyId,
        KeySpec: 'AES_256',
        EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
      }),
    )
    expect(dataKey.Plaintext).toHaveLength(32)
    const back = await kms.send(
      new DecryptCommand({
        CiphertextBlob: dataKey.CiphertextBlob,
        EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
      }),
    )
    expect(back.Plaintext).toEqual(dataKey.Plaintext)
    const other = await kms.send(new CreateKeyCommand({}))
    const moved = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: dataKey.CiphertextBlob,
        SourceEncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
        DestinationKeyId: other.KeyMetadata!.KeyId,
      }),
    )
    expect([moved.SourceKeyId, moved.KeyId]).toEqual([keyArn, other.KeyMetadata!.Arn])
  })

  it('a disabled key refuses Decrypt with DisabledException, and works again once enabled', async () => {
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }))
    await kms.send(new DisableKeyCommand({ KeyId: keyId }))
    const err = await failure(kms.send(new DecryptCommand({ CiphertextBlob })))
    expect([err.name, err.message]).toEqual(['DisabledException', `${keyArn} is disabled.`])
    await kms.send(new EnableKeyCommand({ KeyId: keyId }))
    expect(fromUtf8((await kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext)).toBe('x')
  })

  it('rotation on demand keeps old ciphertexts decrypting; ListKeyRotations and rotation status show it', async () => {
    const old = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('before rotation') }))
    expect((await kms.send(new RotateKeyOnDemandCommand({ KeyId: keyId }))).KeyId).toBe(keyArn)
    expect(fromUtf8((await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext)).toBe(
      'before rotation',
    )
    const { Rotations } = await kms.send(new ListKeyRotationsCommand({ KeyId: keyId }))
    expect(Rotations).toHaveLength(1)
    expect(Rotations![0]).toMatchObject({ RotationType: 'ON_DEMAND', KeyMaterialState: 'CURRENT' })
    expect(Rotations![0]!.RotationDate).toBeInstanceOf(Date)
    await kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: 180 }))
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))
    expect([status.KeyRotationEnabled, status.RotationPeriodInDays]).toEqual([true, 180])
    expect(status.NextRotationDate).toBeInstanceOf(Date)
  })

  it('gets the default key policy, and a policy that denies kms:Decrypt makes Decrypt fail with AccessDeniedException', async () => {
    const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))
    const document = JSON.parse(Policy!)
    expect(document.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'kms:*',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    })
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: utf8('x') }))
    document.Statement.push({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' })
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify(document) }))
    const err = await failure(kms.send(new DecryptCommand({ CiphertextBlob })))
    expect(err.name).toBe('AccessDeniedException')
    expect(err.message).toContain('with an explicit deny in a resource-based policy')
  })

  it('a key scheduled for deletion refuses Encrypt with KMSInvalidStateException; the deletion completes by the clock', async () => {
    const doomed = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }))
    expect([scheduled.KeyState, scheduled.PendingWindowInDays, scheduled.KeyId]).toEqual([
      'PendingDeletion',
      7,
      doomed.Arn,
    ])
    const err = await failure(kms.send(new EncryptCommand({ KeyId: doomed.KeyId, Plaintext: utf8('x') })))
    expect([err.name, err.message]).toEqual(['KMSInvalidStateException', `${doomed.Arn} is pending deletion.`])
    const saved = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: saved.KeyId, PendingWindowInDays: 7 }))
    await kms.send(new CancelKeyDeletionCommand({ KeyId: saved.KeyId }))
    running.emulator.clock.advanceDays(7.5)
    expect((await failure(kms.send(new DescribeKeyCommand({ KeyId: doomed.KeyId })))).name).toBe('NotFoundException')
    expect((await kms.send(new DescribeKeyCommand({ KeyId: saved.KeyId }))).KeyMetadata!.KeyState).toBe('Disabled')
  })

  it('every call above is in the audit trail, readable with CloudTrail LookupEvents', async () => {
    const response = await fetch(running.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
      },
      body: JSON.stringify({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: keyArn }],
        MaxResults: 50,
      }),
    })
    const { Events } = (await response.json()) as { Events: { EventName: string; CloudTrailEvent: string }[] }
    const names = Events.map((e) => e.EventName)
    for (const name of [
      'CreateKey',
      'CreateAlias',
      'Encrypt',
      'Decrypt',
      'GenerateDataKey',
      'DisableKey',
      'RotateKeyOnDemand',
      'PutKeyPolicy',
    ]) {
      expect(names).toContain(name)
    }
    const denied = Events.map((e) => JSON.parse(e.CloudTrailEvent)).find((r) => r.errorCode === 'AccessDeniedException')
    expect(denied).toMatchObject({ eventName: 'Decrypt', userIdentity: { accessKeyId: testCredentials.accessKeyId } })
    expect(denied.userAgent).toContain('aws-sdk-js')
  })
})
