import { describe, expect, it } from 'vitest'
import { concat, fromBase64, fromHex, fromUtf8, timingSafeEqual, toBase64, toHex, utf8 } from '@/lib/crypto/bytes'

const every256 = Uint8Array.from({ length: 256 }, (_, i) => i)

describe('hex', () => {
  it('round-trips every byte value', () => {
    expect(fromHex(toHex(every256))).toEqual(every256)
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff')
    expect(fromHex('ABff')).toEqual(Uint8Array.of(0xab, 0xff))
  })
  it('rejects odd lengths and non-hex characters', () => {
    expect(() => fromHex('abc')).toThrow(TypeError)
    expect(() => fromHex('zz')).toThrow(TypeError)
    expect(() => fromHex('0x00')).toThrow(TypeError)
  })
})

describe('base64 (RFC 4648)', () => {
  it('encodes the RFC 4648 §10 test vectors and decodes them back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(toBase64(utf8(plain))).toBe(encoded)
      expect(fromUtf8(fromBase64(encoded)!)).toBe(plain)
    }
  })
  it('round-trips every byte value and every length 0..20', () => {
    expect(fromBase64(toBase64(every256))).toEqual(every256)
    for (let n = 0; n <= 20; n++)
      expect(fromBase64(toBase64(every256.subarray(256 - n)))).toEqual(every256.subarray(256 - n))
    expect(toBase64(every256)).toBe(Buffer.from(every256).toString('base64'))
  })
  it('strictly rejects what S3 rejects: missing padding, bad characters, misplaced or excess padding, whitespace', () => {
    for (const bad of [
      'Zg',
      'Zm8',
      'Zg=',
      'Z===',
      '====',
      'Zg==Zg=',
      'Z=g=',
      '=Zm9',
      'Zm9v!',
      'Zm-_',
      'Zm 9v',
      'Zm9v\n',
      'Zm9vYg===',
    ]) {
      expect(fromBase64(bad), JSON.stringify(bad)).toBeUndefined()
    }
  })
})

describe('utf8, concat, timingSafeEqual', () => {
  it('utf8 round-trips non-ASCII text', () => {
    expect(utf8('é€😀').length).toBe(2 + 3 + 4)
    expect(fromUtf8(utf8('é€😀'))).toBe('é€😀')
  })
  it('concat joins in order', () => {
    expect(concat(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3))
  })
  it('timingSafeEqual compares content and length', () => {
    expect(timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true)
    expect(timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false)
    expect(timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false)
  })
})
