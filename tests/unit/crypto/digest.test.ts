/** Incremental digests: the same bytes in any pieces give the one-shot checksum of checksums.ts, for every algorithm. */
import { describe, expect, it } from 'vitest'
import { CHECKSUM_ALGORITHMS, checksum } from '@/lib/crypto/checksums'
import { createDigest } from '@/lib/crypto/digest'

const data = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 131 + (i >> 7)) & 255)

describe('createDigest', () => {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    it(`${algorithm}: pieces of 1, 7 and 65536 bytes and the whole give the one-shot digest`, async () => {
      const expected = await checksum(algorithm, data)
      for (const piece of [1, 7, 65536, data.length]) {
        const d = createDigest(algorithm)
        for (let i = 0; i < (piece === 1 ? 3000 : data.length); i += piece)
          d.update(data.subarray(i, Math.min(piece === 1 ? 3000 : data.length, i + piece)))
        const want = piece === 1 ? await checksum(algorithm, data.subarray(0, 3000)) : expected
        expect(await d.digest(), `${piece}-byte pieces`).toEqual(want)
      }
    })
  }
})
