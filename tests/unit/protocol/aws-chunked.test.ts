/**
 * aws-chunked framing as SigV4 streaming uploads send it (S3 API reference, "Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks" and "... Including Trailing Headers").
 */
import { describe, expect, it } from 'vitest'
import { ChunkedFormatError, decodeAwsChunked } from '@/lib/protocol/aws-chunked'
import { concat, fromUtf8, utf8 } from '@/lib/crypto/bytes'

const SIG = 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255)

/** Frames `chunks` the way an SDK does; `signed` adds the chunk-signature extension. */
function frame(chunks: Uint8Array[], { signed = false, trailers = [] as string[] } = {}): Uint8Array {
  const ext = signed ? `;chunk-signature=${SIG}` : ''
  const parts: Uint8Array[] = []
  for (const c of chunks) parts.push(utf8(`${c.length.toString(16)}${ext}\r\n`), c, utf8('\r\n'))
  parts.push(utf8(`0${ext}\r\n`))
  for (const t of trailers) parts.push(utf8(`${t}\r\n`))
  parts.push(utf8('\r\n'))
  return concat(...parts)
}

describe('decodeAwsChunked', () => {
  it('decodes signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): 64 KiB, then 1 KiB, then the final 0 chunk', () => {
    const a = bytes(65536)
    const b = bytes(1024, 7)
    const out = decodeAwsChunked(frame([a, b], { signed: true }))
    expect(out.body).toEqual(concat(a, b))
    expect(out.trailers).toEqual({})
  })

  it('decodes unsigned chunks with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
    const out = decodeAwsChunked(
      frame([utf8('Hello, '), utf8('world')], { trailers: ['x-amz-checksum-crc32:6+bG5g=='] }),
    )
    expect(fromUtf8(out.body)).toBe('Hello, world')
    expect(out.trailers).toEqual({ 'x-amz-checksum-crc32': '6+bG5g==' })
  })

  it('decodes signed trailers, lower-casing names and trimming values', () => {
    const out = decodeAwsChunked(
      frame([utf8('abc')], {
        signed: true,
        trailers: [
          'X-Amz-Checksum-SHA256: ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
          `x-amz-trailer-signature:${SIG}`,
        ],
      }),
    )
    expect(fromUtf8(out.body)).toBe('abc')
    expect(out.trailers).toEqual({
      'x-amz-checksum-sha256': 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
      'x-amz-trailer-signature': SIG,
    })
  })

  it('accepts upper-case hex sizes and an empty body', () => {
    expect(decodeAwsChunked(concat(utf8('A\r\n'), bytes(10), utf8('\r\n0\r\n\r\n'))).body).toEqual(bytes(10))
    expect(decodeAwsChunked(utf8('0\r\n\r\n')).body).toEqual(new Uint8Array(0))
  })

  it('keeps CR and LF bytes inside chunk data', () => {
    const data = utf8('line1\r\nline2\r\n\r\n')
    expect(decodeAwsChunked(frame([data])).body).toEqual(data)
  })

  describe('malformed framing is an error, never silently different bytes', () => {
    const cases: [string, Uint8Array][] = [
      ['a size line that is not hex', utf8('zz\r\nabc\r\n0\r\n\r\n')],
      ['a size line with trailing garbage', utf8('3g\r\nabc\r\n0\r\n\r\n')],
      ['a negative size', utf8('-3\r\nabc\r\n0\r\n\r\n')],
      ['an empty size line', utf8('\r\nabc\r\n0\r\n\r\n')],
      ['a chunk shorter than declared', utf8('10\r\nabc\r\n0\r\n\r\n')],
      ['a chunk longer than declared', utf8('3\r\nabcd\r\n0\r\n\r\n')],
      ['chunk data not followed by CRLF', utf8('3\r\nabcXY0\r\n\r\n')],
      ['no final zero-length chunk', utf8('3\r\nabc\r\n')],
      ['a body cut inside the size line', utf8('3')],
      ['no framing at all', utf8('plain text body')],
    ]
    for (const [name, body] of cases) {
      it(name, () => {
        expect(() => decodeAwsChunked(body)).toThrow(ChunkedFormatError)
      })
    }
  })
})
