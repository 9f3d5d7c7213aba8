/** Enable / Disable / ScheduleKeyDeletion / CancelKeyDeletion, and deletion completing when the clock passes DeletionDate. */
import { describe, expect, it } from 'vitest'
import { b64, expectError, kmsHarness, T0, text } from '../../helpers/kms'

const DAY = 86400

describe('disable and enable', () => {
  it('a disabled key keeps its ciphertexts: they decrypt again once it is enabled', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const { CiphertextBlob } = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('kept') })
    await h.ok('DisableKey', { KeyId: key.Arn })
    const described = (await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata
    expect([described.KeyState, described.Enabled]).toEqual(['Disabled', false])
    expect((await h.kms('Decrypt', { CiphertextBlob })).body.__type).toBe('DisabledException')
    await h.ok('EnableKey', { KeyId: key.KeyId })
    expect(text((await h.ok('Decrypt', { CiphertextBlob })).Plaintext)).toBe('kept')
  })
})

describe('scheduled deletion', () => {
  it('ScheduleKeyDeletion answers the key ARN, date, state and window (default 30 days)', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    expect(await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId })).toEqual({
      KeyId: key.Arn,
      DeletionDate: T0.getTime() / 1000 + 30 * DAY,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 30,
    })
    const meta = (await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata
    expect([meta.KeyState, meta.Enabled, meta.DeletionDate]).toEqual([
      'PendingDeletion',
      false,
      T0.getTime() / 1000 + 30 * DAY,
    ])
  })

  it('CancelKeyDeletion brings the key back Disabled, not Enabled', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    expect(await h.ok('CancelKeyDeletion', { KeyId: key.KeyId })).toEqual({ KeyId: key.Arn })
    const meta = (await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata
    expect(meta.KeyState).toBe('Disabled')
    expect(meta.DeletionDate).toBeUndefined()
    h.emulator.clock.advanceDays(8)
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('Disabled')
  })

  it('the key, its material and its aliases are gone once the clock passes DeletionDate, and not before', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/doomed', TargetKeyId: key.KeyId })
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    h.emulator.clock.advanceDays(6.99)
    expect((await h.ok('DescribeKey', { KeyId: key.KeyId })).KeyMetadata.KeyState).toBe('PendingDeletion')
    h.emulator.clock.advanceDays(0.02)
    expectError(
      await h.kms('DescribeKey', { KeyId: key.KeyId }),
      'NotFoundException',
      `Key '${key.Arn}' does not exist`,
    )
    expect((await h.ok('ListAliases')).Aliases.map((a: { AliasName: string }) => a.AliasName)).not.toContain(
      'alias/doomed',
    )
    expect((await h.ok('ListKeys')).Keys).toEqual([])
  })

  it('the deletion is in the event history as a DeleteKey service event at DeletionDate', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    h.emulator.clock.advanceDays(10)
    const { Events } = (
      await h.lookup({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'DeleteKey' }] })
    ).body
    expect(Events).toHaveLength(1)
    expect(Events[0].EventTime).toBe(T0.getTime() / 1000 + 7 * DAY)
    const record = JSON.parse(Events[0].CloudTrailEvent)
    expect(record).toMatchObject({
      eventType: 'AwsServiceEvent',
      userIdentity: { invokedBy: 'kms.amazonaws.com' },
      resources: [{ ARN: key.Arn }],
    })
  })
})
