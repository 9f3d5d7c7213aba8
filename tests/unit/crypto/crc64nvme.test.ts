/**
 * The slice-by-8 CRC-64/NVME against a bit-at-a-time reference written from the catalogue's definition
 * (reflected polynomial 0x9A6C9329AC4BC9B5, init and xorout all ones), whatever the length and however the
 * bytes arrive. The published check value is in checksums.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toHex } from '@/lib/crypto/bytes'
import { Crc64Nvme, crc64nvme } from '@/lib/crypto/crc64nvme'

function reference(data: Uint8Array): string {
  const poly = 0x9a6c9329ac4bc9b5n
  let crc = 0xffffffffffffffffn
  for (const byte of data) {
    crc ^= BigInt(byte)
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n
  }
  return (crc ^ 0xffffffffffffffffn).toString(16).padStart(16, '0')
}

describe('CRC-64/NVME, slice-by-8', () => {
  it('equals the bitwise definition for every length from 0 to 40 (each tail length, around the 8-byte steps)', () => {
    for (let n = 0; n <= 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7 + 3) & 255)
      expect(toHex(crc64nvme(data)), `length ${n}`).toBe(reference(data))
    }
  })

  it('is the same however the bytes are split into pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 6 }), (data, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
        const crc = new Crc64Nvme()
        let from = 0
        for (const c of [...at, data.length]) {
          crc.update(data.subarray(from, c))
          from = c
        }
        expect(toHex(crc.digest())).toBe(reference(data))
      }),
      { numRuns: 200 },
    )
  })

  it('64 KiB of varied bytes, against the reference', () => {
    const data = Uint8Array.from({ length: 65536 }, (_, i) => (i * 2654435761) >>> 24)
    expect(toHex(crc64nvme(data))).toBe(reference(data))
  })
})
