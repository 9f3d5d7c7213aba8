/** aws s3 --exclude/--include: Python's fnmatch through the one linear-time matcher (lib/policy/glob.ts). */
import { describe, expect, it } from 'vitest'
import { fnmatch, included } from '@/lib/cli/aws/s3/filters'

describe('--exclude / --include', () => {
  it('the last matching filter wins; *, ? and [seq] cross /', () => {
    const filters = [
      { kind: 'exclude' as const, pattern: '*' },
      { kind: 'include' as const, pattern: 'logs/[0-9]?.txt' },
    ]
    expect(included('logs/1a.txt', filters)).toBe(true)
    expect(included('logs/xa.txt', filters)).toBe(false)
    expect(fnmatch('a/b/c.txt', '*.txt')).toBe(true)
    expect(fnmatch('[x', '[x')).toBe(true) // an unclosed [ is a plain character
  })

  it('a crafted pattern over a long key answers (a backtracking regex took exponential time; Ctrl-C cannot stop one)', () => {
    expect(fnmatch('a'.repeat(100_000), `${'a*'.repeat(2_000)}b`)).toBe(false)
    expect(fnmatch(`${'a'.repeat(100_000)}b`, `${'a*'.repeat(2_000)}[b]`)).toBe(true)
  })
})
