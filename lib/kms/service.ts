/**
 * The KMS emulator's front door inside the core: runs one operation as a caller, after the clock-driven
 * events, and reports every call (success or failure) to the audit listeners. The protocol (user calls)
 * and the S3 port (S3's calls) both come through here, so both are audited the same way.
 */
import { uuidV4 } from '../crypto/uuid'
import type { AuditListener, KmsAuditRecord } from './audit'
import { internal, KmsError } from './errors'
import { OpContext } from './operations/context'
import { OPERATIONS } from './operations'
import type { KmsPort } from './port'
import type { Caller } from './principal'
import { runScheduledEvents } from './scheduled-events'
import { createKmsPort } from './service-port'
import { KmsState, type KmsOptions } from './state'

export class KmsService {
  readonly state: KmsState
  /** The narrow interface S3 uses (GenerateDataKey, Decrypt, key resolution); its calls are audited as S3's. */
  readonly port: KmsPort
  private readonly listeners = new Set<AuditListener>()

  constructor(options: KmsOptions, state?: KmsState) {
    this.state = state ?? new KmsState(options)
    this.port = createKmsPort(this)
  }

  /** Subscribes to audit records; returns the unsubscribe function. */
  onAudit(listener: AuditListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  isOperation(name: string): boolean {
    return Object.hasOwn(OPERATIONS, name)
  }

  newRequestId(): string {
    return uuidV4(this.state.options.random)
  }

  /** Applies rotations and deletions that have fallen due by the emulator's clock. */
  tick(): void {
    runScheduledEvents(this.state, (event) => this.emit({ ...event, requestId: this.newRequestId() }))
  }

  /** Runs `operation` (an API name such as `Encrypt`) with an input already checked against the API model. */
  async call(
    operation: string,
    input: Record<string, unknown>,
    caller: Caller,
    requestId = this.newRequestId(),
  ): Promise<Record<string, unknown>> {
    const spec = OPERATIONS[operation]
    if (!spec) throw new Error(`not a KMS operation: ${operation}`)
    this.tick()
    const ctx = new OpContext(this.state, caller)
    const base = {
      requestId,
      time: this.state.now(),
      eventName: operation,
      caller,
      readOnly: spec.readOnly,
      request: input,
    }
    try {
      const output = (await spec.run(ctx, input)) as Record<string, unknown>
      this.emit({ ...base, response: output, keys: ctx.keys, ...additional(ctx) })
      return output
    } catch (thrown) {
      const error = thrown instanceof KmsError ? thrown : unexpected(thrown, operation)
      this.emit({ ...base, error: { code: error.code, message: error.message }, keys: ctx.keys, ...additional(ctx) })
      throw error
    }
  }

  /** Audits a call the protocol refused before it reached the operation (malformed or invalid input). */
  recordRejected(
    operation: string,
    input: Record<string, unknown> | undefined,
    caller: Caller,
    error: KmsError,
    requestId: string,
  ): void {
    const spec = OPERATIONS[operation]
    this.emit({
      requestId,
      time: this.state.now(),
      eventName: operation,
      caller,
      readOnly: spec?.readOnly ?? false,
      ...(input ? { request: input } : {}),
      error: { code: error.code, message: error.message },
      keys: [],
    })
  }

  private emit(record: KmsAuditRecord): void {
    for (const listener of this.listeners) listener(record)
  }
}

const additional = (ctx: OpContext) => (Object.keys(ctx.additional).length ? { additional: ctx.additional } : {})

function unexpected(error: unknown, operation: string): KmsError {
  // A failure that is not a KmsError is a bug in the emulator: answer as KMS would, and say where.
  console.error(`[emulator] KMS ${operation} failed:`, error)
  return internal()
}
