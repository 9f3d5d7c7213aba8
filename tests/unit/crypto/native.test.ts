import { crc32 } from '@aws-crypto/crc32'
import { md5 as nobleMd5 } from '@noble/hashes/legacy.js'
import { describe, expect, it } from 'vitest'
import { nativeCrc32, nativeHash } from '@/lib/crypto/native'

// The Node fast paths must give exactly what the portable code gives in the browser.
describe('native MD5 and CRC32 (Node only)', () => {
  const samples = [0, 1, 55, 56, 64, 1000, 65536].map((n) => crypto.getRandomValues(new Uint8Array(n)))

  it('are found under Node', () => {
    expect(nativeHash).toBeTypeOf('function')
    expect(nativeCrc32).toBeTypeOf('function')
  })

  it('MD5 matches @noble/hashes, as a plain Uint8Array', () => {
    for (const s of samples) {
      const out = nativeHash!('md5', s)
      expect(out.constructor).toBe(Uint8Array)
      expect(out).toEqual(nobleMd5(s))
    }
  })

  it('CRC32 matches @aws-crypto/crc32', () => {
    for (const s of samples) expect(nativeCrc32!(s) >>> 0).toBe(crc32(s) >>> 0)
  })
})
