import { describe, expect, it } from 'vitest'
import { webCryptoRandom } from '@/lib/crypto/random'

describe('webCryptoRandom', () => {
  it('fills more than the 65536 bytes getRandomValues allows per call, all the way to the end', () => {
    const out = webCryptoRandom(65536 * 2 + 10)
    expect(out.length).toBe(65536 * 2 + 10)
    // The chance that a 4 KiB window of real random bytes is all zero is nil; unfilled tails would be.
    for (const start of [0, 65536, 65536 * 2 + 10 - 4096])
      expect(out.subarray(start, start + 4096).some((b) => b !== 0)).toBe(true)
  })
  it('gives different bytes each call', () => {
    expect(webCryptoRandom(32)).not.toEqual(webCryptoRandom(32))
  })
})
