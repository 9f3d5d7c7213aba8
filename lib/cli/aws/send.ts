/** Sends an SDK command and, on failure, remembers which API operation failed (for aws-cli's messages). */
import type { S3Client } from '@aws-sdk/client-s3'

export class OperationFailed extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} failed`)
  }
}

/** The output type of an SDK command, read off its middleware handler. */
export type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }> } ? O : never

export async function send<C>(client: S3Client, operation: string, command: C): Promise<OutputOf<C>> {
  try {
    return (await client.send(command as never)) as OutputOf<C>
  } catch (error) {
    throw new OperationFailed(operation, error)
  }
}
