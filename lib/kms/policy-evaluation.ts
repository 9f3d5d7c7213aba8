/**
 * Key policy evaluation for the playground principal, through the one IAM-style evaluator shared with S3
 * bucket policies (lib/policy/evaluate.ts): an explicit Deny wins, then any Allow, otherwise the request is
 * implicitly denied.
 *
 * Simulation note: the condition operators are IAM's String*, Arn*, Bool and Null, each optionally
 * ...IfExists and ForAnyValue:/ForAllValues:. Keys with a value: kms:CallerAccount, kms:ViaService,
 * kms:EncryptionContext:<key>, aws:PrincipalArn, aws:PrincipalAccount, aws:username; any other key counts as
 * absent from the request. A statement with an operator outside that list never applies (neither allows nor
 * denies).
 */
import type { ConditionContext } from '../policy/conditions'
import { evaluateStatements, type Evaluation } from '../policy/evaluate'
import type { Statement } from './key-policy'

export interface AuthorizationRequest {
  principalArn: string
  account: string
  userName: string
  /** e.g. `kms:Decrypt` */
  action: string
  /** Set when a service made the call for the principal: `s3.us-east-1.amazonaws.com`. */
  viaService?: string
  encryptionContext?: Record<string, string>
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny'

/** Condition keys compare without case; the encryption context key after the prefix keeps its case. */
function contextValue(key: string, req: AuthorizationRequest): string | undefined {
  const lower = key.toLowerCase()
  if (lower === 'kms:calleraccount' || lower === 'aws:principalaccount') return req.account
  if (lower === 'kms:viaservice') return req.viaService
  if (lower === 'aws:principalarn') return req.principalArn
  if (lower === 'aws:username') return req.userName
  if (lower.startsWith('kms:encryptioncontext:'))
    return req.encryptionContext?.[key.slice('kms:EncryptionContext:'.length)]
  return undefined
}

/** Every statement traced against the request (for explanations), by the one shared evaluator. */
export function explainPolicy(statements: readonly Statement[], req: AuthorizationRequest): Evaluation {
  const context: ConditionContext = (key) => {
    const value = contextValue(key, req)
    return value === undefined ? undefined : [value]
  }
  return evaluateStatements(statements, {
    action: req.action,
    principalArn: req.principalArn,
    account: req.account,
    context,
  })
}

/** Whether the policy's statements let the playground principal perform the action. */
export function evaluatePolicy(statements: readonly Statement[], req: AuthorizationRequest): Decision {
  const { deny, allow } = explainPolicy(statements, req)
  return deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny'
}
