/**
 * Key policy evaluation for the playground principal, in IAM's order: an explicit Deny wins, then any
 * Allow, otherwise the request is implicitly denied.
 *
 * Simulation note: supported condition operators are the String* family (StringEquals, StringNotEquals,
 * StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike), each optionally
 * ...IfExists, plus Null. Supported keys: kms:CallerAccount, kms:ViaService, kms:EncryptionContext:<key>,
 * aws:PrincipalArn, aws:PrincipalAccount, aws:username. A statement with any other operator never applies
 * (neither allows nor denies); another key counts as absent from the request.
 */
import type { Condition, Statement } from './key-policy'
import { accountRootArn } from './principal'

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

/** IAM wildcards: `*` any run of characters, `?` exactly one. */
const wildcard = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  )

const principalMatches = (statement: Statement, req: AuthorizationRequest) =>
  statement.principals === '*' ||
  statement.principals.some((p) => p === req.principalArn || p === req.account || p === accountRootArn(req.account))

function actionMatches(statement: Statement, action: string): boolean {
  const matches = (list: string[]) => list.some((a) => wildcard(a, 'i').test(action))
  return statement.actions ? matches(statement.actions) : !matches(statement.notActions!)
}

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

const OPERATORS: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringNotEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringNotEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcard(e).test(a),
  StringNotLike: (a, e) => wildcard(e).test(a),
}

/** True, false, or undefined when we do not understand the operator. */
function conditionHolds(condition: Condition, req: AuthorizationRequest): boolean | undefined {
  const actual = contextValue(condition.key, req)
  if (condition.operator === 'Null') return condition.values.some((v) => (v === 'true') === (actual === undefined))
  const ifExists = condition.operator.endsWith('IfExists')
  const base = ifExists ? condition.operator.slice(0, -'IfExists'.length) : condition.operator
  const test = OPERATORS[base]
  if (!test) return undefined
  const negated = base.includes('Not')
  if (actual === undefined) return ifExists || negated
  const any = condition.values.some((expected) => test(actual, expected))
  return negated ? !any : any
}

/** Whether the policy's statements let the playground principal perform the action. */
export function evaluatePolicy(statements: readonly Statement[], req: AuthorizationRequest): Decision {
  let allowed = false
  for (const statement of statements) {
    if (!principalMatches(statement, req) || !actionMatches(statement, req.action)) continue
    const results = statement.conditions.map((c) => conditionHolds(c, req))
    if (results.some((r) => r !== true)) continue
    if (statement.effect === 'Deny') return 'explicit-deny'
    allowed = true
  }
  return allowed ? 'allow' : 'implicit-deny'
}
