/** Rotation adds key material and never removes any: old ciphertexts keep decrypting, on demand or by the clock. */
import { describe, expect, it } from 'vitest'
import { parseBlob } from '@/lib/kms/ciphertext-blob'
import { b64, expectError, kmsHarness, T0, text } from '../../helpers/kms'

const versionOf = (blob: string) => parseBlob(Uint8Array.from(atob(blob), (c) => c.charCodeAt(0)))!.materialVersion

describe('on-demand rotation', () => {
  it('new ciphertexts use the new material; ciphertexts made before still decrypt', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const before = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('old'), EncryptionContext: { c: '1' } })
    const materialBefore = (await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.CurrentKeyMaterialId
    expect(await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })).toEqual({ KeyId: key.Arn })
    const after = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('new') })
    expect([versionOf(before.CiphertextBlob), versionOf(after.CiphertextBlob)]).toEqual([0, 1])
    const old = await h.ok('Decrypt', { CiphertextBlob: before.CiphertextBlob, EncryptionContext: { c: '1' } })
    expect(text(old.Plaintext)).toBe('old')
    expect(old.KeyMaterialId).toBe(materialBefore)
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.CurrentKeyMaterialId).not.toBe(materialBefore)
  })

  it('ListKeyRotations lists rotations (ALL_KEY_MATERIAL adds the original), newest CURRENT', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    expect(await h.ok('ListKeyRotations', { KeyId: key.KeyId })).toEqual({ Rotations: [], Truncated: false })
    await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    const { Rotations } = await h.ok('ListKeyRotations', { KeyId: key.KeyId })
    expect(
      Rotations.map((r: { RotationType: string; KeyMaterialState: string }) => [r.RotationType, r.KeyMaterialState]),
    ).toEqual([
      ['ON_DEMAND', 'NON_CURRENT'],
      ['ON_DEMAND', 'CURRENT'],
    ])
    expect(Rotations[0].KeyId).toBe(key.KeyId)
    expect(Rotations[0].RotationDate).toBe(T0.getTime() / 1000)
    const all = await h.ok('ListKeyRotations', { KeyId: key.KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL', Limit: 2 })
    expect(all.Rotations).toHaveLength(2)
    expect(all.Rotations[0].RotationType).toBeUndefined()
    expect(all.Truncated).toBe(true)
    const rest = await h.ok('ListKeyRotations', {
      KeyId: key.KeyId,
      IncludeKeyMaterial: 'ALL_KEY_MATERIAL',
      Marker: all.NextMarker,
    })
    expect(rest.Rotations.map((r: { KeyMaterialState: string }) => r.KeyMaterialState)).toEqual(['CURRENT'])
  })

  it('stops at the quota of 10 on-demand rotations per key', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    for (let i = 0; i < 10; i++) await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    expect((await h.kms('RotateKeyOnDemand', { KeyId: key.KeyId })).body.__type).toBe('LimitExceededException')
  })
})

describe('automatic rotation, driven by the clock', () => {
  it('GetKeyRotationStatus reports the period and the next date; the clock passing it rotates once per period', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    expect(await h.ok('GetKeyRotationStatus', { KeyId: key.KeyId })).toEqual({
      KeyRotationEnabled: false,
      KeyId: key.Arn,
    })
    const before = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('year zero') })
    await h.ok('EnableKeyRotation', { KeyId: key.KeyId, RotationPeriodInDays: 90 })
    expect(await h.ok('GetKeyRotationStatus', { KeyId: key.KeyId })).toEqual({
      KeyRotationEnabled: true,
      KeyId: key.Arn,
      RotationPeriodInDays: 90,
      NextRotationDate: T0.getTime() / 1000 + 90 * 86400,
    })
    h.emulator.clock.advanceDays(89)
    expect((await h.ok('ListKeyRotations', { KeyId: key.KeyId })).Rotations).toHaveLength(0)
    h.emulator.clock.advanceDays(92) // day 181: rotations at day 90 and day 180
    const { Rotations } = await h.ok('ListKeyRotations', { KeyId: key.KeyId })
    expect(
      Rotations.map((r: { RotationType: string; RotationDate: number }) => [
        r.RotationType,
        r.RotationDate - T0.getTime() / 1000,
      ]),
    ).toEqual([
      ['AUTOMATIC', 90 * 86400],
      ['AUTOMATIC', 180 * 86400],
    ])
    expect(text((await h.ok('Decrypt', { CiphertextBlob: before.CiphertextBlob })).Plaintext)).toBe('year zero')
    const rotateEvents = await h.lookup({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'RotateKey' }],
    })
    // Event history covers 90 days: on day 181 the day-90 rotation has already dropped out of it.
    expect(rotateEvents.body.Events.map((e: { EventTime: number }) => e.EventTime - T0.getTime() / 1000)).toEqual([
      180 * 86400,
    ])
  })

  it('a disabled key does not rotate; enabling it again rotates once, now', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('EnableKeyRotation', { KeyId: key.KeyId, RotationPeriodInDays: 90 })
    await h.ok('DisableKey', { KeyId: key.KeyId })
    h.emulator.clock.advanceDays(400)
    expect((await h.ok('ListKeyRotations', { KeyId: key.KeyId })).Rotations).toHaveLength(0)
    await h.ok('EnableKey', { KeyId: key.KeyId })
    expect((await h.ok('ListKeyRotations', { KeyId: key.KeyId })).Rotations).toHaveLength(1)
  })

  it('DisableKeyRotation stops it', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('EnableKeyRotation', { KeyId: key.KeyId })
    await h.ok('DisableKeyRotation', { KeyId: key.KeyId })
    h.emulator.clock.advanceDays(800)
    expect((await h.ok('ListKeyRotations', { KeyId: key.KeyId })).Rotations).toEqual([])
  })

  it('the AWS managed aws/s3 key rotates every year and its rotation cannot be changed by the user', async () => {
    const h = kmsHarness()
    const { KeyMetadata } = await h.ok('DescribeKey', { KeyId: 'alias/aws/s3' })
    expect(KeyMetadata.KeyManager).toBe('AWS')
    expect(await h.ok('GetKeyRotationStatus', { KeyId: KeyMetadata.KeyId })).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
    })
    const denied = await h.kms('DisableKeyRotation', { KeyId: KeyMetadata.KeyId })
    expectError(
      denied,
      'AccessDeniedException',
      `User: arn:aws:iam::111122223333:user/playground is not authorized to perform: kms:DisableKeyRotation on resource: ${KeyMetadata.Arn} because no resource-based policy allows the kms:DisableKeyRotation action`,
    )
    h.emulator.clock.advanceDays(366)
    expect((await h.ok('ListKeyRotations', { KeyId: KeyMetadata.KeyId })).Rotations).toHaveLength(1)
  })
})
