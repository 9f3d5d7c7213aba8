/**
 * The reference's operation and error rows that an aws-cli user can produce, sent by the real aws CLI to
 * the Node server: each must come back with the code and message of docs/fidelity.md (HEAD: the bare status).
 * Rows that need headers aws-cli never sends (a wrong key MD5, a missing MD5...) are covered through raw
 * requests in tests/contract/s3-sse-reference.test.ts. Skipped, with a warning, without an aws CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateKeyCommand, DisableKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms'
import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { findAws, runAws } from '../helpers/aws-cli'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const cli = findAws()
if (!cli) console.warn('[aws-cli-reference-rows] skipped: no working aws CLI (install aws-cli or set AWS_CLI)')
const work = mkdtempSync(join(tmpdir(), 's3-playground-rows-'))
const B = 'rows-bucket'
const BLOCKED = 'rows-blocked'
const KEY = 'k'.repeat(32)
const OTHER = 'o'.repeat(32)
const SSEC = ['--sse-customer-algorithm', 'AES256', '--sse-customer-key', KEY]
let running: RunningEmulator
const keys = { enabled: '', disabled: '', pending: '' }

beforeAll(async () => {
  if (!cli) return
  running = await startEmulator({ allowSseCOverHttp: true })
  const common = { region: 'us-east-1', endpoint: running.endpoint, credentials: testCredentials }
  const s3 = new S3Client({ ...common, forcePathStyle: true })
  const kms = new KMSClient(common)
  for (const state of ['enabled', 'disabled', 'pending'] as const)
    keys[state] = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!
  for (const bucket of [B, BLOCKED]) await s3.send(new CreateBucketCommand({ Bucket: bucket }))
  // SSE-C unblocked on B (aws-cli 2.9's model predates BlockedEncryptionTypes, so the SDK sets it up).
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: B,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
            BlockedEncryptionTypes: { EncryptionType: ['NONE'] },
          },
        ],
      },
    }),
  )
  await s3.send(
    new PutObjectCommand({
      Bucket: B,
      Key: 'ssec.txt',
      Body: 'customer keyed',
      SSECustomerAlgorithm: 'AES256',
      SSECustomerKey: KEY,
    }),
  )
  for (const bucket of [B, BLOCKED])
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'plain' }))
  for (const state of ['disabled', 'pending'] as const)
    await s3.send(
      new PutObjectCommand({
        Bucket: B,
        Key: `${state}.txt`,
        Body: 'x',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: keys[state],
      }),
    )
  await kms.send(new DisableKeyCommand({ KeyId: keys.disabled }))
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keys.pending, PendingWindowInDays: 7 }))
  writeFileSync(join(work, 'f.txt'), 'test_data')
})
afterAll(async () => {
  await running?.close()
  rmSync(work, { recursive: true, force: true })
})

interface Row {
  row: string
  args: () => string[]
  /** What aws-cli prints: `An error occurred (CODE) when calling the OP operation: MESSAGE`. */
  error: string | (() => string)
}

const put = (...extra: string[]) => [
  's3api',
  'put-object',
  '--bucket',
  B,
  '--key',
  'new.txt',
  '--body',
  'f.txt',
  ...extra,
]
const rule = (r: object) => [
  's3api',
  'put-bucket-encryption',
  '--bucket',
  B,
  '--server-side-encryption-configuration',
  JSON.stringify({ Rules: r }),
]

