/**
 * IAM condition operators, for S3 bucket policies and KMS key policies alike.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * - several values for one key: any may match (OR); negated operators match when none does;
 * - a key missing from the request: positive operators fail, negated ones (StringNotEquals, ...) match,
 *   `...IfExists` matches, `Null: "true"` matches;
 * - String and Arn comparisons are case-sensitive; `*` and `?` are wildcards in the Like forms.
 */
import { globMatch } from './glob'

export interface ConditionClause {
  /** As written, e.g. StringNotEqualsIfExists or ForAnyValue:StringLike. */
  operator: string
  /** Lower-cased key, e.g. s3:x-amz-server-side-encryption. */
  key: string
  /** The key as written, for explanations and for keys whose suffix keeps its case (kms:EncryptionContext:…). */
  keyAsWritten: string
  values: string[]
}

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

/** The values a request carries for a condition key (as written in the policy); undefined when absent. */
export type ConditionContext = (keyAsWritten: string) => string[] | undefined

/** A context read from a map of lower-cased keys. */
export const contextOf =
  (keys: RequestContextKeys): ConditionContext =>
  (key) =>
    keys.get(key.toLowerCase())

export interface ConditionResult {
  matched: boolean
  /** One sentence: what the key held and why the clause did or did not match. */
  why: string
}

type Compare = (policyValue: string, requestValue: string) => boolean

const COMPARE: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: true },
  StringLike: { compare: (p, r) => globMatch(p, r), negated: false },
  StringNotLike: { compare: (p, r) => globMatch(p, r), negated: true },
  ArnEquals: { compare: (p, r) => p === r, negated: false },
  ArnNotEquals: { compare: (p, r) => p === r, negated: true },
  ArnLike: { compare: (p, r) => globMatch(p, r), negated: false },
  ArnNotLike: { compare: (p, r) => globMatch(p, r), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
}

const show = (values: string[]) => values.map((v) => JSON.stringify(v)).join(', ')

export function evaluateCondition(clause: ConditionClause, context: ConditionContext): ConditionResult {
  const set = /^For(AnyValue|AllValues):/.exec(clause.operator)?.[1]
  const ifExists = clause.operator.endsWith('IfExists')
  const base = clause.operator.replace(/^For(AnyValue|AllValues):/, '').replace(/IfExists$/, '')
  const present = context(clause.keyAsWritten)
  const label = `${clause.operator} ${clause.keyAsWritten} [${show(clause.values)}]`
  // S3 refuses a policy with an operator it does not know; a KMS key policy keeps it, and it never matches.
  if (base !== 'Null' && !Object.prototype.hasOwnProperty.call(COMPARE, base))
    return { matched: false, why: `${label}: an operator the playground does not evaluate → does not match` }

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
