/** What the emulator reports after each request, for the inspector, logs and persistence. */
import type { PolicyDecision } from '../s3/policy/evaluate'
import type { TraceStep } from '../trace/trace'

export interface RequestEvent {
  requestId: string
  service: 's3' | 'kms' | 'cloudtrail' | 'sts'
  operation: string
  method: string
  bucket?: string
  key?: string
  status: number
  /** S3: each bucket policy evaluated for the request, with the decision and why (statements, conditions). */
  policy?: PolicyDecision[]
  /** The emulator's own steps (S3 → KMS GenerateDataKey → AES-GCM encrypt → store), with timings. */
  trace?: TraceStep[]
  /** Wall-clock milliseconds spent in the emulator. */
  ms: number
}

export type Listener = (event: RequestEvent) => void

export class EventHub {
  private readonly listeners = new Set<Listener>()
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  emit(event: RequestEvent): void {
    for (const l of this.listeners) l(event)
  }
}
