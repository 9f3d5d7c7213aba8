/**
 * The conformance suite of issue 4: one case per row of the operation and error tables
 * in docs/fidelity.md (§1.2, §2.1–§2.5, §4.5), each sent by @aws-sdk/client-s3 wired to
 * `handle()` in-process, with raw headers added after the SDK's middleware where the row needs input the
 * SDK would never send. Each case states the status, error code, message and response headers expected.
 * docs/fidelity.md maps every row to this file and the other tests.
 */
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3ServiceException,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { inProcessS3, rawHeaders, type LastExchange } from '../helpers/sdk-in-process'

const B = 'reference-bucket'
const KEY = Buffer.alloc(32, 1)
const OTHER = Buffer.alloc(32, 2)
const b64 = (b: Buffer) => b.toString('base64')
const md5 = (b: Buffer) => createHash('md5').update(b).digest('base64')
const SSEC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: b64(KEY) }
const H = 'x-amz-server-side-encryption'
const REGION_ARN = 'arn:aws:kms:us-east-1:111122223333'
const MPU_TEXT =
  'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.'

let emulator: Emulator
let s3: S3Client
let last: () => LastExchange
const keys: Record<string, { KeyId: string; Arn: string }> = {}
let ssecUpload = ''
let plainUpload = ''

async function kms(operation: string, body: object) {
  const r = await emulator.handle(
    new Request('https://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` },
      body: JSON.stringify(body),
    }),
  )
  return JSON.parse((await r.text()) || '{}')
}

beforeAll(async () => {
  emulator = createEmulator()
  ;({ s3, last } = inProcessS3(emulator))
  await s3.send(new CreateBucketCommand({ Bucket: B }))
  await s3.send(new CreateBucketCommand({ Bucket: 'new-bucket' }))
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
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'ssec', Body: 'test_data', ...SSEC }))
  await s3.send(new PutObjectCommand({ Bucket: B, Key: 'plain', Body: 'test_data' }))
  for (const name of ['good', 'disabled', 'pending']) {
    keys[name] = (await kms('CreateKey', {})).KeyMetadata
    await s3.send(
      new PutObjectCommand({
        Bucket: B,
        Key: `kms-${name}`,
        Body: 'kms',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: keys[name]!.KeyId,
      }),
    )
  }
  await kms('DisableKey', { KeyId: keys.disabled!.KeyId })
  await kms('ScheduleKeyDeletion', { KeyId: keys.pending!.KeyId, PendingWindowInDays: 7 })
  ssecUpload = (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mpu-ssec', ...SSEC }))).UploadId!
  plainUpload = (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mpu-plain' }))).UploadId!
})

interface Expected {
  status: number
  code?: string
  message?: string
  /** Response headers: a value, or null for "absent". */
  headers?: Record<string, string | null>
  /** Extra <Error> elements. */
  fields?: Record<string, string>
}

async function outcome(
  send: () => Promise<unknown>,
): Promise<{ status: number; code?: string; message?: string; exchange: LastExchange }> {
  try {
    await send()
    return { status: last().status, exchange: last() }
  } catch (e) {
    if (!(e instanceof S3ServiceException)) throw e
    return { status: e.$metadata.httpStatusCode!, code: e.name, message: e.message, exchange: last() }
  }
}

function check(row: string, send: () => Promise<unknown>, want: Expected | (() => Expected)) {
  it(row, async () => {
    const got = await outcome(send)
    const w = typeof want === 'function' ? want() : want
    expect(got.status).toBe(w.status)
    if (w.code !== undefined) expect(got.code).toBe(w.code)
    if (w.message !== undefined) expect(got.message).toBe(w.message)
    for (const [name, value] of Object.entries(w.headers ?? {}))
      expect(got.exchange.headers[name] ?? null, name).toBe(value)
    for (const [name, value] of Object.entries(w.fields ?? {}))
      expect(got.exchange.body).toContain(`<${name}>${value}</${name}>`)
  })
}

const put =
  (key: string, extra: object = {}) =>
  () =>
    s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: 'test_data', ...extra }))
