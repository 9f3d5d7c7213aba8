import { describe, expect, it } from 'vitest'
import { NoSuchKey } from '@aws-sdk/client-s3'
import { formatArgs, formatError, formatValue } from '@/lib/scratchpad/format'

describe('scratchpad console formatting', () => {
  it('prints strings raw and joins arguments with spaces, like a browser console', () => {
    expect(formatArgs(['PutObject:', 'done', 3, true, null])).toBe('PutObject: done 3 true null')
  })

  it('pretty-prints objects with two-space indentation, keeping dates, bytes, maps and undefined visible', () => {
    const text = formatValue({
      when: new Date('2026-11-28T12:00:00Z'),
      bytes: new Uint8Array([1, 2, 255]),
      tags: new Map([['a', 1]]),
      gone: undefined,
      nested: [{ x: 1n }],
    })
    expect(text).toBe(
      [
        '{',
        '  "when": "2026-11-28T12:00:00.000Z",',
        '  "bytes": "Uint8Array(3) [01 02 ff]",',
        '  "tags": {',
        '    "a": 1',
        '  },',
        '  "nested": [',
        '    {',
        '      "x": "1n"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    )
  })

  it('cuts long byte arrays, marks cycles and stops at a depth', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    expect(formatValue(new Uint8Array(100))).toBe(`Uint8Array(100) [${Array(32).fill('00').join(' ')} …]`)
    expect(JSON.parse(formatValue(cyclic))).toEqual({ name: 'loop', self: '[Circular]' })
    expect(formatValue({ a: { b: { c: { d: { e: { f: { g: 1 } } } } } } })).toContain('"f": "[Object]"')
  })

  it('describes a streaming body instead of dumping its internals', () => {
    const body = { transformToString: async () => 'x' }
    expect(JSON.parse(formatValue({ Body: body, ContentLength: 1 }))).toEqual({
      Body: '[Object: read it with await .transformToString()]',
      ContentLength: 1,
    })
  })

  it('prints SDK errors as the AWS error name, message and HTTP status', () => {
    const error = new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } })
    expect(formatError(error)).toBe('NoSuchKey: The specified key does not exist. (HTTP 404, client fault)')
    expect(formatArgs(['Without the key:', error])).toMatch(
      /^Without the key: NoSuchKey: The specified key does not exist\. \(HTTP 404, client fault\)/,
    )
    expect(formatValue(new TypeError('x is not a function'))).toBe('TypeError: x is not a function')
  })
})
