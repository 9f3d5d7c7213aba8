/**
 * Bucket policy evaluation with an explanation the inspector can show: which statements applied and why.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * An explicit Deny wins over everything, the bucket owner included. Without one the owner's request goes
 * ahead: the playground's caller is the account that owns every bucket, whose own permissions allow it.
 */
import { evaluateCondition, wildcard, type RequestContextKeys } from './conditions'
import type { BucketPolicy, Statement } from './document'

export interface PolicyRequest {
  /** e.g. s3:PutObject */
  action: string
  /** The bucket or object ARN. */
  resource: string
  /** The caller's ARN and account id. */
  principalArn: string
  account: string
  context: RequestContextKeys
}

export interface StatementTrace {
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  /** Did the whole statement apply to this request? */
  applies: boolean
  /** Each check, in order, as a sentence. */
  checks: string[]
}

export interface PolicyDecision {
  decision: 'Allow' | 'Deny'
  /** Why, in one sentence. */
  reason: string
  action: string
  resource: string
  /** The condition keys the request carried (what the policy could see). */
  context: Record<string, string[]>
  statements: StatementTrace[]
}

const principalMatches = (s: Statement, req: PolicyRequest): boolean => {
  const named =
    s.principal === '*' ||
    s.principal.some((p) => p === req.account || p === `arn:aws:iam::${req.account}:root` || p === req.principalArn)
  return s.notPrincipal ? !named : named
}

function traceStatement(s: Statement, req: PolicyRequest): StatementTrace {
  const checks: string[] = []
  let applies = true
  const check = (ok: boolean, text: string) => {
    checks.push(`${ok ? '✓' : '✗'} ${text}`)
    applies &&= ok
  }
  check(
    principalMatches(s, req),
    `${s.notPrincipal ? 'NotPrincipal' : 'Principal'} ${s.principal === '*' ? '"*"' : JSON.stringify(s.principal)} ${principalMatches(s, req) ? 'covers' : 'does not cover'} ${req.principalArn}`,
  )
  const actionHit = s.actions.some((a) => wildcard(a, req.action, true))
  check(
    s.notAction ? !actionHit : actionHit,
    `${s.notAction ? 'NotAction' : 'Action'} ${JSON.stringify(s.actions)} ${actionHit ? 'names' : 'does not name'} ${req.action}`,
  )
  const resourceHit = s.resources.some((r) => wildcard(r, req.resource))
  check(
    s.notResource ? !resourceHit : resourceHit,
    `${s.notResource ? 'NotResource' : 'Resource'} ${JSON.stringify(s.resources)} ${resourceHit ? 'covers' : 'does not cover'} ${req.resource}`,
  )
  for (const clause of s.conditions) {
    const r = evaluateCondition(clause, req.context)
    check(r.matched, r.why)
  }
  return { index: s.index, ...(s.sid !== undefined ? { sid: s.sid } : {}), effect: s.effect, applies, checks }
}

const named = (t: StatementTrace) => (t.sid !== undefined ? `"${t.sid}"` : `#${t.index + 1}`)

export function evaluatePolicy(policy: BucketPolicy, req: PolicyRequest): PolicyDecision {
  const statements = policy.statements.map((s) => traceStatement(s, req))
  const deny = statements.find((t) => t.applies && t.effect === 'Deny')
  const allow = statements.find((t) => t.applies && t.effect === 'Allow')
  const reason = deny
    ? `Explicit deny: statement ${named(deny)} applies to ${req.action} on ${req.resource}.`
    : allow
      ? `Allowed: statement ${named(allow)} allows ${req.action}, and no Deny statement applies.`
      : `No statement applies to ${req.action}; the bucket owner's own permissions allow it.`
  return {
    decision: deny ? 'Deny' : 'Allow',
    reason,
    action: req.action,
    resource: req.resource,
    context: Object.fromEntries(req.context),
    statements,
  }
}
