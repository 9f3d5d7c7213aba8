/**
 * The one wildcard matcher: IAM policies (Action, Resource, StringLike, ArnLike, in S3 bucket policies and
 * KMS key policies alike) and S3 CORS rules (AllowedOrigin, AllowedHeader) all match through it.
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
  /** Whether `?` is a wildcard for one character (IAM) or a literal (CORS). Default: true. */
  questionMark?: boolean
}

/** Counts the matcher's steps, so tests can assert on the work done rather than on time. */
export interface GlobMeter {
  steps: number
}

const STAR = 42 // '*'
const QUESTION = 63 // '?'

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
  const anyOne = options.questionMark !== false
  const m = p.length
  const n = v.length
  let pi = 0
  let vi = 0
  /** The pattern index just after the latest `*`, and the value index it has absorbed up to. */
  let starAt = -1
  let starEnd = 0
  let steps = 0
  while (vi < n) {
    steps++
    const c = pi < m ? p.charCodeAt(pi) : -1
    if (c === STAR) {
      starAt = ++pi
      starEnd = vi
    } else if (c !== -1 && ((anyOne && c === QUESTION) || c === v.charCodeAt(vi))) {
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
  while (pi < m && p.charCodeAt(pi) === STAR) {
    pi++
    steps++
  }
  if (meter) meter.steps += steps
  return pi === m
}
