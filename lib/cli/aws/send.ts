/** Sends an SDK command and, on failure, remembers which API operation failed (for aws-cli's messages). */
import { checkInterrupt, Interrupted, isInterrupt } from '../interrupt'

export class OperationFailed extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} failed`)
  }
}

/** The output type of an SDK command, read off its middleware handler. */
export type OutputOf<C> = C extends {
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }>
}
  ? O
  : never

/** Any SDK client: they all have send(command). */
export interface SdkClient {
  send(command: never, options?: never): Promise<unknown>
}

/** `signal` (Ctrl-C) aborts the request in flight; the call then throws Interrupted, not OperationFailed. */
export async function send<C>(
  client: SdkClient,
  operation: string,
  command: C,
  signal?: AbortSignal,
): Promise<OutputOf<C>> {
  checkInterrupt(signal)
  try {
    return (await client.send(command as never, (signal ? { abortSignal: signal } : undefined) as never)) as OutputOf<C>
  } catch (error) {
    if (isInterrupt(error, signal)) throw new Interrupted()
    throw new OperationFailed(operation, error)
  }
}
