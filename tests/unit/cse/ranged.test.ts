/** Ranged decryption with AES-CTR over GCM bodies (RangedGetUtils, AesCtrUtils): every range equals the plaintext slice. */
import { describe, expect, it } from 'vitest'
import { fromHex } from '@/lib/crypto/bytes'
import { aesKeyring, cryptoRange, decryptRange, encryptObject, parseRange } from '@/lib/cse'

const keyring = aesKeyring(fromHex('5a'.repeat(32)))

describe('range widening (Java RangedGetUtils.getCryptoRange)', () => {
  it('adds one block before the aligned start and one after the next boundary', () => {
    expect(cryptoRange(0, 0)).toEqual([0, 32])
    expect(cryptoRange(17, 20)).toEqual([0, 48])
    expect(cryptoRange(40, 47)).toEqual([16, 64])
  })

  it('parses bytes=a-b, a- and -n', () => {
    expect(parseRange('bytes=5-9', 100)).toEqual([5, 9])
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99])
    expect(parseRange('bytes=-10', 100)).toEqual([90, 99])
    expect(parseRange('bytes=95-500', 100)).toEqual([95, 99])
    expect(() => parseRange('bytes=100-', 100)).toThrow(/outside/)
  })
})

describe.each(['v2', 'v3'] as const)('%s ranged decryption', (format) => {
  it('matches the plaintext for every range of a 70-byte object', async () => {
    const plaintext = crypto.getRandomValues(new Uint8Array(70))
    const { body, metadata } = await encryptObject(plaintext, keyring, { format })
    for (let start = 0; start < 70; start += 3) {
      for (let end = start; end < 70; end += 7) {
        const [lo, hi] = cryptoRange(start, end)
        const slice = body.subarray(lo, hi + 1)
        const out = await decryptRange({
          slice,
          sliceStart: lo,
          objectLength: body.length,
          start,
          end,
          metadata,
          keyring,
          allowUnauthenticated: true,
        })
        expect(out).toEqual(plaintext.subarray(start, end + 1))
      }
    }
  })

  it('is refused without the explicit opt-in', async () => {
    const { body, metadata } = await encryptObject(new Uint8Array(10), keyring, { format })
    await expect(
      decryptRange({
        slice: body,
        sliceStart: 0,
        objectLength: body.length,
        start: 0,
        end: 3,
        metadata,
        keyring,
        allowUnauthenticated: false,
      }),
    ).rejects.toMatchObject({ code: 'RangeRefused' })
  })
})

it('v3 ranges still check the key commitment first', async () => {
  const { body, metadata } = await encryptObject(new Uint8Array(40), keyring, { format: 'v3' })
  const forged = { ...metadata, 'x-amz-i': 'A'.repeat(36) + 'AQ==' }
  await expect(
    decryptRange({
      slice: body,
      sliceStart: 0,
      objectLength: body.length,
      start: 0,
      end: 3,
      metadata: forged,
      keyring,
      allowUnauthenticated: true,
    }),
  ).rejects.toMatchObject({ code: 'CommitmentMismatch' })
})
