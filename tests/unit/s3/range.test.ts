/** parseRange: RFC 9110 §14.1.2 byte ranges, one range at a time, as S3 serves them. */
import { describe, expect, it } from 'vitest'
import { S3Error } from '@/lib/s3/errors'
import { parseRange } from '@/lib/s3/range'

describe('parseRange', () => {
  it('no header means the whole object', () => {
    expect(parseRange(undefined, 10)).toBeUndefined()
  })
  it('first-last, open-ended and suffix forms, clamped to the object', () => {
    expect(parseRange('bytes=0-4', 10)).toEqual({ start: 0, end: 4 })
    expect(parseRange('bytes=3-', 10)).toEqual({ start: 3, end: 9 })
    expect(parseRange('bytes=8-99', 10)).toEqual({ start: 8, end: 9 })
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 })
    expect(parseRange('bytes=-40', 10)).toEqual({ start: 0, end: 9 })
    expect(parseRange(' bytes=1-2 ', 10)).toEqual({ start: 1, end: 2 })
  })
  it('unsatisfiable ranges throw 416 InvalidRange', () => {
    for (const [header, size] of [
      ['bytes=10-', 10],
      ['bytes=-0', 10],
      ['bytes=0-', 0],
      ['bytes=-5', 0],
    ] as const) {
      try {
        parseRange(header, size)
        expect.unreachable(`${header} on ${size} bytes`)
      } catch (e) {
        expect(e).toBeInstanceOf(S3Error)
        expect((e as S3Error).status).toBe(416)
        expect((e as S3Error).fields).toEqual({ RangeRequested: header, ActualObjectSize: String(size) })
      }
    }
  })
  it('syntactically invalid ranges are ignored', () => {
    for (const header of ['bytes=4-1', 'bytes=a-b', 'bytes=-', 'bytes=0-1,2-3', 'chars=0-1', ''])
      expect(parseRange(header, 10), header).toBeUndefined()
  })
})
