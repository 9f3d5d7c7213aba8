/** Stopping a run that does not finish: the only way out of `while (true) {}` is to terminate its worker. */

export type RunOutcome =
  { kind: 'finished'; ms: number } | { kind: 'failed'; ms: number; error: string } | { kind: 'timed-out'; ms: number }

export interface Stoppable {
  /** Settles when the program's top level finishes (or rejects with the error text). */
  done: Promise<void>
  /** Ends it at once, whatever it is doing (Worker.terminate). */
  terminate(): void
}

export const DEFAULT_TIMEOUT_MS = 10_000

export function timeoutMessage(ms: number): string {
  return `Stopped after ${ms / 1000} s: the program was still running (an endless loop, or a request that never answered). Its worker was terminated; nothing it had not already sent was sent.`
}

export async function runWithTimeout(
  run: Stoppable,
  ms: number = DEFAULT_TIMEOUT_MS,
  now: () => number = () => Date.now(),
): Promise<RunOutcome> {
  const start = now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    const result = await Promise.race([run.done.then(() => 'finished' as const), expired])
    if (result === 'timeout') {
      run.terminate()
      return { kind: 'timed-out', ms: now() - start }
    }
    return { kind: 'finished', ms: now() - start }
  } catch (error) {
    return { kind: 'failed', ms: now() - start, error: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}
