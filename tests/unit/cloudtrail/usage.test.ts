/** Per-key request counts and the cost estimate from public KMS pricing. */
import { describe, expect, it } from 'vitest'
import { KMS_PRICING } from '@/lib/cloudtrail/pricing'
import { accountUsage, keyUsage } from '@/lib/cloudtrail/usage'
import { b64, kmsHarness } from '../../helpers/kms'

describe('key usage', () => {
  it("counts requests per key, the user's and S3's, and prices them", async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    for (let i = 0; i < 3; i++) await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') })
    await h.kms('Decrypt', { CiphertextBlob: b64('garbage garbage garbage garbage garbage garbage garbage') })
    await h.emulator.kms.port.generateDataKey({
      keyId: key.Arn,
      encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
    })
    const [row] = keyUsage(h.emulator.cloudtrail, h.emulator.kms.state)
    expect(row).toMatchObject({
      keyArn: key.Arn,
      keyManager: 'CUSTOMER',
      requests: 5, // CreateKey, 3 × Encrypt, GenerateDataKey (the garbage Decrypt names no key)
      billableRequests: 5,
      requestsByS3: 1,
      byOperation: { CreateKey: 1, Encrypt: 3, GenerateDataKey: 1 },
    })
    expect(row!.requestCostUsd).toBeCloseTo((5 / 10_000) * 0.03, 12)
  })

  it('charges $1 per key-month, prorated by the hour, plus $1/month for each of the first two rotations', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    h.emulator.clock.advance(KMS_PRICING.hoursPerMonth * 3_600_000) // one month
    for (let i = 0; i < 3; i++) await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    h.emulator.clock.advance(KMS_PRICING.hoursPerMonth * 3_600_000) // a second month, with three rotations, two charged
    const row = keyUsage(h.emulator.cloudtrail, h.emulator.kms.state).find((r) => r.keyArn === key.Arn)!
    expect(row.keyStorageCostUsd).toBeCloseTo(2 + 2, 9)
  })

  it('AWS managed keys have no monthly fee; a key pending deletion stops accruing', async () => {
    const h = kmsHarness()
    h.emulator.kms.port.awsManagedS3KeyArn()
    const key = await h.createKey()
    await h.ok('ScheduleKeyDeletion', { KeyId: key.KeyId })
    h.emulator.clock.advanceDays(20)
    const rows = keyUsage(h.emulator.cloudtrail, h.emulator.kms.state)
    expect(rows.map((r) => r.keyStorageCostUsd)).toEqual([0, 0])
    const account = accountUsage(rows)
    expect(account).toMatchObject({ billableRequests: 2, beyondFreeTier: 0, requestCostUsd: 0 })
  })
})