const ROWS: Row[] = [
  {
    row: 'E1 unknown SSE value',
    args: () => put('--server-side-encryption', 'aes:kms'),
    error: '(InvalidArgument) when calling the PutObject operation: The encryption method specified is not supported',
  },
  {
    row: 'E2 key id without aws:kms',
    args: () => put('--ssekms-key-id', keys.enabled),
    error:
      '(InvalidArgument) when calling the PutObject operation: Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
  },
  {
    row: 'E2b AES256 with a key id',
    args: () => put('--server-side-encryption', 'AES256', '--ssekms-key-id', keys.enabled),
    error:
      '(InvalidArgument) when calling the PutObject operation: Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
  },
  {
    row: 'E4 malformed key id',
    args: () => put('--server-side-encryption', 'aws:kms', '--ssekms-key-id', 'fake-key-id'),
    error: "(KMS.NotFoundException) when calling the PutObject operation: Invalid keyId 'fake-key-id'",
  },
  {
    row: 'E5 well-formed key that does not exist',
    args: () => put('--server-side-encryption', 'aws:kms', '--ssekms-key-id', '00000000-0000-0000-0000-000000000000'),
    error:
      "(KMS.NotFoundException) when calling the PutObject operation: Key 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000' does not exist",
  },
  {
    row: 'E6 key ARN in another Region',
    args: () =>
      put('--server-side-encryption', 'aws:kms', '--ssekms-key-id', keys.enabled.replace('us-east-1', 'us-west-2')),
    error: '(KMS.NotFoundException) when calling the PutObject operation: Invalid arn us-west-2',
  },
  {
    row: 'E7 disabled key on PUT',
    args: () => put('--server-side-encryption', 'aws:kms', '--ssekms-key-id', keys.disabled),
    error: () => `(KMS.DisabledException) when calling the PutObject operation: ${keys.disabled} is disabled.`,
  },
  {
    row: 'E7 disabled key on GET',
    args: () => ['s3api', 'get-object', '--bucket', B, '--key', 'disabled.txt', 'out.txt'],
    error: () => `(KMS.DisabledException) when calling the GetObject operation: ${keys.disabled} is disabled.`,
  },
  {
    row: 'E8 key pending deletion on GET',
    args: () => ['s3api', 'get-object', '--bucket', B, '--key', 'pending.txt', 'out.txt'],
    error: () =>
      `(KMS.KMSInvalidStateException) when calling the GetObject operation: ${keys.pending} is pending deletion.`,
  },
  {
    row: 'E9 malformed encryption context',
    args: () => put('--server-side-encryption', 'aws:kms', '--ssekms-encryption-context', 'bm90IGpzb24='),
    error:
      "(InvalidArgument) when calling the PutObject operation: The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map",
  },
  {
    row: 'C1 SSE-C and SSE together',
    args: () => put('--server-side-encryption', 'AES256', ...SSEC),
    error:
      '(InvalidArgument) when calling the PutObject operation: Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
  },
  {
    row: 'C3 algorithm without key',
    args: () => put('--sse-customer-algorithm', 'AES256'),
    error:
      '(InvalidArgument) when calling the PutObject operation: Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
  },
  {
    row: 'C4 algorithm other than AES256',
    args: () => put('--sse-customer-algorithm', 'AES128', '--sse-customer-key', KEY),
    error:
      '(InvalidEncryptionAlgorithmError) when calling the PutObject operation: The Encryption request you specified is not valid. Supported value: AES256.',
  },
  {
    row: 'C5 key not 32 bytes',
    args: () => put('--sse-customer-algorithm', 'AES256', '--sse-customer-key', 'short-key'),
    error:
      '(InvalidArgument) when calling the PutObject operation: The secret key was invalid for the specified algorithm.',
  },
  {
    row: 'C9 SSE-C on a bucket that blocks it',
    args: () => ['s3api', 'put-object', '--bucket', BLOCKED, '--key', 'k', '--body', 'f.txt', ...SSEC],
    error: '(AccessDenied) when calling the PutObject operation: Access Denied',
  },
  {
    row: 'R1 SSE-C object read without the key',
    args: () => ['s3api', 'get-object', '--bucket', B, '--key', 'ssec.txt', 'out.txt'],
    error:
      '(InvalidRequest) when calling the GetObject operation: The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
  },
  {
    row: 'R1 HEAD without the key: bare 400',
    args: () => ['s3api', 'head-object', '--bucket', B, '--key', 'ssec.txt'],
    error: '(400) when calling the HeadObject operation: Bad Request',
  },
  {
    row: 'R2 wrong key',
    args: () => [
      's3api',
      'get-object',
      '--bucket',
      B,
      '--key',
      'ssec.txt',
      '--sse-customer-algorithm',
      'AES256',
      '--sse-customer-key',
      OTHER,
      'out.txt',
    ],
    error:
      '(AccessDenied) when calling the GetObject operation: Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
  },
  {
    row: 'R2 HEAD with a wrong key: bare 403',
    args: () => [
      's3api',
      'head-object',
      '--bucket',
      B,
      '--key',
      'ssec.txt',
      '--sse-customer-algorithm',
      'AES256',
      '--sse-customer-key',
      OTHER,
    ],
    error: '(403) when calling the HeadObject operation: Forbidden',
  },
  {
    row: 'R4 bad algorithm on read',
    args: () => [
      's3api',
      'get-object',
      '--bucket',
      B,
      '--key',
      'ssec.txt',
      '--sse-customer-algorithm',
      'AES128',
      '--sse-customer-key',
      KEY,
      'out.txt',
    ],
    error:
      '(InvalidEncryptionAlgorithmError) when calling the GetObject operation: The Encryption request you specified is not valid. Supported value: AES256.',
  },
  {
    row: 'R5 SSE-C headers for an object that is not SSE-C',
    args: () => ['s3api', 'get-object', '--bucket', B, '--key', 'plain.txt', ...SSEC, 'out.txt'],
    error:
      '(InvalidRequest) when calling the GetObject operation: The encryption parameters are not applicable to this object.',
  },
  {
    row: 'R7 copy from an SSE-C source without its key',
    args: () => ['s3api', 'copy-object', '--bucket', B, '--key', 'copy.txt', '--copy-source', `${B}/ssec.txt`],
    error:
      '(InvalidRequest) when calling the CopyObject operation: The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
  },
  {
    row: 'R8 copy-source algorithm other than AES256',
    args: () => [
      's3api',
      'copy-object',
      '--bucket',
      B,
      '--key',
      'copy.txt',
      '--copy-source',
      `${B}/ssec.txt`,
      '--copy-source-sse-customer-algorithm',
      'AES128',
      '--copy-source-sse-customer-key',
      KEY,
    ],
    error:
      '(InvalidEncryptionAlgorithmError) when calling the CopyObject operation: The Encryption request you specified is not valid. Supported value: AES256.',
  },
  // On a bucket with no explicit encryption configuration (an explicit one makes the copy legal, §2.5).
  {
    row: '§2.5 copy in place with nothing changed',
    args: () => [
      's3api',
      'copy-object',
      '--bucket',
      BLOCKED,
      '--key',
      'plain.txt',
      '--copy-source',
      `${BLOCKED}/plain.txt`,
    ],
    error:
      "(InvalidRequest) when calling the CopyObject operation: This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
  },
  {
    row: '§4.5 no rules',
    args: () => rule([]),
    error:
      '(MalformedXML) when calling the PutBucketEncryption operation: The XML you provided was not well-formed or did not validate against our published schema',
  },
  {
    row: '§4.5 two rules',
    args: () =>
      rule([
        { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ]),
    error:
      '(MalformedXML) when calling the PutBucketEncryption operation: The XML you provided was not well-formed or did not validate against our published schema',
  },
  {
    row: '§4.5 KMSMasterKeyID with AES256',
    args: () =>
      rule([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: keys.enabled } }]),
    error:
      '(InvalidArgument) when calling the PutBucketEncryption operation: a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
  },
  {
    row: '§4.5 unknown algorithm',
    args: () => rule([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES512' } }]),
    error:
      '(MalformedXML) when calling the PutBucketEncryption operation: The XML you provided was not well-formed or did not validate against our published schema',
  },
  {
    row: '§4.5 bucket that does not exist',
    args: () => ['s3api', 'get-bucket-encryption', '--bucket', 'no-such-bucket-rows'],
    error: '(NoSuchBucket) when calling the GetBucketEncryption operation: The specified bucket does not exist',
  },
]

describe.skipIf(!cli)(
  `reference rows through the real aws CLI (${cli ? `aws-cli/${cli.version}` : 'not installed'})`,
  () => {
    it.each(ROWS)('$row', async ({ args, error }) => {
      const r = await runAws(cli!.command, running.endpoint, work, args())
      expect(r.code).toBe(cli!.major === 1 ? 255 : 254)
      expect(r.stderr).toContain(`An error occurred ${typeof error === 'function' ? error() : error}`)
    })

    it('and the successful side: SSE-C read with the right key, SSE-KMS with a key ARN in the answer', async () => {
      const ok = await runAws(cli!.command, running.endpoint, work, [
        's3api',
        'head-object',
        '--bucket',
        B,
        '--key',
        'ssec.txt',
        ...SSEC,
      ])
      expect(JSON.parse(ok.stdout).SSECustomerAlgorithm).toBe('AES256')
      const kms = await runAws(
        cli!.command,
        running.endpoint,
        work,
        put('--server-side-encryption', 'aws:kms', '--ssekms-key-id', keys.enabled.split('/')[1]!),
      )
      expect(JSON.parse(kms.stdout).SSEKMSKeyId).toBe(keys.enabled)
    })
  },
)