const putRaw =
  (key: string, headers: Record<string, string | null>, extra: object = {}) =>
  () =>
    s3.send(rawHeaders(new PutObjectCommand({ Bucket: B, Key: key, Body: 'test_data', ...extra }), headers))
const getRaw =
  (key: string, headers: Record<string, string | null>, extra: object = {}) =>
  () =>
    s3.send(rawHeaders(new GetObjectCommand({ Bucket: B, Key: key, ...extra }), headers))
const headRaw =
  (key: string, headers: Record<string, string | null>, extra: object = {}) =>
  () =>
    s3.send(rawHeaders(new HeadObjectCommand({ Bucket: B, Key: key, ...extra }), headers))

describe('§1.2 response headers by encryption type', () => {
  check('PutObject SSE-S3: AES256, no KMS or bucket-key headers', put('r-s3'), {
    status: 200,
    headers: { [H]: 'AES256', [`${H}-aws-kms-key-id`]: null, [`${H}-bucket-key-enabled`]: null },
  })
  check(
    'PutObject SSE-KMS: aws:kms and the key ARN; no bucket-key header',
    put('r-kms', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/aws/s3' }),
    {
      status: 200,
      headers: { [H]: 'aws:kms', [`${H}-bucket-key-enabled`]: null },
    },
  )
  check(
    'PutObject SSE-KMS with a Bucket Key: bucket-key-enabled true',
    put('r-bk', { ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true }),
    { status: 200, headers: { [`${H}-bucket-key-enabled`]: 'true' } },
  )
  check(
    'PutObject DSSE-KMS: aws:kms:dsse and the key ARN',
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: B,
          Key: 'r-dsse',
          Body: 'x',
          ServerSideEncryption: 'aws:kms:dsse',
          SSEKMSKeyId: keys.good!.KeyId,
        }),
      ),
    () => ({
      status: 200,
      headers: { [H]: 'aws:kms:dsse', [`${H}-aws-kms-key-id`]: keys.good!.Arn },
    }),
  )
  check('PutObject SSE-C: algorithm and key MD5, no SSE header', put('r-ssec', SSEC), {
    status: 200,
    headers: { [H]: null, [`${H}-customer-algorithm`]: 'AES256', [`${H}-customer-key-md5`]: md5(KEY) },
  })
  check(
    'GetObject SSE-KMS: the key ARN, no context header',
    () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'kms-good' })),
    () => ({
      status: 200,
      headers: { [H]: 'aws:kms', [`${H}-aws-kms-key-id`]: keys.good!.Arn, [`${H}-context`]: null },
    }),
  )
  check(
    'HeadObject SSE-C with the key: algorithm and key MD5',
    () => s3.send(new HeadObjectCommand({ Bucket: B, Key: 'ssec', ...SSEC })),
    { status: 200, headers: { [`${H}-customer-key-md5`]: md5(KEY), [H]: null } },
  )
  check(
    'CreateMultipartUpload with SSE-C: the SSE-C pair',
    () => s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'r-mpu', ...SSEC })),
    { status: 200, headers: { [`${H}-customer-algorithm`]: 'AES256' } },
  )
  check(
    'CreateMultipartUpload with no SSE headers: AES256',
    () => s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'r-mpu2' })),
    { status: 200, headers: { [H]: 'AES256' } },
  )
  check(
    'GetObjectAttributes: no encryption headers',
    () => s3.send(new GetObjectAttributesCommand({ Bucket: B, Key: 'kms-good', ObjectAttributes: ['ETag'] })),
    { status: 200, headers: { [H]: null, [`${H}-aws-kms-key-id`]: null } },
  )
})

