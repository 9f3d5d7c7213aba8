/** What every operation gets: the state, the caller, and the key lookup + authorization + state checks they share. */
import type { AuditedKey } from '../audit'
import { accessDenied, disabled, pendingDeletion } from '../errors'
import { resolveKey, type IdForms, type ResolveOptions } from '../identifiers'
import { parsePolicy } from '../key-policy'
import type { KmsKey } from '../model'
import { evaluatePolicy } from '../policy-evaluation'
import { PLAYGROUND_USER_NAME, viaService, type Caller } from '../principal'
import type { KmsState } from '../state'

export class OpContext {
  readonly keys: AuditedKey[] = []
  readonly additional: Record<string, unknown> = {}

  constructor(
    readonly state: KmsState,
    readonly caller: Caller,
  ) {}

  get random() {
    return this.state.options.random
  }

  /** Resolves an identifier in one of the accepted forms and records the key for the audit trail. */
  key(given: string, forms: IdForms, options?: ResolveOptions): KmsKey {
    const key = resolveKey(this.state, given, forms, options)
    this.touch(key)
    return key
  }

  touch(key: KmsKey): void {
    if (!this.keys.some((k) => k.id === key.id)) this.keys.push({ id: key.id, arn: key.arn })
  }

  /** Evaluates the key policy for the playground user; throws AccessDeniedException unless it allows `kms:<action>`. */
  authorize(key: KmsKey, action: string, encryptionContext?: Record<string, string>): void {
    const via = viaService(this.caller, this.state.region)
    const decision = evaluatePolicy(parsePolicy(key.policy), {
      principalArn: this.state.principalArn,
      account: this.state.account,
      userName: PLAYGROUND_USER_NAME,
      action: `kms:${action}`,
      ...(via ? { viaService: via } : {}),
      ...(encryptionContext ? { encryptionContext } : {}),
    })
    if (decision !== 'allow')
      throw accessDenied(this.state.principalArn, `kms:${action}`, key.arn, decision === 'explicit-deny')
  }
}

/** Cryptographic operations need an Enabled key (the key-state table in docs/kms.md). */
export function requireEnabled(key: KmsKey): void {
  if (key.state === 'PendingDeletion') throw pendingDeletion(key.arn)
  if (key.state === 'Disabled') throw disabled(key.arn)
}

export function requireNotPendingDeletion(key: KmsKey): void {
  if (key.state === 'PendingDeletion') throw pendingDeletion(key.arn)
}
