/**
 * The bucket-policy decisions the emulator made, newest last, from its request events: which request,
 * Allow or Deny, and the evaluator's explanation (every statement's checks, the condition keys it saw).
 */
import type { RequestEvent } from '../emulator/events'
import type { PolicyDecision } from '../s3/policy/evaluate'

export interface PolicyEntry {
  requestId: string
  operation: string
  bucket?: string
  key?: string
  status: number
  decisions: PolicyDecision[]
}

const MAX_ENTRIES = 200

export class DecisionLog {
  private items: PolicyEntry[] = []
  private readonly listeners = new Set<() => void>()

  /** Keeps the event when a bucket policy was evaluated for it. */
  record(event: RequestEvent): void {
    if (!event.policy?.length) return
    const { requestId, operation, bucket, key, status } = event
    this.items = [
      ...this.items,
      {
        requestId,
        operation,
        ...(bucket !== undefined ? { bucket } : {}),
        ...(key !== undefined ? { key } : {}),
        status,
        decisions: event.policy,
      },
    ].slice(-MAX_ENTRIES)
    for (const l of this.listeners) l()
  }

  all(): readonly PolicyEntry[] {
    return this.items
  }

  byRequest(requestId: string | undefined): PolicyEntry | undefined {
    return requestId === undefined ? undefined : this.items.find((e) => e.requestId === requestId)
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