describe('§2.1 SSE-S3 / SSE-KMS / DSSE request validation', () => {
  check('E1 unknown x-amz-server-side-encryption (aes:kms)', putRaw('e1', { [H]: 'aes:kms' }), {
    status: 400,
    code: 'InvalidArgument',
    message: 'The encryption method specified is not supported',
    fields: { ArgumentName: H, ArgumentValue: 'aes:kms' },
  })
  check('E2 key id without x-amz-server-side-encryption', putRaw('e2', { [`${H}-aws-kms-key-id`]: 'alias/aws/s3' }), {
    status: 400,
    code: 'InvalidArgument',
    message:
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
  })
  check('E2b AES256 plus a key id', putRaw('e2b', { [H]: 'AES256', [`${H}-aws-kms-key-id`]: 'alias/aws/s3' }), {
    status: 400,
    code: 'InvalidArgument',
  })
  check(
    'E3 SSE header on UploadPart',
    () =>
      s3.send(
        rawHeaders(
          new UploadPartCommand({ Bucket: B, Key: 'mpu-plain', UploadId: plainUpload, PartNumber: 1, Body: 'x' }),
          { [H]: 'AES256' },
        ),
      ),
    {
      status: 400,
      code: 'InvalidArgument',
      message: 'x-amz-server-side-encryption header is not supported for this operation.',
    },
  )
  check(
    'E3 SSE header on CompleteMultipartUpload',
    () =>
      s3.send(
        rawHeaders(
          new CompleteMultipartUploadCommand({
            Bucket: B,
            Key: 'mpu-plain',
            UploadId: plainUpload,
            MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] },
          }),
          { [H]: 'AES256' },
        ),
      ),
    {
      status: 400,
      code: 'InvalidArgument',
      message: 'x-amz-server-side-encryption header is not supported for this operation.',
    },
  )
  check('E3 SSE header on GET', getRaw('plain', { [H]: 'AES256' }), {
    status: 400,
    code: 'InvalidArgument',
    message: 'x-amz-server-side-encryption header is not supported for this operation.',
  })
  check('E3 SSE header on HEAD (no body)', headRaw('plain', { [H]: 'AES256' }), { status: 400 })
  check('E4 malformed key id', put('e4', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'fake-key-id' }), {
    status: 400,
    code: 'KMS.NotFoundException',
    message: "Invalid keyId 'fake-key-id'",
  })
  check(
    'E5 well-formed key id that does not exist',
    put('e5', { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: '0d4e8a2f-0000-4000-8000-000000000000' }),
    {
      status: 400,
      code: 'KMS.NotFoundException',
      message: `Key '${REGION_ARN}:key/0d4e8a2f-0000-4000-8000-000000000000' does not exist`,
    },
  )
  check(
    'E6 key ARN in another Region',
    put('e6', {
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:us-west-2:111122223333:key/0d4e8a2f-0000-4000-8000-000000000000',
    }),
    {
      status: 400,
      code: 'KMS.NotFoundException',
      message: 'Invalid arn us-west-2',
    },
  )
  check(
    'E7 disabled key on PUT',
    () =>
      s3.send(
        new PutObjectCommand({
          Bucket: B,
          Key: 'e7',
          Body: 'x',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: keys.disabled!.KeyId,
        }),
      ),
    () => ({
      status: 400,
      code: 'KMS.DisabledException',
      message: `${keys.disabled!.Arn} is disabled.`,
    }),
  )
  check(
    'E7 disabled key on GET',
    () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'kms-disabled' })),
    () => ({ status: 400, code: 'KMS.DisabledException', message: `${keys.disabled!.Arn} is disabled.` }),
  )
  check(
    'E8 key pending deletion on GET',
    () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'kms-pending' })),
    () => ({
      status: 400,
      code: 'KMS.KMSInvalidStateException',
      message: `${keys.pending!.Arn} is pending deletion.`,
    }),
  )
  check(
    'E9 context that is not base64 JSON',
    put('e9', { ServerSideEncryption: 'aws:kms', SSEKMSEncryptionContext: 'bm90IGpzb24=' }),
    {
      status: 400,
      code: 'InvalidArgument',
      message:
        "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map",
    },
  )
})

