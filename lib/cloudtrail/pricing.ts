/**
 * Public AWS KMS prices used for the playground's cost estimate (US East (N. Virginia), USD).
 * Source: https://aws.amazon.com/kms/pricing/ — figures as listed there and unchanged since the May 2024
 * rotation-pricing update (recorded for the playground on 2026-11-28; see docs/kms.md).
 */
export const KMS_PRICING = {
  source: 'https://aws.amazon.com/kms/pricing/',
  recorded: '2026-11-28',
  region: 'us-east-1',
  /** Each customer managed key, prorated hourly. AWS managed keys: no monthly fee. */
  keyPerMonthUsd: 1,
  /** Each of the first two rotations (automatic or on demand) adds this per month; later rotations are free. */
  rotationPerMonthUsd: 1,
  chargedRotations: 2,
  /** Symmetric-key API requests (Encrypt, Decrypt, GenerateDataKey, ...), including those S3 makes for you. */
  requestsUsdPer10k: 0.03,
  /** Account-wide, all Regions. */
  freeRequestsPerMonth: 20_000,
  /** AWS prorates monthly charges by the hour over a 730-hour month. */
  hoursPerMonth: 730,
} as const
