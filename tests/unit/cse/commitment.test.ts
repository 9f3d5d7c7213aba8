/** V3 key derivation: WebCrypto HKDF checked against RFC 5869 and against an independent HKDF-SHA512 (@noble/hashes). */
import { describe, expect, it } from 'vitest'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { buf, concat, fromHex, toHex, utf8 } from '@/lib/crypto/bytes'
import { commitmentAndContentKey, commitmentOf, contentKeyOf, verifiedContentKey } from '@/lib/cse/commitment'
import { CseError } from '@/lib/cse'

async function webHkdf(hash: string, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, bytes: number) {
  const key = await crypto.subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits'])
  return toHex(
    new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'HKDF', hash, salt: buf(salt), info: buf(info) }, key, bytes * 8),
    ),
  )
}

describe('HKDF as WebCrypto does it', () => {
  it('RFC 5869 A.1 (SHA-256, basic case)', async () => {
    const okm = await webHkdf(
      'SHA-256',
      fromHex('0b'.repeat(22)),
      fromHex('000102030405060708090a0b0c'),
      fromHex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    )
    expect(okm).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865')
  })

  it('RFC 5869 A.3 (SHA-256, empty salt and info)', async () => {
    const okm = await webHkdf('SHA-256', fromHex('0b'.repeat(22)), new Uint8Array(), new Uint8Array(), 42)
    expect(okm).toBe('8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8')
  })

  // RFC 5869 has no SHA-512 vectors: its A.1 and A.3 inputs, with SHA-512, against an independent implementation.
  it.each([
    ['A.1 inputs', '0b'.repeat(22), '000102030405060708090a0b0c', 'f0f1f2f3f4f5f6f7f8f9', 42],
    ['A.3 inputs', '0b'.repeat(22), '', '', 42],
    ['S3EC sizes', '11'.repeat(32), '22'.repeat(28), '0073434f4d4d49544b4559', 28],
  ])('SHA-512 with RFC 5869 %s matches @noble/hashes', async (_name, ikm, salt, info, bytes) => {
    const expected = toHex(hkdf(sha512, fromHex(ikm), fromHex(salt), fromHex(info), bytes))
    expect(await webHkdf('SHA-512', fromHex(ikm), fromHex(salt), fromHex(info), bytes)).toBe(expected)
  })
})

describe('V3 commitment and content key (key-derivation.md)', () => {
  const dataKey = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')
  const messageId = fromHex('a0'.repeat(28))

  it('uses info = 0x00 0x73 ‖ COMMITKEY / DERIVEKEY, salt = message id', async () => {
    const info = (label: string) => concat(new Uint8Array([0x00, 0x73]), utf8(label))
    expect(toHex(await commitmentOf(dataKey, messageId))).toBe(
      toHex(hkdf(sha512, dataKey, messageId, info('COMMITKEY'), 28)),
    )
    expect(toHex(await contentKeyOf(dataKey, messageId))).toBe(
      toHex(hkdf(sha512, dataKey, messageId, info('DERIVEKEY'), 32)),
    )
  })

  it('encryption derives both from one imported key, with the same results', async () => {
    const both = await commitmentAndContentKey(dataKey, messageId)
    expect(both.commitment).toEqual(await commitmentOf(dataKey, messageId))
    expect(both.contentKey).toEqual(await contentKeyOf(dataKey, messageId))
    expect(both.commitment).not.toEqual(both.contentKey.subarray(0, 28))
  })

  it('returns the content key only when the commitment matches', async () => {
    const commitment = await commitmentOf(dataKey, messageId)
    expect(await verifiedContentKey(dataKey, messageId, commitment)).toEqual(await contentKeyOf(dataKey, messageId))
    for (let i = 0; i < commitment.length; i++) {
      const bad = commitment.slice()
      bad[i]! ^= 0x01
      await expect(verifiedContentKey(dataKey, messageId, bad)).rejects.toMatchObject({ code: 'CommitmentMismatch' })
    }
  })

  it('refuses a message id of the wrong length', async () => {
    await expect(verifiedContentKey(dataKey, messageId.subarray(0, 27), new Uint8Array(28))).rejects.toBeInstanceOf(
      CseError,
    )
  })
})