describe('§2.2 SSE-C validation on writes', () => {
  const trio = {
    [`${H}-customer-algorithm`]: 'AES256',
    [`${H}-customer-key`]: b64(KEY),
    [`${H}-customer-key-MD5`]: md5(KEY),
  }
  const arg = { ArgumentName: H }
  check('C1 SSE-C and x-amz-server-side-encryption', putRaw('c1', { ...trio, [H]: 'AES256' }), {
    status: 400,
    code: 'InvalidArgument',
    message: 'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
    fields: { ...arg, ArgumentValue: 'AES256' },
  })
  check('C2 key without algorithm', putRaw('c2', { ...trio, [`${H}-customer-algorithm`]: null }), {
    status: 400,
    code: 'InvalidArgument',
    message:
      'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
    fields: arg,
  })
  check('C3 algorithm without key', putRaw('c3', { [`${H}-customer-algorithm`]: 'AES256' }), {
    status: 400,
    code: 'InvalidArgument',
    message:
      'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
    fields: arg,
  })
  check('C4 algorithm AES128', putRaw('c4', { ...trio, [`${H}-customer-algorithm`]: 'AES128' }), {
    status: 400,
    code: 'InvalidEncryptionAlgorithmError',
    message: 'The Encryption request you specified is not valid. Supported value: AES256.',
    fields: { ...arg, ArgumentValue: 'AES128' },
  })
  check(
    'C5 10-byte key',
    putRaw('c5', {
      ...trio,
      [`${H}-customer-key`]: b64(Buffer.alloc(10, 1)),
      [`${H}-customer-key-MD5`]: md5(Buffer.alloc(10, 1)),
    }),
    {
      status: 400,
      code: 'InvalidArgument',
      message: 'The secret key was invalid for the specified algorithm.',
    },
  )
  check('C6 MD5 of another key', putRaw('c6', { ...trio, [`${H}-customer-key-MD5`]: md5(OTHER) }), {
    status: 400,
    code: 'InvalidArgument',
    message: 'The calculated MD5 hash of the key did not match the hash that was provided.',
  })
  check('C7 no MD5', putRaw('c7', { ...trio, [`${H}-customer-key-MD5`]: null }), {
    status: 400,
    code: 'InvalidArgument',
    message:
      'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
  })
  check(
    'C9 SSE-C to a bucket that blocks it (a new bucket): 403 before any key check',
    () => s3.send(new PutObjectCommand({ Bucket: 'new-bucket', Key: 'c9', Body: 'x', ...SSEC })),
    {
      status: 403,
      code: 'AccessDenied',
      message: 'Access Denied',
    },
  )
  it('C8 SSE-C over plain http: 400 InvalidRequest', async () => {
    const plain = inProcessS3(emulator, 'http://127.0.0.1:4566')
    const got = await outcome(() => plain.s3.send(new PutObjectCommand({ Bucket: B, Key: 'c8', Body: 'x', ...SSEC })))
    expect([got.status, got.code, got.message]).toEqual([
      400,
      'InvalidRequest',
      'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
    ])
  })
})

