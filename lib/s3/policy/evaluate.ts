/**
 * Bucket policy evaluation with an explanation the inspector can show, through the one IAM-style evaluator
 * (lib/policy/evaluate.ts). An explicit Deny wins over everything, the bucket owner included. Without one the
 * owner's request goes ahead: the playground's caller is the account that owns every bucket, whose own
 * permissions allow it.
 */
import { contextOf, type RequestContextKeys } from '../../policy/conditions'
import { evaluateStatements, type StatementTrace } from '../../policy/evaluate'
import type { BucketPolicy } from './document'

export type { StatementTrace } from '../../policy/evaluate'

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

const named = (t: StatementTrace) => (t.sid !== undefined ? `"${t.sid}"` : `#${t.index + 1}`)

export function evaluatePolicy(policy: BucketPolicy, req: PolicyRequest): PolicyDecision {
  const { statements, deny, allow } = evaluateStatements(policy.statements, { ...req, context: contextOf(req.context) })
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
