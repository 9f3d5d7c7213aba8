/** KMS state survives a snapshot round trip: keys, material versions, aliases, policy, the trail and the clock. */
import { describe, expect, it } from 'vitest'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { restoreKmsSnapshot, SNAPSHOT_VERSION, toSnapshot } from '@/lib/emulator/snapshot'
import { b64, kmsHarness, T0, text } from '../../helpers/kms'

describe('KMS in snapshots', () => {
  it('a restored emulator decrypts ciphertexts from before and after a rotation, and keeps the history', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/saved', TargetKeyId: key.KeyId })
    const old = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('before'), EncryptionContext: { k: 'v' } })
    await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    const fresh = await h.ok('Encrypt', { KeyId: 'alias/saved', Plaintext: b64('after') })
    await h.ok('ScheduleKeyDeletion', { KeyId: (await h.createKey()).KeyId, PendingWindowInDays: 7 })
    h.emulator.clock.advanceDays(2)
    const saved = JSON.parse(JSON.stringify(toSnapshot(h.emulator.s3, h.emulator)))
    expect(saved.version).toBe(SNAPSHOT_VERSION)

    const restored = createEmulator({ now: () => T0 })
    restoreKmsSnapshot(saved, restored)
    expect(restored.clock.now().getTime()).toBe(T0.getTime() + 2 * 86_400_000)
    const call = async (op: string, body: object) => {
      const r = await restored.handle(
        new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'x-amz-target': `TrentService.${op}` },
          body: JSON.stringify(body),
        }),
      )
      return r.json()
    }
    expect(
      text((await call('Decrypt', { CiphertextBlob: old.CiphertextBlob, EncryptionContext: { k: 'v' } })).Plaintext),
    ).toBe('before')
    expect(text((await call('Decrypt', { CiphertextBlob: fresh.CiphertextBlob })).Plaintext)).toBe('after')
    expect(restored.cloudtrail.records().map((r) => r.eventName)).toEqual(
      h.emulator.cloudtrail
        .records()
        .map((r) => r.eventName)
        .concat('Decrypt', 'Decrypt'),
    )
    restored.clock.advanceDays(6)
    expect((await call('ListKeys', {})).Keys).toHaveLength(1) // the scheduled deletion still completes on time
  })

  it('a snapshot without a kms part (older files) restores nothing and fails nothing', () => {
    const emulator = createEmulator()
    restoreKmsSnapshot({ version: 1, rootKeys: [], buckets: [] }, emulator)
    expect(emulator.kms.state.keys.size).toBe(0)
  })
})