describe('§2.3 reading SSE-C objects', () => {
  const STORED =
    'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.'
  const WRONG =
    'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.'
  check('R1 GET without SSE-C headers', () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'ssec' })), {
    status: 400,
    code: 'InvalidRequest',
    message: STORED,
  })
  check(
    'R1 HEAD without SSE-C headers: 400, no body',
    () => s3.send(new HeadObjectCommand({ Bucket: B, Key: 'ssec' })),
    { status: 400 },
  )
  check(
    'R2 GET with a wrong key',
    () =>
      s3.send(
        new GetObjectCommand({ Bucket: B, Key: 'ssec', SSECustomerAlgorithm: 'AES256', SSECustomerKey: b64(OTHER) }),
      ),
    { status: 403, code: 'AccessDenied', message: WRONG },
  )
  check(
    'R2 HEAD with a wrong key: 403, no body',
    () =>
      s3.send(
        new HeadObjectCommand({ Bucket: B, Key: 'ssec', SSECustomerAlgorithm: 'AES256', SSECustomerKey: b64(OTHER) }),
      ),
    { status: 403 },
  )
  check(
    'R3 a 44-byte key with its matching MD5',
    getRaw('ssec', {
      [`${H}-customer-algorithm`]: 'AES256',
      [`${H}-customer-key`]: b64(Buffer.alloc(44, 1)),
      [`${H}-customer-key-MD5`]: md5(Buffer.alloc(44, 1)),
    }),
    {
      status: 403,
      code: 'AccessDenied',
      message: WRONG,
    },
  )
  check('R4 bad algorithm on GET', getRaw('ssec', { [`${H}-customer-algorithm`]: 'AES512' }, SSEC), {
    status: 400,
    code: 'InvalidEncryptionAlgorithmError',
    fields: { ArgumentName: H },
  })
  check('R4 bad algorithm on HEAD', headRaw('ssec', { [`${H}-customer-algorithm`]: 'AES512' }, SSEC), { status: 400 })
  check(
    'R5 SSE-C headers on an SSE-S3 object',
    () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'plain', ...SSEC })),
    { status: 400, code: 'InvalidRequest', message: 'The encryption parameters are not applicable to this object.' },
  )
  check(
    'R6 GetObjectAttributes without the key',
    () => s3.send(new GetObjectAttributesCommand({ Bucket: B, Key: 'ssec', ObjectAttributes: ['ETag'] })),
    { status: 400, code: 'InvalidRequest', message: STORED },
  )
  check(
    'R7 CopyObject from an SSE-C source without copy-source headers',
    () => s3.send(new CopyObjectCommand({ Bucket: B, Key: 'r7', CopySource: `${B}/ssec` })),
    { status: 400, code: 'InvalidRequest', message: STORED },
  )
  check(
    'R8 copy-source algorithm AES128',
    () =>
      s3.send(
        rawHeaders(
          new CopyObjectCommand({
            Bucket: B,
            Key: 'r8',
            CopySource: `${B}/ssec`,
            CopySourceSSECustomerAlgorithm: 'AES256',
            CopySourceSSECustomerKey: b64(KEY),
          }),
          { 'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES128' },
        ),
      ),
    {
      status: 400,
      code: 'InvalidEncryptionAlgorithmError',
      message: 'The Encryption request you specified is not valid. Supported value: AES256.',
    },
  )
  check(
    'R9 copy-source wrong key',
    () =>
      s3.send(
        new CopyObjectCommand({
          Bucket: B,
          Key: 'r9',
          CopySource: `${B}/ssec`,
          CopySourceSSECustomerAlgorithm: 'AES256',
          CopySourceSSECustomerKey: b64(OTHER),
        }),
      ),
    {
      status: 403,
      code: 'AccessDenied',
      message: WRONG,
    },
  )
  check('R10 MD5 mismatch on GET', getRaw('ssec', { [`${H}-customer-key-MD5`]: md5(OTHER) }, SSEC), {
    status: 400,
    code: 'InvalidArgument',
    message: 'The calculated MD5 hash of the key did not match the hash that was provided.',
  })
  check(
    'R11 PartNumber out of range on an SSE-C object',
    () => s3.send(new GetObjectCommand({ Bucket: B, Key: 'ssec', PartNumber: 2, ...SSEC })),
    { status: 400, code: 'InvalidPart' },
  )
})

describe('§2.4 multipart consistency (SSE-C)', () => {
  check(
    'MPU without SSE-C, UploadPart with SSE-C',
    () =>
      s3.send(
        new UploadPartCommand({
          Bucket: B,
          Key: 'mpu-plain',
          UploadId: plainUpload,
          PartNumber: 2,
          Body: 'x',
          ...SSEC,
        }),
      ),
    {
      status: 400,
      code: 'InvalidRequest',
      message: MPU_TEXT,
    },
  )
  check(
    'MPU with SSE-C, UploadPart without',
    () =>
      s3.send(new UploadPartCommand({ Bucket: B, Key: 'mpu-ssec', UploadId: ssecUpload, PartNumber: 1, Body: 'x' })),
    { status: 400, code: 'InvalidRequest', message: MPU_TEXT },
  )
  check(
    'UploadPart with a different valid key',
    () =>
      s3.send(
        new UploadPartCommand({
          Bucket: B,
          Key: 'mpu-ssec',
          UploadId: ssecUpload,
          PartNumber: 1,
          Body: 'x',
          SSECustomerAlgorithm: 'AES256',
          SSECustomerKey: b64(OTHER),
        }),
      ),
    {
      status: 400,
      code: 'InvalidRequest',
      message: 'The provided encryption parameters did not match the ones used originally.',
    },
  )
  it('CompleteMultipartUpload of an SSE-C upload without SSE-C headers: 200, and no SSE headers', async () => {
    const part = await s3.send(
      new UploadPartCommand({ Bucket: B, Key: 'mpu-ssec', UploadId: ssecUpload, PartNumber: 1, Body: 'x', ...SSEC }),
    )
    const got = await outcome(() =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: B,
          Key: 'mpu-ssec',
          UploadId: ssecUpload,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      ),
    )
    expect(got.status).toBe(200)
    expect(Object.keys(got.exchange.headers).filter((h) => h.startsWith(H))).toEqual([])
  })
})

