/**
 * The emulator's own steps for one request, with timings: S3 PutObject → KMS GenerateDataKey → AES-GCM
 * encrypt → store, and so on. A Trace travels with the request (RequestContext → the S3 core's Requester),
 * never in shared state, so parallel requests (multipart parts) each keep their own. The clock is
 * injected: `performance.now` in hosts, a counter in tests.
 */

export interface TraceStep {
  name: string
  detail?: string
  /** Milliseconds from the start of the request. */
  start: number
  ms: number
  /** 0 for the request itself; a step inside another is one deeper. */
  depth: number
  /** The step threw (the request went on to answer with an error). */
  failed?: boolean
}

export type TraceClock = () => number

export const defaultTraceClock: TraceClock = () => performance.now()

export class Trace {
  private readonly recorded: TraceStep[] = []
  private depth = 1
  private readonly origin: number

  constructor(private readonly now: TraceClock = defaultTraceClock) {
    this.origin = now()
  }

  private elapsed(): number {
    return this.now() - this.origin
  }

  /** Runs `run` as a step; steps it starts are nested under it. */
  async span<T>(name: string, detail: string | undefined, run: () => Promise<T> | T): Promise<T> {
    const step: TraceStep = { name, ...(detail ? { detail } : {}), start: this.elapsed(), ms: 0, depth: this.depth }
    this.recorded.push(step)
    this.depth++
    try {
      return await run()
    } catch (error) {
      step.failed = true
      throw error
    } finally {
      this.depth--
      step.ms = this.elapsed() - step.start
    }
  }

  /** A step that takes no time worth measuring (a cache hit, a decision). */
  note(name: string, detail?: string): void {
    this.recorded.push({ name, ...(detail ? { detail } : {}), start: this.elapsed(), ms: 0, depth: this.depth })
  }

  /** The steps, with the request itself first (`name`, e.g. "S3 PutObject"), from start to now. */
  finish(name: string, detail?: string): TraceStep[] {
    return [
      { name, ...(detail ? { detail } : {}), start: 0, ms: this.elapsed(), depth: 0 },
      ...this.recorded.map((s) => ({ ...s })),
    ]
  }
}

/** `run` as a step of `trace`, or just `run` when the request is not traced. */
export const traced = <T>(
  trace: Trace | undefined,
  name: string,
  detail: string | undefined,
  run: () => Promise<T> | T,
): Promise<T> => (trace ? trace.span(name, detail, run) : Promise.resolve().then(run))

/** Recent traces by request id, for the control endpoint (`GET /_playground/traces`). */
export class TraceLog {
  private readonly items = new Map<string, TraceStep[]>()
  constructor(private readonly max = 100) {}
  add(requestId: string, steps: TraceStep[]): void {
    this.items.set(requestId, steps)
    if (this.items.size > this.max) this.items.delete(this.items.keys().next().value!)
  }
  get(requestId: string): TraceStep[] | undefined {
    return this.items.get(requestId)
  }
  recent(): { requestId: string; steps: TraceStep[] }[] {
    return [...this.items].map(([requestId, steps]) => ({ requestId, steps }))
  }
}

export const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
