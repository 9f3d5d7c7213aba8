/** Sends an SDK command and, on failure, remembers which API operation failed (for aws-cli's messages). */

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
  send(command: never): Promise<unknown>
}

export async function send<C>(client: SdkClient, operation: string, command: C): Promise<OutputOf<C>> {
  try {
    return (await client.send(command as never)) as OutputOf<C>
  } catch (error) {
    throw new OperationFailed(operation, error)
  }
}
