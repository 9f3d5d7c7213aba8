/** GetKeyPolicy, PutKeyPolicy, ListKeyPolicies: one policy per key, named `default`. */
import { KmsError, malformedPolicy } from '../errors'
import { parsePolicy, type Statement } from '../key-policy'
import { evaluatePolicy } from '../policy-evaluation'
import { PLAYGROUND_USER_NAME } from '../principal'
import type { OpContext } from './context'

const POLICY_NAME = 'default'

/** Simulation note: the error for a PolicyName other than `default` is not recorded from AWS; this one is ours. */
function checkName(name: string | undefined): void {
  if (name !== undefined && name !== POLICY_NAME)
    throw new KmsError('NotFoundException', `Policy '${name}' does not exist. The only key policy name is default.`)
}

/**
 * KMS's policy lockout safety check: refuse a policy under which the caller could never change the policy
 * again, unless BypassPolicyLockoutSafetyCheck is set.
 */
export function checkLockout(ctx: OpContext, statements: readonly Statement[]): void {
  const decision = evaluatePolicy(statements, {
    principalArn: ctx.state.principalArn,
    account: ctx.state.account,
    userName: PLAYGROUND_USER_NAME,
    action: 'kms:PutKeyPolicy',
  })
  if (decision !== 'allow')
    throw malformedPolicy('The new key policy will not allow you to update the key policy in the future.')
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html */
export function getKeyPolicy(ctx: OpContext, input: { KeyId: string; PolicyName?: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'GetKeyPolicy')
  checkName(input.PolicyName)
  return { Policy: key.policy, PolicyName: POLICY_NAME }
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 * The policy is stored verbatim and takes effect on the next request, including S3's calls through the port.
 */
export function putKeyPolicy(
  ctx: OpContext,
  input: { KeyId: string; Policy: string; PolicyName?: string; BypassPolicyLockoutSafetyCheck?: boolean },
) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'PutKeyPolicy')
  checkName(input.PolicyName)
  const statements = parsePolicy(input.Policy)
  if (!input.BypassPolicyLockoutSafetyCheck) checkLockout(ctx, statements)
  key.policy = input.Policy
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html */
export function listKeyPolicies(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'ListKeyPolicies')
  return { PolicyNames: [POLICY_NAME], Truncated: false }
}
