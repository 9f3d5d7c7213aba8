/**
 * Who is calling. The playground has one principal, an IAM user, and every request is made as that user:
 * either directly (the terminal, an SDK, the real aws-cli) or by S3 on the user's behalf.
 *
 * Simulation note: AWS authenticates each request (SigV4) and evaluates IAM policies as well as the key
 * policy. The emulator does neither: any credentials are the playground user, and that user is taken to have
 * an IAM policy allowing `kms:*`. A key policy statement naming the account (`arn:aws:iam::<account>:root`)
 * therefore grants the user access, as it does on AWS for an administrator; only the key policy can deny.
 */

export const PLAYGROUND_USER_NAME = 'playground'
/** An IAM user id ("AIDA" + 17 characters), fixed so CloudTrail records are reproducible. */
export const PLAYGROUND_PRINCIPAL_ID = 'AIDAPLAYGROUNDEXAMPLE'

export const playgroundUserArn = (account: string) => `arn:aws:iam::${account}:user/${PLAYGROUND_USER_NAME}`
export const accountRootArn = (account: string) => `arn:aws:iam::${account}:root`

/** How a call reached KMS; the principal itself is always the playground user. */
export interface Caller {
  /** The AWS service that made the call for the user, e.g. `s3.amazonaws.com` (CloudTrail `invokedBy`). */
  invokedBy?: string
  accessKeyId?: string
  userAgent?: string
  sourceIp?: string
}

/** The `kms:ViaService` condition value for a call made through a service: `s3.us-east-1.amazonaws.com`. */
export const viaService = (caller: Caller, region: string): string | undefined =>
  caller.invokedBy ? caller.invokedBy.replace(/\.amazonaws\.com$/, `.${region}.amazonaws.com`) : undefined

/** What S3 presents when it calls KMS through the port. */
export const S3_CALLER: Caller = {
  invokedBy: 's3.amazonaws.com',
  sourceIp: 's3.amazonaws.com',
  userAgent: 's3.amazonaws.com',
}
