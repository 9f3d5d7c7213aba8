/**
 * Bucket policy documents: parsing and the validation PutBucketPolicy does (400 MalformedPolicy).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 *
 * Simulation note: S3's MalformedPolicy texts are the ones users report ("Policies must be valid JSON and
 * the first byte must be '{'", "Policy has invalid action", "Policy has invalid resource", "Invalid
 * principal in policy", "Missing required field Principal"); the texts for the other cases are ours.
 */
import { S3Error } from '../errors'
import { bucketArn } from '../model'
import { CONDITION_OPERATORS, type ConditionClause } from '../../policy/conditions'
import type { PolicyStatement } from '../../policy/evaluate'

/** A bucket policy statement always names its resources. */
export type Statement = PolicyStatement & { resources: string[] }

export interface BucketPolicy {
  /** The JSON text exactly as PutBucketPolicy received it (GetBucketPolicy returns it). */
  text: string
  statements: Statement[]
}

const malformed = (message: string) => new S3Error('MalformedPolicy', message, 400)
const list = (v: unknown): string[] | undefined =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')
      ? (v as string[])
      : undefined

const STATEMENT_FIELDS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
])

function principalOf(value: unknown): '*' | string[] {
  if (value === '*') return '*'
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed('Invalid principal in policy')
  const aws = list((value as Record<string, unknown>).AWS)
  const service = list((value as Record<string, unknown>).Service)
  if (!aws && !service) throw malformed('Invalid principal in policy')
  if (aws?.includes('*')) return '*'
  for (const p of aws ?? [])
    if (!/^(\d{12}|arn:aws:iam::\d{12}:(root|user\/.+|role\/.+))$/.test(p))
      throw malformed('Invalid principal in policy')
  return [...(aws ?? []), ...(service ?? []).map((s) => `service:${s}`)]
}

function conditionsOf(value: unknown): ConditionClause[] {
  if (value === undefined) return []
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed('Invalid policy syntax.')
  const out: ConditionClause[] = []
  for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
    const base = operator.replace(/^For(AnyValue|AllValues):/, '').replace(/IfExists$/, '')
    if (!CONDITION_OPERATORS.includes(base)) throw malformed(`Invalid Condition type : ${operator}`)
    if (typeof block !== 'object' || block === null || Array.isArray(block)) throw malformed('Invalid policy syntax.')
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map((v) =>
        typeof v === 'boolean' || typeof v === 'number' ? String(v) : v,
      )
      if (values.length === 0 || !values.every((v) => typeof v === 'string')) throw malformed('Invalid policy syntax.')
      if (!/^[a-z0-9-]+:[A-Za-z0-9-_./]+$/i.test(key)) throw malformed('Policy has an invalid condition key')
      out.push({ operator, key: key.toLowerCase(), keyAsWritten: key, values: values as string[] })
    }
  }
  return out
}

function statementOf(raw: unknown, index: number, bucket: string): Statement {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw malformed('Invalid policy syntax.')
  const s = raw as Record<string, unknown>
  for (const field of Object.keys(s)) if (!STATEMENT_FIELDS.has(field)) throw malformed(`Unknown field ${field}`)
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed('Invalid effect: ' + String(s.Effect))
  if (s.Principal === undefined && s.NotPrincipal === undefined) throw malformed('Missing required field Principal')
  const actions = list(s.Action ?? s.NotAction)
  if (!actions || actions.some((a) => a !== '*' && !/^s3:[A-Za-z*?]+$/i.test(a)))
    throw malformed('Policy has invalid action')
  const resources = list(s.Resource ?? s.NotResource)
  // A bucket policy may only name this bucket and its objects.
  const own = bucketArn(bucket)
  if (!resources || resources.some((r) => r !== '*' && r !== own && !r.startsWith(`${own}/`)))
    throw malformed('Policy has invalid resource')
  return {
    index,
    ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    effect: s.Effect,
    principal: principalOf(s.Principal ?? s.NotPrincipal),
    notPrincipal: s.Principal === undefined,
    actions,
    notAction: s.Action === undefined,
    resources,
    notResource: s.Resource === undefined,
    conditions: conditionsOf(s.Condition),
  }
}

export function parseBucketPolicy(text: string, bucket: string): BucketPolicy {
  let doc: unknown
  try {
    doc = text.trimStart().startsWith('{') ? JSON.parse(text) : undefined
  } catch {
    doc = undefined
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw malformed("Policies must be valid JSON and the first byte must be '{'")
  const d = doc as Record<string, unknown>
  if (d.Version !== undefined && d.Version !== '2012-10-17' && d.Version !== '2008-10-17')
    throw malformed('Invalid policy version')
  const raw = Array.isArray(d.Statement) ? d.Statement : d.Statement !== undefined ? [d.Statement] : []
  if (raw.length === 0) throw malformed('Missing required field Statement')
  return { text, statements: raw.map((s, i) => statementOf(s, i, bucket)) }
}