describe('§2.5 CopyObject in place', () => {
  const ILLEGAL =
    "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
  const inPlace =
    (extra: object = {}) =>
    async () => {
      await s3.send(new PutObjectCommand({ Bucket: 'new-bucket', Key: 'same', Body: 'v' }))
      return s3.send(
        new CopyObjectCommand({ Bucket: 'new-bucket', Key: 'same', CopySource: 'new-bucket/same', ...extra }),
      )
    }
  check('nothing changed', inPlace(), { status: 400, code: 'InvalidRequest', message: ILLEGAL })
  check('only Metadata with MetadataDirective COPY', inPlace({ Metadata: { a: 'b' }, MetadataDirective: 'COPY' }), {
    status: 400,
    code: 'InvalidRequest',
    message: ILLEGAL,
  })
  check('MetadataDirective REPLACE', inPlace({ MetadataDirective: 'REPLACE' }), { status: 200 })
  check('StorageClass STANDARD', inPlace({ StorageClass: 'STANDARD' }), { status: 200 })
  check('WebsiteRedirectLocation', inPlace({ WebsiteRedirectLocation: '/x' }), { status: 200 })
  check('ServerSideEncryption AES256 (the same)', inPlace({ ServerSideEncryption: 'AES256' }), {
    status: 200,
    headers: { [H]: 'AES256' },
  })
  check(
    'a KMS object, no headers, implicit default: 200 and AES256',
    async () => {
      await s3.send(
        new PutObjectCommand({ Bucket: 'new-bucket', Key: 'kmsobj', Body: 'test', ServerSideEncryption: 'aws:kms' }),
      )
      return s3.send(new CopyObjectCommand({ Bucket: 'new-bucket', Key: 'kmsobj', CopySource: 'new-bucket/kmsobj' }))
    },
    { status: 200, headers: { [H]: 'AES256' } },
  )
  check(
    'explicit PutBucketEncryption configuration, no headers',
    async () => {
      await s3.send(new PutObjectCommand({ Bucket: B, Key: 'explicit', Body: 'v' }))
      return s3.send(new CopyObjectCommand({ Bucket: B, Key: 'explicit', CopySource: `${B}/explicit` }))
    },
    { status: 200 },
  )
})

describe('§4.5 PutBucketEncryption validation', () => {
  const config = (rules: object[]) => () =>
    s3.send(new PutBucketEncryptionCommand({ Bucket: B, ServerSideEncryptionConfiguration: { Rules: rules as never } }))
  const MALFORMED = 'The XML you provided was not well-formed or did not validate against our published schema'
  check('no Rule', config([]), { status: 400, code: 'MalformedXML', message: MALFORMED })
  check(
    'two Rules',
    config([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]),
    { status: 400, code: 'MalformedXML' },
  )
  check(
    'KMSMasterKeyID with AES256',
    config([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'k' } }]),
    {
      status: 400,
      code: 'InvalidArgument',
      message: 'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
    },
  )
  check('unknown SSEAlgorithm', config([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES512' } }]), {
    status: 400,
    code: 'MalformedXML',
  })
  check(
    'missing bucket',
    () =>
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'no-such-bucket',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
        }),
      ),
    {
      status: 404,
      code: 'NoSuchBucket',
      message: 'The specified bucket does not exist',
    },
  )
  check(
    'a KMS key that does not exist is accepted (not validated)',
    config([{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'no-such-key' } }]),
    { status: 200 },
  )
})
