/**
 * The one IAM-style policy evaluator, for S3 bucket policies (lib/s3/policy) and KMS key policies
 * (lib/kms/policy-evaluation.ts), with an explanation the inspector can show: which statements applied
 * and why, each check as a sentence.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * A statement applies when its principal, action, resource and every condition match; an explicit Deny
 * wins over any Allow. What no statement covers is the caller's service's to decide (S3: the bucket
 * owner's own permissions allow it; KMS: implicitly denied).
 */
import { evaluateCondition, type ConditionClause, type ConditionContext } from './conditions'
import { globMatch } from './glob'

export interface PolicyStatement {
  index: number
  sid?: string
  effect: 'Allow' | 'Deny'
  /** '*' or a list of AWS principals (account ids, ARNs; `service:…` entries never match the caller); `notPrincipal` inverts. */
  principal: '*' | string[]
  notPrincipal: boolean
  actions: string[]
  notAction: boolean
  /** Undefined in a key policy: its Resource can only mean the key itself, so it is not checked. */
  resources?: string[]
  notResource: boolean
  conditions: ConditionClause[]
}

export interface StatementRequest {
  /** e.g. s3:PutObject, kms:Decrypt */
  action: string
  /** The bucket or object ARN; unused by statements without resources. */
  resource?: string
  /** The caller's ARN and account id. */
  principalArn: string
  account: string
  context: ConditionContext
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

export interface Evaluation {
  statements: StatementTrace[]
  /** The first Deny statement that applies (an explicit deny), if any. */
  deny?: StatementTrace
  /** The first Allow statement that applies, if any. */
  allow?: StatementTrace
}

const principalCovers = (s: PolicyStatement, req: StatementRequest): boolean => {
  const named =
    s.principal === '*' ||
    s.principal.some((p) => p === req.account || p === `arn:aws:iam::${req.account}:root` || p === req.principalArn)
  return s.notPrincipal ? !named : named
}

function traceStatement(s: PolicyStatement, req: StatementRequest): StatementTrace {
  const checks: string[] = []
  let applies = true
  const check = (ok: boolean, text: string) => {
    checks.push(`${ok ? '✓' : '✗'} ${text}`)
    applies &&= ok
  }
  const covered = principalCovers(s, req)
  check(
    covered,
    `${s.notPrincipal ? 'NotPrincipal' : 'Principal'} ${s.principal === '*' ? '"*"' : JSON.stringify(s.principal)} ${covered ? 'covers' : 'does not cover'} ${req.principalArn}`,
  )
  // Action names compare without case, as IAM compares them.
  const actionHit = s.actions.some((a) => globMatch(a, req.action, { ignoreCase: true }))
  check(
    s.notAction ? !actionHit : actionHit,
    `${s.notAction ? 'NotAction' : 'Action'} ${JSON.stringify(s.actions)} ${actionHit ? 'names' : 'does not name'} ${req.action}`,
  )
  if (s.resources) {
    const resource = req.resource ?? ''
    const resourceHit = s.resources.some((r) => globMatch(r, resource))
    check(
      s.notResource ? !resourceHit : resourceHit,
      `${s.notResource ? 'NotResource' : 'Resource'} ${JSON.stringify(s.resources)} ${resourceHit ? 'covers' : 'does not cover'} ${resource}`,
    )
  }
  for (const clause of s.conditions) {
    const r = evaluateCondition(clause, req.context)
    check(r.matched, r.why)
  }
  return { index: s.index, ...(s.sid !== undefined ? { sid: s.sid } : {}), effect: s.effect, applies, checks }
}

/** Every statement traced against the request, and the first Deny and Allow that apply. */
export function evaluateStatements(statements: readonly PolicyStatement[], req: StatementRequest): Evaluation {
  const traces = statements.map((s) => traceStatement(s, req))
  const deny = traces.find((t) => t.applies && t.effect === 'Deny')
  const allow = traces.find((t) => t.applies && t.effect === 'Allow')
  return { statements: traces, ...(deny ? { deny } : {}), ...(allow ? { allow } : {}) }
}
