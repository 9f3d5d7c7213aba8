/** toBase64/fromBase64 on the sizes snapshots use (the browser saves after every command): same bytes as Node's encoder, and fast. */
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

  it('encodes and decodes 20 MiB in well under the seconds the per-character version took', () => {
    const bytes = new Uint8Array(20 * 1024 * 1024).map((_, i) => i & 255)
    const started = performance.now()
    const back = fromBase64(toBase64(bytes))
    expect(performance.now() - started).toBeLessThan(3000)
    expect(back?.length).toBe(bytes.length)
    expect(back?.[12345]).toBe(12345 & 255)
  })

  it('still refuses what is not strict base64', () => {
    for (const bad of ['abc', 'ab=c', 'a b=', '@@@@', 'QQ=']) expect(fromBase64(bad), bad).toBeUndefined()
  })
})
