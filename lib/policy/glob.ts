/**
 * The one wildcard matcher: IAM policies (Action, Resource, StringLike, ArnLike, in S3 bucket policies and
 * KMS key policies alike), S3 CORS rules (AllowedOrigin, AllowedHeader) and `aws s3`'s --exclude/--include
 * (Python's fnmatch, with `[seq]` classes) all match through it.
 *
 * `*` matches any run of characters (none included) and, where `?` is a wildcard (IAM; not CORS), `?`
 * matches exactly one. Characters are UTF-16 code units, as the regular expressions this replaced saw them.
 *
 * Linear-time in practice, O(|pattern| · |value|) at worst, and never exponential: a greedy two-pointer
 * scan that keeps only the latest `*` to fall back to. Falling back to an earlier `*` is never needed, since
 * whatever it could absorb the later one can absorb too. A crafted pattern such as `a*a*a*…b` against a
 * long run of `a` costs about |value| + |pattern| steps, where a backtracking regular expression needed
 * time exponential in the number of stars (docs/architecture.md, "One engine per concern").
 */

export interface GlobOptions {
  /** Compare without case (IAM action names, CORS header names). */
  ignoreCase?: boolean
  /** Whether `?` is a wildcard for one character (IAM, fnmatch) or a literal (CORS). Default: true. */
  questionMark?: boolean
  /** Python fnmatch's `[seq]` and `[!seq]` classes, with `a-z` ranges (aws s3 --exclude/--include). Default: false. */
  classes?: boolean
}

/** Counts the matcher's steps, so tests can assert on the work done rather than on time. */
export interface GlobMeter {
  steps: number
}

const STAR = -2
const ANY = -1
/** A `[seq]` class: inclusive code ranges, negated for `[!seq]`. */
interface CharClass {
  negate: boolean
  ranges: number[]
}
/** A pattern token: a character code, ANY, STAR, or a class. */
type Token = number | CharClass

/** A `[` at `at` and what follows, as Python's fnmatch reads it; undefined when no `]` closes it (a literal `[`). */
function readClass(p: string, at: number): { token: CharClass; end: number } | undefined {
  let j = at + 1
  const negate = p[j] === '!'
  if (negate) j++
  const first = j
  if (p[j] === ']') j++ // a `]` first in the class is one of its characters
  while (j < p.length && p[j] !== ']') j++
  if (j >= p.length) return undefined
  const ranges: number[] = []
  for (let k = first; k < j; k++) {
    const lo = p.charCodeAt(k)
    if (p[k + 1] === '-' && k + 2 < j) {
      ranges.push(lo, p.charCodeAt(k + 2))
      k += 2
    } else ranges.push(lo, lo)
  }
  return { token: { negate, ranges }, end: j }
}

function tokens(p: string, options: GlobOptions): Token[] {
  const out: Token[] = []
  const anyOne = options.questionMark !== false
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i)
    if (c === 42) out.push(STAR)
    else if (c === 63 && anyOne) out.push(ANY)
    else if (c === 91 && options.classes) {
      const cls = readClass(p, i)
      if (cls) {
        out.push(cls.token)
        i = cls.end
      } else out.push(c)
    } else out.push(c)
  }
  return out
}

const matchesOne = (t: Token, c: number): boolean => {
  if (typeof t === 'number') return t === ANY || t === c
  let hit = false
  for (let k = 0; k < t.ranges.length && !hit; k += 2) hit = c >= t.ranges[k]! && c <= t.ranges[k + 1]!
  return hit !== t.negate
}

/** Whether `value` matches `pattern` as a whole. */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}, meter?: GlobMeter): boolean {
  let p = pattern
  let v = value
  if (options.ignoreCase) {
    const lp = p.toLowerCase()
    const lv = v.toLowerCase()
    // Lower-casing keeps lengths for all but a few characters (İ); those keep their code units unfolded.
    if (lp.length === p.length && lv.length === v.length) {
      p = lp
      v = lv
    }
  }
  const pat = tokens(p, options)
  const m = pat.length
  const n = v.length
  let pi = 0
  let vi = 0
  /** The pattern index just after the latest `*`, and the value index it has absorbed up to. */
  let starAt = -1
  let starEnd = 0
  let steps = 0
  while (vi < n) {
    steps++
    const t = pi < m ? pat[pi]! : undefined
    if (t === STAR) {
      starAt = ++pi
      starEnd = vi
    } else if (t !== undefined && matchesOne(t, v.charCodeAt(vi))) {
      pi++
      vi++
    } else if (starAt >= 0) {
      // Let the latest star absorb one more character, and retry the rest of the pattern after it.
      pi = starAt
      vi = ++starEnd
    } else {
      if (meter) meter.steps += steps
      return false
    }
  }
  while (pi < m && pat[pi] === STAR) {
    pi++
    steps++
  }
  if (meter) meter.steps += steps
  return pi === m
}
