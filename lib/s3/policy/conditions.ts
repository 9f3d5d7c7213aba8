/**
 * IAM condition operators, as the S3 encryption policies use them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - several values for one key: any may match (OR); negated operators match when none does;
 * - a key missing from the request: positive operators fail, negated ones (StringNotEquals, ...) match,
 *   `...IfExists` matches, `Null: "true"` matches;
 * - String and Arn comparisons are case-sensitive; `*` and `?` are wildcards in the Like forms.
 */
import type { ConditionClause } from './document'

export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Null',
  'Bool',
]

/** Request context: lower-cased condition key → values; absent keys are not in the map. */
export type RequestContextKeys = Map<string, string[]>

export interface ConditionResult {
  matched: boolean
  /** One sentence: what the key held and why the clause did or did not match. */
  why: string
}

export const wildcard = (pattern: string, value: string, ignoreCase = false): boolean => {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value)
}

type Compare = (policyValue: string, requestValue: string) => boolean

const COMPARE: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { compare: (p, r) => wildcard(p, r), negated: false },
  StringNotLike: { compare: (p, r) => wildcard(p, r), negated: true },
  ArnEquals: { compare: (p, r) => p === r, negated: false },
  ArnNotEquals: { compare: (p, r) => p === r, negated: true },
  ArnLike: { compare: (p, r) => wildcard(p, r), negated: false },
  ArnNotLike: { compare: (p, r) => wildcard(p, r), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
}

const show = (values: string[]) => values.map((v) => JSON.stringify(v)).join(', ')

export function evaluateCondition(clause: ConditionClause, context: RequestContextKeys): ConditionResult {
  const set = /^For(AnyValue|AllValues):/.exec(clause.operator)?.[1]
  const ifExists = clause.operator.endsWith('IfExists')
  const base = clause.operator.replace(/^For(AnyValue|AllValues):/, '').replace(/IfExists$/, '')
  const present = context.get(clause.key)
  const label = `${clause.operator} ${clause.keyAsWritten} [${show(clause.values)}]`

  if (base === 'Null') {
    const wantsAbsent = clause.values.some((v) => v.toLowerCase() === 'true')
    const matched = wantsAbsent ? present === undefined : present !== undefined
    return {
      matched,
      why: `${label}: the key is ${present === undefined ? 'absent' : `present (${show(present)})`} → ${matched ? 'matches' : 'does not match'}`,
    }
  }
  const op = COMPARE[base]!
  if (present === undefined) {
    // ForAllValues over an empty set is vacuously true; IfExists and negated operators match a missing key.
    const matched = ifExists || op.negated || set === 'AllValues'
    return { matched, why: `${label}: the key is absent from the request → ${matched ? 'matches' : 'does not match'}` }
  }
  const hit = (r: string) => clause.values.some((p) => op.compare(p, r))
  let matched: boolean
  if (set === 'AllValues') matched = present.every((r) => (op.negated ? !hit(r) : hit(r)))
  else matched = op.negated ? !present.some(hit) : present.some(hit)
  return { matched, why: `${label}: the request has ${show(present)} → ${matched ? 'matches' : 'does not match'}` }
}
