/** --data-dir keeps KMS state: a key, its rotated material, its alias, its policy and the audit trail survive a restart. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { attachPersistence } from '@/lib/adapters/node-http/persistence'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'

const dir = mkdtempSync(join(tmpdir(), 'kms-persist-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function kms(emulator: Emulator, operation: string, body: object) {
  const response = await emulator.handle(
    new Request('http://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'x-amz-target': `TrentService.${operation}` },
      body: JSON.stringify(body),
    }),
  )
  return { status: response.status, body: await response.json() }
}

describe('KMS state in --data-dir', () => {
  it('a restarted emulator decrypts what the previous one encrypted, before and after a rotation', async () => {
    const first = createEmulator()
    const saving = await attachPersistence(first, dir)
    const { KeyMetadata } = (await kms(first, 'CreateKey', { Description: 'persisted' })).body
    await kms(first, 'CreateAlias', { AliasName: 'alias/persisted', TargetKeyId: KeyMetadata.KeyId })
    const old = (
      await kms(first, 'Encrypt', {
        KeyId: 'alias/persisted',
        Plaintext: btoa('before'),
        EncryptionContext: { a: 'b' },
      })
    ).body
    await kms(first, 'RotateKeyOnDemand', { KeyId: KeyMetadata.KeyId })
    const fresh = (await kms(first, 'Encrypt', { KeyId: 'alias/persisted', Plaintext: btoa('after') })).body
    await saving.flush()

    const second = createEmulator()
    const reading = await attachPersistence(second, dir)
    expect(
      atob(
        (await kms(second, 'Decrypt', { CiphertextBlob: old.CiphertextBlob, EncryptionContext: { a: 'b' } })).body
          .Plaintext,
      ),
    ).toBe('before')
    expect(atob((await kms(second, 'Decrypt', { CiphertextBlob: fresh.CiphertextBlob })).body.Plaintext)).toBe('after')
    expect((await kms(second, 'DescribeKey', { KeyId: 'alias/persisted' })).body.KeyMetadata.Arn).toBe(KeyMetadata.Arn)
    expect((await kms(second, 'ListKeyRotations', { KeyId: KeyMetadata.KeyId })).body.Rotations).toHaveLength(1)
    expect(
      second.cloudtrail
        .records()
        .map((r) => r.eventName)
        .slice(0, 5),
    ).toEqual(['CreateKey', 'CreateAlias', 'Encrypt', 'RotateKeyOnDemand', 'Encrypt'])
    await reading.flush() // the calls above are saved too; finish before the folder is removed
  })
})
