/**
 * The policy document of a POST Object (browser form upload): its expiration, its conditions over the form's
 * fields, and the fields it does not cover, with S3's errors for each (docs/fidelity.md §7). The signature over
 * the document is the protocol layer's concern; this is what the document itself allows.
 */
import { fromBase64, fromUtf8 } from '../../crypto/bytes'
import { S3Error } from '../errors'

export interface LengthRange {
  min: number
  max: number
}

export interface PolicyCheck {
  /** The policy's content-length-range, checked against the file as it streams in. */
  lengthRange?: LengthRange
}

/** Fields no condition needs to cover (the S3 API reference, "Creating a POST policy"). */
const UNCOVERED = new Set(['x-amz-signature', 'signature', 'file', 'policy'])

const invalidPolicy = (detail: string) => new S3Error('InvalidPolicyDocument', `Invalid Policy: ${detail}`, 400)
const denied = (detail: string) => new S3Error('AccessDenied', `Invalid according to Policy: ${detail}`, 403)

/** S3 quotes a failed condition in its array form: ["eq", "$key", "value"]. */
const conditionText = (parts: unknown[]) => `[${parts.map((p) => JSON.stringify(p)).join(', ')}]`
const conditionFailed = (parts: unknown[]) => denied(`Policy Condition failed: ${conditionText(parts)}`)

/** A policy's expiration: ISO 8601 in UTC, e.g. 2026-12-01T12:00:00.000Z. */
function expirationOf(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value))
    throw invalidPolicy("Invalid 'expiration' value: '" + String(value) + "'")
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw invalidPolicy("Invalid 'expiration' value: '" + value + "'")
  return date
}

const asInteger = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
    ? v
    : typeof v === 'string' && /^\d{1,15}$/.test(v)
      ? Number(v)
      : undefined

export interface PolicyInput {
  /** The policy field as sent (base64 of the JSON document). */
  policy: string
  /** The form's fields by lower-case name, the key already with ${filename} filled in. */
  fields: Map<string, string>
  bucket: string
  now: Date
}

/** Throws the error S3 answers for a document or form the policy does not allow; returns what remains to check. */
export function checkPostPolicy({ policy, fields, bucket, now }: PolicyInput): PolicyCheck {
  const bytes = fromBase64(policy.replace(/\s+/g, ''))
  let doc: unknown
  try {
    doc = bytes ? JSON.parse(fromUtf8(bytes)) : undefined
  } catch {
    doc = undefined
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalidPolicy('Invalid JSON.')
  const { expiration, conditions } = doc as { expiration?: unknown; conditions?: unknown }
  if (expiration === undefined) throw invalidPolicy('Policy missing expiration.')
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.')
  if (expirationOf(expiration).getTime() <= now.getTime()) throw denied('Policy expired.')

  const covered = new Set<string>()
  const valueOf = (name: string) => (name === 'bucket' ? bucket : fields.get(name))
  const check: PolicyCheck = {}
  for (const condition of conditions as unknown[]) {
    let parts: unknown[]
    if (typeof condition === 'object' && condition !== null && !Array.isArray(condition)) {
      const entries = Object.entries(condition)
      if (entries.length !== 1)
        throw invalidPolicy('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.')
      parts = ['eq', `$${entries[0]![0]}`, entries[0]![1]]
    } else if (Array.isArray(condition)) {
      parts = condition
    } else {
      throw invalidPolicy('Invalid Condition: Conditions must be objects or arrays.')
    }
    const [op, field, value] = parts
    const operator = typeof op === 'string' ? op.toLowerCase() : op
    if (operator === 'content-length-range') {
      const min = asInteger(parts[1])
      const max = asInteger(parts[2])
      if (parts.length !== 3 || min === undefined || max === undefined)
        throw invalidPolicy('Invalid content-length-range: must have exactly 2 non-negative integer values.')
      check.lengthRange = { min, max }
      continue
    }
    if ((operator !== 'eq' && operator !== 'starts-with') || parts.length !== 3)
      throw invalidPolicy(`Invalid Condition: ${conditionText(parts)}`)
    if (typeof field !== 'string' || !field.startsWith('$') || typeof value !== 'string')
      throw invalidPolicy(`Invalid Condition: ${conditionText(parts)}`)
    const name = field.slice(1).toLowerCase()
    covered.add(name)
    const actual = valueOf(name)
    const holds =
      operator === 'eq'
        ? actual === value
        : // starts-with "" allows any value, and a field the form leaves out.
          value === '' || (actual !== undefined && matchesPrefix(name, actual, value))
    if (!holds) throw conditionFailed(parts)
  }
  const extra = [...fields.keys()].filter((n) => !UNCOVERED.has(n) && !n.startsWith('x-ignore-') && !covered.has(n))
  if (extra.length) throw denied(`Extra input fields: ${extra.join(', ')}`)
  return check
}

/** starts-with on Content-Type, a comma-separated list, must hold for each listed type. */
const matchesPrefix = (name: string, actual: string, prefix: string) =>
  name === 'content-type' ? actual.split(',').every((t) => t.trim().startsWith(prefix)) : actual.startsWith(prefix)

/** EntityTooSmall / EntityTooLarge for a file outside the policy's content-length-range. */
export function lengthOutOfRange(size: number, range: LengthRange, final: boolean): S3Error | undefined {
  if (size > range.max)
    return new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ProposedSize: String(size),
      MaxSizeAllowed: String(range.max),
    })
  if (final && size < range.min)
    return new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
      ProposedSize: String(size),
      MinSizeAllowed: String(range.min),
    })
  return undefined
}
