/** toBase64/fromBase64 on the sizes snapshots and exports use: the same text as Node's encoder, and back. (Speed is for benchmarks, not tests.) */
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from '@/lib/crypto/bytes'

describe('base64 of large buffers', () => {
  it('matches Buffer for every length around the chunk boundaries, and round-trips', () => {
    for (const n of [0, 1, 2, 3, 24575, 24576, 24577, 49151, 49152, 49153, 100_001]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255)
      const text = toBase64(bytes)
      expect(text, String(n)).toBe(Buffer.from(bytes).toString('base64'))
      expect(fromBase64(text), String(n)).toEqual(bytes)
    }
  })

  it('round-trips 20 MiB exactly, as Node encodes it', () => {
    const bytes = new Uint8Array(20 * 1024 * 1024).map((_, i) => (i * 7 + (i >>> 16)) & 255)
    const text = toBase64(bytes)
    expect(text === Buffer.from(bytes).toString('base64')).toBe(true)
    const back = fromBase64(text)
    expect(back && Buffer.compare(back, bytes)).toBe(0)
  })

  it('still refuses what is not strict base64', () => {
    for (const bad of ['abc', 'ab=c', 'a b=', '@@@@', 'QQ=']) expect(fromBase64(bad), bad).toBeUndefined()
  })
})
