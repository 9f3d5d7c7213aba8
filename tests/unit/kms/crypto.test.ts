/** Encrypt / Decrypt / ReEncrypt / GenerateDataKey*: round trips, context binding as AAD, the blob format. */
import { describe, expect, it } from 'vitest'
import { canonicalContext } from '@/lib/kms/encryption-context'
import { parseBlob } from '@/lib/kms/ciphertext-blob'
import { b64, expectError, kmsHarness, text } from '../../helpers/kms'

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

describe('encryption context as AAD', () => {
  it('decrypts with the same pairs in any order, and only with them', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const { CiphertextBlob } = await h.ok('Encrypt', {
      KeyId: key.KeyId,
      Plaintext: b64('attack at dawn'),
      EncryptionContext: { a: '1', b: '2' },
    })
    const out = await h.ok('Decrypt', { CiphertextBlob, EncryptionContext: { b: '2', a: '1' } })
    expect(text(out.Plaintext)).toBe('attack at dawn')
    expect(out.KeyId).toBe(key.Arn)
    expectError(
      await h.kms('Decrypt', { CiphertextBlob, EncryptionContext: { a: '1', b: '3' } }),
      'InvalidCiphertextException',
    )
  })

  it('no context and an empty context are the same', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const { CiphertextBlob } = await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x') })
    expect(text((await h.ok('Decrypt', { CiphertextBlob, EncryptionContext: {} })).Plaintext)).toBe('x')
  })

  it('canonical bytes are sorted by key and length-prefixed, so pairs cannot be re-split', () => {
    expect(canonicalContext({ b: '2', a: '1' })).toEqual(canonicalContext({ a: '1', b: '2' }))
    expect(canonicalContext({ ab: 'c' })).not.toEqual(canonicalContext({ a: 'bc' }))
    expect([...canonicalContext({})]).toEqual([0, 0, 0, 0])
    expect([...canonicalContext({ k: 'v' })]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 107, 0, 0, 0, 1, 118])
  })
})

describe('ciphertext blob', () => {
  it('carries the key id and the key material version, and a fresh IV each time', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const one = bytesOf((await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('same') })).CiphertextBlob)
    const two = bytesOf((await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('same') })).CiphertextBlob)
    const parsed = parseBlob(one)!
    expect(parsed.keyId).toBe(key.KeyId)
    expect(parsed.materialVersion).toBe(0)
    expect(one[0]).toBe(1)
    expect(one.length).toBe(2 + 36 + 4 + 12 + 4 + 16)
    expect(one).not.toEqual(two)
  })

  it('a blob edited to name another material version no longer decrypts', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('RotateKeyOnDemand', { KeyId: key.KeyId })
    const blob = bytesOf((await h.ok('Encrypt', { KeyId: key.KeyId, Plaintext: b64('v1') })).CiphertextBlob)
    blob[2 + 36 + 3] = 0 // material version 1 → 0
    expectError(
      await h.kms('Decrypt', { CiphertextBlob: btoa(String.fromCharCode(...blob)) }),
      'InvalidCiphertextException',
    )
  })
})

describe('data keys and random bytes', () => {
  it('GenerateDataKey returns a plaintext key of the asked size and a blob that Decrypt turns back into it', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    await h.ok('CreateAlias', { AliasName: 'alias/data', TargetKeyId: key.KeyId })
    for (const [body, size] of [
      [{ KeySpec: 'AES_256' }, 32],
      [{ KeySpec: 'AES_128' }, 16],
      [{ NumberOfBytes: 7 }, 7],
    ] as const) {
      const out = await h.ok('GenerateDataKey', {
        KeyId: 'alias/data',
        EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
        ...body,
      })
      expect(bytesOf(out.Plaintext)).toHaveLength(size)
      expect(out.KeyId).toBe(key.Arn)
      expect(out.KeyMaterialId).toMatch(/^[0-9a-f]{64}$/)
      const back = await h.ok('Decrypt', {
        CiphertextBlob: out.CiphertextBlob,
        EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
      })
      expect(back.Plaintext).toBe(out.Plaintext)
    }
  })

  it('GenerateDataKeyWithoutPlaintext returns no Plaintext', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const out = await h.ok('GenerateDataKeyWithoutPlaintext', { KeyId: key.Arn, KeySpec: 'AES_256' })
    expect(out.Plaintext).toBeUndefined()
    expect(bytesOf((await h.ok('Decrypt', { CiphertextBlob: out.CiphertextBlob })).Plaintext)).toHaveLength(32)
  })

  it('GenerateRandom returns NumberOfBytes bytes', async () => {
    const h = kmsHarness()
    expect(bytesOf((await h.ok('GenerateRandom', { NumberOfBytes: 1024 })).Plaintext)).toHaveLength(1024)
  })

  it('ReEncrypt moves a ciphertext to another key and context without exposing the plaintext', async () => {
    const h = kmsHarness()
    const [from, to] = [await h.createKey(), await h.createKey()]
    const { CiphertextBlob } = await h.ok('Encrypt', {
      KeyId: from.KeyId,
      Plaintext: b64('moving'),
      EncryptionContext: { v: '1' },
    })
    const out = await h.ok('ReEncrypt', {
      CiphertextBlob,
      SourceEncryptionContext: { v: '1' },
      DestinationKeyId: to.Arn,
      DestinationEncryptionContext: { v: '2' },
    })
    expect(out).toMatchObject({ SourceKeyId: from.Arn, KeyId: to.Arn, SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT' })
    expect(out.Plaintext).toBeUndefined()
    const back = await h.ok('Decrypt', { CiphertextBlob: out.CiphertextBlob, EncryptionContext: { v: '2' } })
    expect([text(back.Plaintext), back.KeyId]).toEqual(['moving', to.Arn])
  })

  it('DryRun checks everything and then says it would have succeeded', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    expectError(
      await h.kms('Encrypt', { KeyId: key.KeyId, Plaintext: b64('x'), DryRun: true }),
      'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.',
    )
  })

  it('an asymmetric encryption algorithm on a symmetric key is InvalidKeyUsageException', async () => {
    const h = kmsHarness()
    const key = await h.createKey()
    const answer = await h.kms('Encrypt', {
      KeyId: key.KeyId,
      Plaintext: b64('x'),
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    })
    expect(answer.body.__type).toBe('InvalidKeyUsageException')
  })
})
