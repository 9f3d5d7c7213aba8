/**
 * CloudTrail errors, rendered at the protocol edge like KMS's (`__type` + `message`).
 * Simulation note: the error names are CloudTrail's (LookupEvents' modeled errors); the messages are ours.
 */
export class CloudTrailError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'CloudTrailError'
  }
}
