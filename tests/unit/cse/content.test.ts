/** V2 and V3 encrypt/decrypt with each keyring, a NIST GCM vector through the V2 path, and tampering. */
import { describe, expect, it } from 'vitest'
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '@/lib/crypto/bytes'
import { aesKeyring, decryptObject, encryptObject, kmsKeyring, rsaKeyring, type Keyring } from '@/lib/cse'
import { fakeKms } from './fake-kms'

const zeros = (n: number) => new Uint8Array(n)
const kek = fromHex('4c'.repeat(32))

async function rsaPair() {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' },
    true,
    ['encrypt', 'decrypt'],
  )
  return rsaKeyring({ publicKey: pair.publicKey, privateKey: pair.privateKey })
}

const keyrings: [string, () => Promise<Keyring>][] = [
  ['AES/GCM', async () => aesKeyring(kek)],
  ['RSA-OAEP-SHA1', rsaPair],
  ['kms+context', async () => kmsKeyring(fakeKms(), 'test-key', { encryptionContext: { purpose: 'test' } })],
]

describe('V2 content (AES/GCM/NoPadding, no AAD)', () => {
  // McGrew & Viega GCM spec, Test Case 14 (AES-256, K = 0, IV = 0, P = 0^16), also in NIST's gcmEncryptExtIV256 set.
  it('matches the GCM Test Case 14 vector when key and IV are zero', async () => {
    const { body, metadata } = await encryptObject(zeros(16), aesKeyring(kek, { random: zeros }), { random: zeros })
    expect(toHex(body)).toBe('cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919')
    expect(metadata['x-amz-iv']).toBe(toBase64(zeros(12)))
  })

  it('writes every V2 metadata key, as Ruby and Go do', async () => {
    const { body, metadata } = await encryptObject(utf8('hello'), aesKeyring(kek))
    expect(body.length).toBe(5 + 16)
    expect(metadata).toMatchObject({
      'x-amz-cek-alg': 'AES/GCM/NoPadding',
      'x-amz-tag-len': '128',
      'x-amz-wrap-alg': 'AES/GCM',
      'x-amz-matdesc': '{}',
      'x-amz-unencrypted-content-length': '5',
    })
    expect(fromBase64(metadata['x-amz-key-v2']!)!.length).toBe(60) // IV 12 + key 32 + tag 16
  })
})

describe.each(['v2', 'v3'] as const)('%s round trips', (format) => {
  it.each(keyrings)('%s', async (_name, make) => {
    const keyring = await make()
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      const plaintext = crypto.getRandomValues(new Uint8Array(size))
      const { body, metadata } = await encryptObject(plaintext, keyring, { format })
      expect(body.length).toBe(size + 16)
      expect(await decryptObject(body, metadata, keyring)).toEqual(plaintext)
    }
  })
})

describe('the KMS context binds the content algorithm', () => {
  it('v2 stores aws:x-amz-cek-alg = AES/GCM/NoPadding, v3 stores 115 in x-amz-t', async () => {
    const keyring = kmsKeyring(fakeKms(), 'test-key')
    const v2 = await encryptObject(utf8('x'), keyring)
    expect(JSON.parse(v2.metadata['x-amz-matdesc']!)).toEqual({ 'aws:x-amz-cek-alg': 'AES/GCM/NoPadding' })
    const v3 = await encryptObject(utf8('x'), keyring, { format: 'v3' })
    expect(JSON.parse(v3.metadata['x-amz-t']!)).toEqual({ 'aws:x-amz-cek-alg': '115' })
    expect(v3.metadata['x-amz-w']).toBe('12')
  })

  it('refuses a caller-set aws:x-amz-cek-alg and a mismatched context on read', async () => {
    const kms = fakeKms()
    expect(() => kmsKeyring(kms, 'test-key', { encryptionContext: { 'aws:x-amz-cek-alg': 'x' } })).toThrow(/reserved/)
    const { body, metadata } = await encryptObject(
      utf8('x'),
      kmsKeyring(kms, 'test-key', { encryptionContext: { a: '1' } }),
    )
    await expect(
      decryptObject(body, metadata, kmsKeyring(kms, 'test-key', { encryptionContext: { a: '2' } })),
    ).rejects.toMatchObject({ code: 'KeyUnwrapFailed' })
    await expect(decryptObject(body, metadata, kmsKeyring(kms, 'test-key'))).rejects.toMatchObject({
      code: 'KeyUnwrapFailed',
    })
  })
})

describe('wrong keys and wrong keyrings', () => {
  it('a different AES key fails to unwrap; an RSA keyring is refused for an AES/GCM object', async () => {
    const { body, metadata } = await encryptObject(utf8('secret'), aesKeyring(kek))
    await expect(decryptObject(body, metadata, aesKeyring(fromHex('4d'.repeat(32))))).rejects.toMatchObject({
      code: 'KeyUnwrapFailed',
    })
    await expect(decryptObject(body, metadata, await rsaPair())).rejects.toMatchObject({ code: 'WrongKeyring' })
  })

  it('a V2 wrapped key cannot be replayed as V3 (the wrap binds the algorithm)', async () => {
    const keyring = aesKeyring(kek)
    const v2 = await encryptObject(utf8('secret'), keyring)
    const v3 = await encryptObject(utf8('secret'), keyring, { format: 'v3' })
    const forged = { ...v3.metadata, 'x-amz-3': v2.metadata['x-amz-key-v2']! }
    await expect(decryptObject(v3.body, forged, keyring)).rejects.toMatchObject({ code: 'KeyUnwrapFailed' })
  })

  it('refuses legacy and mixed metadata with a message naming what is missing', async () => {
    const { body, metadata } = await encryptObject(utf8('secret'), aesKeyring(kek))
    await expect(
      decryptObject(body, { ...metadata, 'x-amz-cek-alg': 'AES/CBC/PKCS5Padding' }, aesKeyring(kek)),
    ).rejects.toThrow(/AES\/CBC/)
    await expect(decryptObject(body, { ...metadata, 'x-amz-wrap-alg': 'AESWrap' }, aesKeyring(kek))).rejects.toThrow(
      /AESWrap/,
    )
    await expect(decryptObject(body, { ...metadata, 'x-amz-3': 'AA==' }, aesKeyring(kek))).rejects.toThrow(/mixes/)
    await expect(decryptObject(body, {}, aesKeyring(kek))).rejects.toThrow(/not client-side encrypted/)
  })
})
