/**
 * The one wildcard matcher (lib/policy/glob.ts): the same answers as a plain dynamic-programming matcher on
 * random patterns, and bounded work on the crafted patterns that made a backtracking regular expression
 * take exponential time (issue 14, item 4).
 */
import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { globMatch, type GlobMeter } from '@/lib/policy/glob'

/** Reference: table[i][j] = pattern[i..] matches value[j..]. O(|p|·|v|) time and space, obviously right. */
function reference(pattern: string, value: string, questionMark = true): boolean {
  const m = pattern.length
  const n = value.length
  let next = new Array<boolean>(n + 1).fill(false)
  next[n] = true
  for (let i = m - 1; i >= 0; i--) {
    const row = new Array<boolean>(n + 1).fill(false)
    const c = pattern[i]!
    for (let j = n; j >= 0; j--) {
      if (c === '*') row[j] = next[j]! || (j < n && row[j + 1]!)
      else row[j] = j < n && ((questionMark && c === '?') || c === value[j]) && next[j + 1]!
    }
    next = row
  }
  return next[0]!
}

describe('globMatch', () => {
  it('matches IAM wildcards: * any run (none included), ? exactly one character', () => {
    expect(globMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/x.txt')).toBe(true)
    expect(globMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::b/')).toBe(true)
    expect(globMatch('arn:aws:s3:::b/*', 'arn:aws:s3:::b')).toBe(false)
    expect(globMatch('k?y', 'key')).toBe(true)
    expect(globMatch('k?y', 'ky')).toBe(false)
    expect(globMatch('*', '')).toBe(true)
    expect(globMatch('', '')).toBe(true)
    expect(globMatch('', 'a')).toBe(false)
    expect(globMatch('a.b', 'axb'), 'a dot is a dot, not a regular expression').toBe(false)
    expect(globMatch('s3:Get*', 'S3:GETOBJECT', { ignoreCase: true })).toBe(true)
    expect(globMatch('s3:Get*', 'S3:GETOBJECT')).toBe(false)
    expect(globMatch('https://?.example.com', 'https://a.example.com', { questionMark: false })).toBe(false)
    expect(globMatch('https://?.example.com', 'https://?.example.com', { questionMark: false })).toBe(true)
    expect(globMatch('line*end', 'line\nmiddle\nend'), '* spans line breaks').toBe(true)
  })

  it('agrees with a dynamic-programming matcher on random patterns and values', () => {
    const text = (chars: string[], max: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''))
    fc.assert(
      fc.property(text(['a', 'b', '*', '?'], 12), text(['a', 'b', '?', '*'], 16), fc.boolean(), (p, v, q) => {
        expect(globMatch(p, v, { questionMark: q })).toBe(reference(p, v, q))
      }),
      { numRuns: 3000 },
    )
  })

  it('agrees with the reference on patterns built to match (a value derived from the pattern)', () => {
    const piece = fc.oneof(fc.constantFrom('a', 'b', 'ab', 'ba'), fc.constant(''))
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 14 }),
        fc.array(piece, { maxLength: 14 }),
        (p, fills) => {
          // Replace each * by a random filler and each ? by one character: the value then matches.
          let k = 0
          const value = p.map((c) => (c === '*' ? (fills[k++] ?? '') : c === '?' ? 'b' : c)).join('')
          const pattern = p.join('')
          expect(reference(pattern, value)).toBe(true)
          expect(globMatch(pattern, value)).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('does work linear in the input on the crafted policy pattern a*a*a*…b against 100,000 a (the regex backtracked exponentially)', () => {
    const value = 'a'.repeat(100_000)
    const pattern = `${'a*'.repeat(2_000)}b`
    const meter: GlobMeter = { steps: 0 }
    expect(globMatch(pattern, value, {}, meter)).toBe(false)
    expect(meter.steps).toBeLessThanOrEqual(2 * (value.length + pattern.length))
    // And when it does match, as cheaply.
    const hit: GlobMeter = { steps: 0 }
    expect(globMatch(pattern, `${value}b`, {}, hit)).toBe(true)
    expect(hit.steps).toBeLessThanOrEqual(2 * (value.length + pattern.length))
  })

  it('reads fnmatch classes as Python does (aws s3 --exclude/--include): 2,000 random cases against python3', () => {
    const cases = fc.sample(
      fc.tuple(
        fc
          .array(fc.constantFrom('a', 'b', '-', '*', '?', '[', ']', '!', 'c'), { maxLength: 10 })
          .map((a) => a.join('')),
        fc.array(fc.constantFrom('a', 'b', '-', ']', '[', '!', 'c'), { maxLength: 8 }).map((a) => a.join('')),
      ),
      { numRuns: 2000, seed: 14 },
    )
    const python = spawnSync(
      'python3',
      [
        '-c',
        'import sys, json, fnmatch; print(json.dumps([fnmatch.fnmatchcase(v, p) for p, v in json.load(sys.stdin)]))',
      ],
      { input: JSON.stringify(cases), encoding: 'utf8' },
    )
    const expected = JSON.parse(python.stdout) as boolean[]
    expect(expected).toHaveLength(cases.length)
    cases.forEach(([p, v], i) => expect(globMatch(p, v, { classes: true }), `${p} ~ ${v}`).toBe(expected[i]))
  })

  it('never does more than |pattern|·|value| + |pattern| + |value| steps, on any input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?]{0,30}$/), fc.stringMatching(/^[ab]{0,60}$/), (p, v) => {
        const meter: GlobMeter = { steps: 0 }
        globMatch(p, v, {}, meter)
        expect(meter.steps).toBeLessThanOrEqual(p.length * v.length + p.length + v.length)
      }),
      { numRuns: 2000 },
    )
  })
})
