/** crc(A‖B) from crc(A), crc(B) and |B|, checked against the CRC of the whole for every combinable algorithm. */
import { describe, expect, it } from 'vitest'
import { checksumBase64 } from '@/lib/crypto/checksums'
import { combineBase64 } from '@/lib/crypto/crc-combine'

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 255)

describe('combineBase64', () => {
  for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME'] as const) {
    it(`${algorithm}: pieces of 1, 0, 1000 and 70000 bytes combine to the CRC of the whole`, async () => {
      const pieces = [bytes(1, 1), bytes(0, 2), bytes(1000, 3), bytes(70000, 4)]
      const whole = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
      let o = 0
      for (const p of pieces) whole.set(p, (o += p.length) - p.length)
      const parts = await Promise.all(
        pieces.map(async (p) => ({ value: await checksumBase64(algorithm, p), size: p.length })),
      )
      expect(combineBase64(algorithm, parts)).toBe(await checksumBase64(algorithm, whole))
    })
  }
  it('a single piece is its own CRC; a wrong-length value is refused', async () => {
    const value = await checksumBase64('CRC32', bytes(10, 1))
    expect(combineBase64('CRC32', [{ value, size: 10 }])).toBe(value)
    expect(() => combineBase64('CRC64NVME', [{ value, size: 10 }])).toThrow(TypeError)
  })
  it('200 parts of 8 MiB (a 1.6 GB upload) combine the same in one go as in two halves', () => {
    const MiB8 = 8 * 1024 * 1024
    const parts = Array.from({ length: 200 }, (_, i) => ({
      value: Buffer.from([i, 0, 0, 0, 0, 0, 0, i & 7]).toString('base64'),
      size: MiB8,
    }))
    const whole = combineBase64('CRC64NVME', parts)
    const halves = combineBase64('CRC64NVME', [
      { value: combineBase64('CRC64NVME', parts.slice(0, 100)), size: 100 * MiB8 },
      { value: combineBase64('CRC64NVME', parts.slice(100)), size: 100 * MiB8 },
    ])
    expect(whole).toMatch(/^[A-Za-z0-9+/]{11}=$/)
    expect(halves).toBe(whole)
  })
})
