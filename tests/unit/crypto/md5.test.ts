/** MD5 against the test suite in RFC 1321, appendix A.5: Node's own (what md5() uses in Node) and the browser's JavaScript path (md5Hasher). */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, toHex, utf8 } from '@/lib/crypto/bytes'
import { md5, md5Base64, md5Hasher, md5Hex } from '@/lib/crypto/md5'

const RFC1321: [string, string][] = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['a', '0cc175b9c0f1b6a831c399e269772661'],
  ['abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
  ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
  [
    '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
    '57edf4a22be3c955ac49da2e2107b67a',
  ],
]

describe('MD5 (RFC 1321 §A.5)', () => {
  for (const [input, digest] of RFC1321) {
    it(`MD5("${input.length > 20 ? input.slice(0, 17) + '...' : input}")`, () => {
      expect(md5Hex(utf8(input))).toBe(digest)
      expect(toHex(md5(utf8(input)))).toBe(digest)
      const js = md5Hasher()
      js.update(utf8(input))
      expect(toHex(js.digest())).toBe(digest)
    })
  }

  it('md5Base64 is the base64 of the same 16 bytes (the Content-MD5 form)', () => {
    const b64 = md5Base64(utf8('message digest'))
    expect(b64).toBe(Buffer.from('f96b697d7cb7938d525a2f31aaf161d0', 'hex').toString('base64'))
    expect(toHex(fromBase64(b64)!)).toBe('f96b697d7cb7938d525a2f31aaf161d0')
  })

  it('agrees with node:crypto on binary data across block boundaries', () => {
    for (const n of [55, 56, 63, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255)
      expect(md5Hex(data), `length ${n}`).toBe(createHash('md5').update(data).digest('hex'))
    }
  })

  it('the JavaScript path agrees with node:crypto however the bytes arrive', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.array(fc.nat(500), { maxLength: 5 }), (data, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
        const hasher = md5Hasher()
        let from = 0
        for (const c of [...at, data.length]) {
          hasher.update(data.subarray(from, c))
          from = c
        }
        expect(toHex(hasher.digest())).toBe(createHash('md5').update(data).digest('hex'))
      }),
      { numRuns: 200 },
    )
  })

  it('two JavaScript hashes in progress at once do not share state (parallel uploads)', () => {
    const a = md5Hasher()
    const b = md5Hasher()
    a.update(utf8('message '))
    b.update(utf8('abc'))
    a.update(utf8('digest'))
    expect(toHex(a.digest())).toBe('f96b697d7cb7938d525a2f31aaf161d0')
    expect(toHex(b.digest())).toBe('900150983cd24fb0d6963f7d28e17f72')
  })
})
