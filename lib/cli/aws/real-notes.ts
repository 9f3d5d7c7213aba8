/**
 * Explanations that appear where they bite on a real target (never on the emulator): KMS costs before the
 * first SSE-KMS or KMS call, SSE-C over plain http before a key is sent, and SSE-C blocked by default when
 * S3 refuses an SSE-C write with AccessDenied.
 */
import type { Io } from './io'

const SSE_C_OPTIONS = [
  '--sse-c',
  '--sse-c-key',
  '--sse-customer-key',
  '--sse-customer-algorithm',
  '--copy-source-sse-customer-key',
  '--sse-c-copy-source-key',
]

export const usesSseC = (args: string[]) => args.some((a) => SSE_C_OPTIONS.includes(a.split('=')[0]!))

const usesKms = (args: string[]) =>
  args[0] === 'kms' ||
  args.some(
    (a, i) =>
      /aws:kms/.test(a) &&
      (i === 0 ||
        ['--sse', '--server-side-encryption', '--server-side-encryption-configuration'].includes(args[i - 1]!) ||
        a.includes('SSEAlgorithm')),
  )

export const KMS_COST_NOTE = `[playground] Heads-up, this uses AWS KMS on a real account: each customer managed key costs about $1 a month
  (prorated, and it keeps costing while scheduled for deletion), and every request S3 makes to KMS on your behalf
  (GenerateDataKey on upload, Decrypt on download) is billed per 10,000 and counts against KMS rate limits. A Bucket
  Key cuts those calls. \`playground cleanup\` schedules the keys this page created for deletion.
`

export const SSE_C_HTTP_NOTE = (
  endpoint: string,
) => `[playground] SSE-C over plain http (${endpoint}): the customer key travels in clear in a request header.
  Amazon S3 refuses SSE-C over http (400 InvalidRequest, "must be made over a secure connection"), and any key
  that crossed a network in clear must be treated as compromised. Only loopback endpoints are allowed to try.
`

export const SSE_C_BLOCKED_NOTE = `[playground] Since April 2026, new S3 buckets block SSE-C by default: SSE-C writes get 403 AccessDenied whatever the key.
  To allow it on your sandbox bucket (reads of existing SSE-C objects always work):
  aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'
  AWS discourages SSE-C: S3 Bucket Keys, KMS audit and key policies do not apply, and losing the key loses the data.
`

const seen = new WeakMap<object, Set<string>>()

/** Notes to print before a command runs; returns false when it must not run (SSE-C in clear off loopback). */
export function notesBefore(args: string[], endpoint: string | undefined, once: object, io: Io): boolean {
  const shown = seen.get(once) ?? new Set<string>()
  seen.set(once, shown)
  if (usesKms(args) && !shown.has('kms')) {
    shown.add('kms')
    io.err(KMS_COST_NOTE)
  }
  if (usesSseC(args) && endpoint?.startsWith('http://')) {
    io.err(SSE_C_HTTP_NOTE(endpoint))
    if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(endpoint)) return false
  }
  return true
}

/** A note after a failure, when the failure is one of the known pitfalls. */
export function noteAfter(args: string[], errorCode: string | undefined, io: Io): void {
  if (errorCode === 'AccessDenied' && usesSseC(args)) io.err(SSE_C_BLOCKED_NOTE)
}
