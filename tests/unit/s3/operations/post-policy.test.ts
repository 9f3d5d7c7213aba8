/** The POST policy document: expiration, conditions, uncovered fields, content-length-range (docs/fidelity.md §7). */
import { describe, expect, it } from 'vitest'
import { checkPostPolicy, lengthOutOfRange } from '@/lib/s3/operations/post-policy'

const NOW = new Date('2026-12-08T02:00:00Z')
const encode = (doc: unknown) => btoa(JSON.stringify(doc))
const fields = (extra: Record<string, string> = {}) =>
  new Map(Object.entries({ key: 'uploads/a.txt', policy: 'p', 'x-amz-signature': 's', ...extra }))
const check = (doc: unknown, extra?: Record<string, string>, raw?: string) =>
  checkPostPolicy({ policy: raw ?? encode(doc), fields: fields(extra), bucket: 'b', now: NOW })
const EXP = '2026-12-08T03:00:00.000Z'

describe('checkPostPolicy', () => {
  it('passes a form every field of which a condition covers, and returns the length range', () => {
    const doc = {
      expiration: EXP,
      conditions: [
        { bucket: 'b' },
        ['starts-with', '$key', 'uploads/'],
        ['eq', '$Content-Type', 'text/plain'],
        ['content-length-range', 0, '10'],
      ],
    }
    expect(check(doc, { 'content-type': 'text/plain' })).toEqual({ lengthRange: { min: 0, max: 10 } })
  })

  it.each([
    [{ expiration: EXP, conditions: [{ bucket: 'other' }] }, 'Policy Condition failed: ["eq", "$bucket", "other"]'],
    [
      { expiration: EXP, conditions: [['starts-with', '$key', 'private/']] },
      'Policy Condition failed: ["starts-with", "$key", "private/"]',
    ],
    [{ expiration: EXP, conditions: [['eq', '$key', 'uploads/a.txt']] }, 'Extra input fields: acl'],
    [{ expiration: '2026-12-08T01:59:59Z', conditions: [] }, 'Policy expired.'],
  ])('403 AccessDenied: %j', (doc, detail) => {
    expect(() => check(doc, { acl: 'private' })).toThrow(
      expect.objectContaining({ code: 'AccessDenied', status: 403, message: `Invalid according to Policy: ${detail}` }),
    )
  })

  it('starts-with "" allows any value; x-ignore- fields need no condition; field names match in any case', () => {
    const doc = {
      expiration: EXP,
      conditions: [
        ['starts-with', '$KEY', ''],
        ['starts-with', '$acl', ''],
      ],
    }
    expect(check(doc, { acl: 'x', 'x-ignore-note': 'n' })).toEqual({})
  })

  it.each([
    ['not base64 JSON', undefined, '%%%', 'Invalid JSON.'],
    ['no expiration', { conditions: [] }, undefined, 'Policy missing expiration.'],
    ['no conditions', { expiration: EXP }, undefined, 'Policy missing conditions.'],
    [
      'two properties',
      { expiration: EXP, conditions: [{ a: '1', b: '2' }] },
      undefined,
      'Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
    ],
  ])('400 InvalidPolicyDocument: %s', (_, doc, raw, detail) => {
    expect(() => check(doc, {}, raw)).toThrow(
      expect.objectContaining({ code: 'InvalidPolicyDocument', status: 400, message: `Invalid Policy: ${detail}` }),
    )
  })

  it('lengthOutOfRange: too large as soon as it passes the maximum; too small only at the end', () => {
    const range = { min: 5, max: 20 }
    expect(lengthOutOfRange(21, range, false)).toMatchObject({
      code: 'EntityTooLarge',
      fields: { ProposedSize: '21', MaxSizeAllowed: '20' },
    })
    expect(lengthOutOfRange(2, range, false)).toBeUndefined()
    expect(lengthOutOfRange(2, range, true)).toMatchObject({
      code: 'EntityTooSmall',
      fields: { ProposedSize: '2', MinSizeAllowed: '5' },
    })
    expect(lengthOutOfRange(5, range, true)).toBeUndefined()
  })
})
