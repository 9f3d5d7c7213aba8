/**
 * Ctrl-C inside a command. The terminal aborts an AbortSignal that travels with the command's Io
 * (`io.signal`); long work checks it between steps and hands it to every SDK call, so a transfer stops where
 * it is and cleans up (a multipart upload is aborted, a download writes nothing). An AbortSignal is local to
 * one thread: to cancel work in a Web Worker, post a message on abort and abort a controller there.
 */

/** The exit status of a command stopped with Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_CODE = 130

/** What a command throws when Ctrl-C stopped it; the session reports exit code 130. */
export class Interrupted extends Error {
  override readonly name = 'AbortError'
  constructor() {
    super('interrupted (Ctrl-C)')
  }
}

/** Throws Interrupted when the signal has fired: call it between the steps of long work. */
export function checkInterrupt(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted()
}

/** True when `error` is how a cancelled operation ends: ours, or an aborted fetch or SDK call. */
export function isInterrupt(error: unknown, signal?: AbortSignal): boolean {
  if (error instanceof Interrupted) return true
  const name = (error as { name?: unknown } | null)?.name
  return name === 'AbortError' && (signal === undefined || signal.aborted)
}
