/** Acceptance: flipping any byte of the body, the tag, the wrapped key or the V3 commitment fails decryption. */
import { describe, expect, it } from 'vitest'
import { fromBase64, fromHex, toBase64, utf8 } from '@/lib/crypto/bytes'
import { aesKeyring, CseError, decryptObject, encryptObject, kmsKeyring, rsaKeyring, type Keyring } from '@/lib/cse'
import { fakeKms } from './fake-kms'

async function keyrings(): Promise<[string, Keyring][]> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' },
    true,
    ['encrypt', 'decrypt'],
  )
  return [
    ['AES/GCM', aesKeyring(fromHex('07'.repeat(32)))],
    ['RSA-OAEP-SHA1', rsaKeyring({ publicKey: pair.publicKey, privateKey: pair.privateKey })],
    ['kms+context', kmsKeyring(fakeKms(), 'test-key')],
  ]
}

const flip = (bytes: Uint8Array, i: number) => {
  const out = bytes.slice()
  out[i]! ^= 0x80
  return out
}

async function expectFailure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'decryption must fail, never return output').toBeInstanceOf(CseError)
}

describe.each(['v2', 'v3'] as const)('%s tampering', (format) => {
  const plaintext = utf8('the quick brown fox jumps over the lazy dog')
  const keyField = format === 'v3' ? 'x-amz-3' : 'x-amz-key-v2'

  it('every byte of the body and the tag', async () => {
    const keyring = aesKeyring(fromHex('07'.repeat(32)))
    const { body, metadata } = await encryptObject(plaintext, keyring, { format })
    for (let i = 0; i < body.length; i++) await expectFailure(decryptObject(flip(body, i), metadata, keyring))
    await expectFailure(decryptObject(body.subarray(0, body.length - 1), metadata, keyring)) // truncated tag
  })

  it('every byte of the wrapped key, for each keyring', async () => {
    for (const [, keyring] of await keyrings()) {
      const { body, metadata } = await encryptObject(plaintext, keyring, { format })
      const edk = fromBase64(metadata[keyField]!)!
      for (let i = 0; i < edk.length; i++)
        await expectFailure(decryptObject(body, { ...metadata, [keyField]: toBase64(flip(edk, i)) }, keyring))
    }
  })

  it('the stored KMS context and the IV', async () => {
    const keyring = kmsKeyring(fakeKms(), 'test-key')
    const { body, metadata } = await encryptObject(plaintext, keyring, { format })
    const contextField = format === 'v3' ? 'x-amz-t' : 'x-amz-matdesc'
    await expectFailure(
      decryptObject(
        body,
        {
          ...metadata,
          [contextField]: JSON.stringify({
            'aws:x-amz-cek-alg': format === 'v3' ? '115' : 'AES/GCM/NoPadding',
            extra: 'x',
          }),
        },
        keyring,
      ),
    )
    if (format === 'v2')
      await expectFailure(
        decryptObject(
          body,
          { ...metadata, 'x-amz-iv': toBase64(flip(fromBase64(metadata['x-amz-iv']!)!, 0)) },
          keyring,
        ),
      )
  })
})

describe('v3 commitment and message id', () => {
  it('every byte of x-amz-d and x-amz-i fails with CommitmentMismatch before the body is touched', async () => {
    const keyring = aesKeyring(fromHex('07'.repeat(32)))
    const { body, metadata } = await encryptObject(utf8('committed'), keyring, { format: 'v3' })
    for (const field of ['x-amz-d', 'x-amz-i']) {
      const value = fromBase64(metadata[field]!)!
      for (let i = 0; i < value.length; i++) {
        await expect(
          decryptObject(body, { ...metadata, [field]: toBase64(flip(value, i)) }, keyring),
        ).rejects.toMatchObject({ code: 'CommitmentMismatch' })
      }
    }
  })

  it('a different data key with its own valid wrap is caught by the commitment', async () => {
    const keyring = aesKeyring(fromHex('07'.repeat(32)))
    const a = await encryptObject(utf8('object a'), keyring, { format: 'v3' })
    const b = await encryptObject(utf8('object b'), keyring, { format: 'v3' })
    await expect(
      decryptObject(a.body, { ...a.metadata, 'x-amz-3': b.metadata['x-amz-3']! }, keyring),
    ).rejects.toMatchObject({ code: 'CommitmentMismatch' })
  })
})
