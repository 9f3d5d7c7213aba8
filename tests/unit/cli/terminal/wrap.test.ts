import { describe, expect, it } from 'vitest'
import { wrapWords } from '@/lib/cli/terminal/wrap'

const WELCOME = 'Welcome to the S3 Encryption Playground. Type help for the commands.'

describe('wrapWords', () => {
  it('breaks only at spaces, each line within the width', () => {
    for (const cols of [20, 31, 40, 57, 68, 80]) {
      const lines = wrapWords(WELCOME, cols)
      expect(lines.join(' ')).toBe(WELCOME)
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(cols)
    }
    expect(wrapWords(WELCOME, 40)).toEqual(['Welcome to the S3 Encryption Playground.', 'Type help for the commands.'])
  })

  it('keeps a short text on one line, and cuts a word longer than the width at the edge', () => {
    expect(wrapWords(WELCOME, 200)).toEqual([WELCOME])
    expect(wrapWords('a abcdefghij b', 4)).toEqual(['a', 'abcd', 'efgh', 'ij b'])
  })
})
