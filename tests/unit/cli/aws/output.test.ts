import { describe, expect, it } from 'vitest'
import { API_SERVICES } from '@/lib/cli/aws/services'
import { pyIsoformat, pyJsonDumps, toCliValue } from '@/lib/cli/aws/output'

describe('aws-cli JSON output', () => {
  it('orders keys by the API model, not by the SDK object', () => {
    const sdk = {
      AcceptRanges: 'bytes',
      ContentLength: 8,
      ContentType: 'text/plain',
      ETag: '"e"',
      LastModified: new Date('2026-11-28T09:38:17Z'),
      ServerSideEncryption: 'AES256',
      Metadata: {},
      $metadata: {},
    }
    expect(Object.keys(toCliValue(API_SERVICES[0]!.model, 'HeadObjectOutput', sdk) as object)).toEqual([
      'AcceptRanges',
      'LastModified',
      'ContentLength',
      'ETag',
      'ContentType',
      'ServerSideEncryption',
      'Metadata',
    ])
  })

  it('prints timestamps as Python isoformat', () => {
    expect(pyIsoformat(new Date('2026-11-28T09:38:17Z'))).toBe('2026-11-28T09:38:17+00:00')
    expect(pyIsoformat(new Date('2026-11-28T09:38:03.213Z'))).toBe('2026-11-28T09:38:03.213000+00:00')
  })

  it('lays out like json.dumps(indent=4)', () => {
    expect(pyJsonDumps({ a: [], b: {}, c: [1, { d: 'é"' }], e: null, f: true })).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": "é\\""\n        }\n    ],\n    "e": null,\n    "f": true\n}',
    )
  })
})
