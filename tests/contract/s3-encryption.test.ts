/**
 * Issue 4 through @aws-sdk/client-s3 (and client-kms for keys) against the emulator's real HTTP host:
 * SSE-C, SSE-KMS, DSSE-KMS, copies, multipart uploads, GetObjectAttributes and bucket policies, with the
 * SDK's own serialisation, checksums and error parsing.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  UploadPartCopyCommand,
  AbortMultipartUploadCommand,
} from '@aws-sdk/client-s3'
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let strict: RunningEmulator
let s3: S3Client
let kms: KMSClient
const Bucket = 'contract-encryption'
const key32 = Buffer.alloc(32, 42)
const SSEC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key32.toString('base64') }

const client = (endpoint: string) =>
  new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: testCredentials })
async function failure(p: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await p
  } catch (e) {
    if (e instanceof S3ServiceException) return e
    throw e
  }
  throw new Error('the request succeeded')
}

beforeAll(async () => {
  // The localhost server is plain http: SSE-C needs the named override there.
  running = await startEmulator({ allowSseCOverHttp: true })
  strict = await startEmulator()
  s3 = client(running.endpoint)
  kms = new KMSClient({ region: 'us-east-1', endpoint: running.endpoint, credentials: testCredentials })
  await s3.send(new CreateBucketCommand({ Bucket }))
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket,
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
})
afterAll(async () => {
  await running.close()
  await strict.close()
})

describe('SSE-C', () => {
  it('put, head and get with the key; the SDK sees SSECustomerAlgorithm and the key MD5, never ServerSideEncryption', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'c.txt', Body: 'test_data', ...SSEC }))
    expect(put.SSECustomerAlgorithm).toBe('AES256')
    expect(put.SSECustomerKeyMD5).toBe(createHash('md5').update(key32).digest('base64'))
    expect(put.ServerSideEncryption).toBeUndefined()
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/)
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'c.txt', ...SSEC }))
    expect([head.SSECustomerAlgorithm, head.ContentLength]).toEqual(['AES256', 9])
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'c.txt', ...SSEC }))
    expect(await got.Body!.transformToString()).toBe('test_data')
  })
  it('R1 and R2 as the SDK reports them: GET 400 InvalidRequest, 403 AccessDenied; HEAD has no body', async () => {
    const r1 = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'c.txt' })))
    expect([r1.$metadata.httpStatusCode, r1.name]).toEqual([400, 'InvalidRequest'])
    const r2 = await failure(
      s3.send(
        new GetObjectCommand({
          Bucket,
          Key: 'c.txt',
          SSECustomerAlgorithm: 'AES256',
          SSECustomerKey: Buffer.alloc(32, 1).toString('base64'),
        }),
      ),
    )
    expect([r2.$metadata.httpStatusCode, r2.name, r2.message]).toEqual([
      403,
      'AccessDenied',
      'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
    ])
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket, Key: 'c.txt' })))
    expect(head.$metadata.httpStatusCode).toBe(400)
  })
  it('C8: the default localhost server refuses SSE-C over http with S3’s error', async () => {
    const plain = client(strict.endpoint)
    await plain.send(new CreateBucketCommand({ Bucket: 'strict-bucket' }))
    await plain.send(
      new PutBucketEncryptionCommand({
        Bucket: 'strict-bucket',
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
    const e = await failure(plain.send(new PutObjectCommand({ Bucket: 'strict-bucket', Key: 'k', Body: 'x', ...SSEC })))
    expect([e.$metadata.httpStatusCode, e.name, e.message]).toEqual([
      400,
      'InvalidRequest',
      'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
    ])
  })
  it('C9: a new bucket blocks SSE-C with 403', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'fresh-bucket' }))
    const e = await failure(s3.send(new PutObjectCommand({ Bucket: 'fresh-bucket', Key: 'k', Body: 'x', ...SSEC })))
    expect([e.$metadata.httpStatusCode, e.name]).toEqual([403, 'AccessDenied'])
  })
  it('copy from an SSE-C source with CopySourceSSECustomer*; the copy is SSE-S3 with an MD5 ETag', async () => {
    const out = await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'c-copy.txt',
        CopySource: `${Bucket}/c.txt`,
        CopySourceSSECustomerAlgorithm: 'AES256',
        CopySourceSSECustomerKey: key32.toString('base64'),
      }),
    )
    expect(out.ServerSideEncryption).toBe('AES256')
    expect(out.CopyObjectResult?.ETag).toBe('"6af8307c2460f2d208ad254f04be4b0d"') // MD5 of test_data, (docs/fidelity.md §6)
  })
})

describe('SSE-KMS and DSSE-KMS', () => {
  it('put with a customer key: SSEKMSKeyId is the key ARN; get works until the key is disabled (KMS.DisabledException)', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}))
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'kms.txt',
        Body: 'kms data',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KeyMetadata!.KeyId,
      }),
    )
    expect([put.ServerSideEncryption, put.SSEKMSKeyId, put.BucketKeyEnabled]).toEqual([
      'aws:kms',
      KeyMetadata!.Arn,
      undefined,
    ])
    expect(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'kms.txt' }))).Body!.transformToString()).toBe(
      'kms data',
    )
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }))
    const e = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'kms.txt' })))
    expect([e.$metadata.httpStatusCode, e.name, e.message]).toEqual([
      400,
      'KMS.DisabledException',
      `${KeyMetadata!.Arn} is disabled.`,
    ])
  })
  it('Bucket Key from the request: BucketKeyEnabled true on put and head', async () => {
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'bk.txt',
        Body: 'x',
        ServerSideEncryption: 'aws:kms',
        BucketKeyEnabled: true,
      }),
    )
    expect(put.BucketKeyEnabled).toBe(true)
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: 'bk.txt' }))).BucketKeyEnabled).toBe(true)
  })
  it('E4 through the SDK: KMS.NotFoundException for a malformed key id', async () => {
    const e = await failure(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'bad.txt',
          Body: 'x',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: 'fake-key-id',
        }),
      ),
    )
    expect([e.name, e.message]).toEqual(['KMS.NotFoundException', "Invalid keyId 'fake-key-id'"])
  })
  it('DSSE-KMS round-trips and reports aws:kms:dsse with the key ARN', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'dsse.txt', Body: 'two layers', ServerSideEncryption: 'aws:kms:dsse' }),
    )
    expect(put.ServerSideEncryption).toBe('aws:kms:dsse')
    expect(put.SSEKMSKeyId).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//)
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'dsse.txt', ChecksumMode: 'ENABLED' }))
    expect(await got.Body!.transformToString()).toBe('two layers')
  })
})

describe('multipart uploads', () => {
  it('SSE-C multipart with UploadPartCopy; ListParts and ListMultipartUploads; Complete gives a -N ETag', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mpu.bin', ...SSEC }))
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket }))
    expect(uploads.Uploads?.map((u) => u.Key)).toContain('mpu.bin')
    const p1 = await s3.send(
      new UploadPartCommand({
        Bucket,
        Key: 'mpu.bin',
        UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(5 * 1024 * 1024, 1),
        ...SSEC,
      }),
    )
    expect(p1.SSECustomerAlgorithm).toBe('AES256')
    const p2 = await s3.send(
      new UploadPartCopyCommand({
        Bucket,
        Key: 'mpu.bin',
        UploadId,
        PartNumber: 2,
        CopySource: `${Bucket}/c-copy.txt`,
        ...SSEC,
      }),
    )
    const parts = await s3.send(new ListPartsCommand({ Bucket, Key: 'mpu.bin', UploadId }))
    expect(parts.Parts?.map((p) => p.PartNumber)).toEqual([1, 2])
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'mpu.bin',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.CopyPartResult?.ETag },
          ],
        },
      }),
    )
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/)
    expect(done.ServerSideEncryption).toBeUndefined() // Complete reports nothing for SSE-C (docs/fidelity.md §1.2)
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'mpu.bin', Range: 'bytes=5242878-5242882', ...SSEC }))
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(Buffer.from([1, 1, ...Buffer.from('tes')]))
  })
  it('InvalidPartOrder and Abort through the SDK', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'abort.bin' }))
    const p = await s3.send(new UploadPartCommand({ Bucket, Key: 'abort.bin', UploadId, PartNumber: 1, Body: 'x' }))
    const e = await failure(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'abort.bin',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 2, ETag: p.ETag },
              { PartNumber: 1, ETag: p.ETag },
            ],
          },
        }),
      ),
    )
    expect(e.name).toBe('InvalidPartOrder')
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'abort.bin', UploadId }))
    expect((await failure(s3.send(new ListPartsCommand({ Bucket, Key: 'abort.bin', UploadId })))).name).toBe(
      'NoSuchUpload',
    )
  })
})

describe('GetObjectAttributes and bucket policies', () => {
  it('GetObjectAttributes: ETag without quotes, size and checksum', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'attrs.txt', Body: 'hello', ChecksumAlgorithm: 'SHA256' }))
    const out = await s3.send(
      new GetObjectAttributesCommand({
        Bucket,
        Key: 'attrs.txt',
        ObjectAttributes: ['ETag', 'ObjectSize', 'Checksum'],
      }),
    )
    expect(out.ETag).toBe('5d41402abc4b2a76b9719d911017c592')
    expect(out.ObjectSize).toBe(5)
    expect(out.Checksum?.ChecksumSHA256).toBe('LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=')
  })
  it('a deny-unencrypted policy: 403 AccessDenied without the header, fine with it; Get/Delete round-trip', async () => {
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyUnencryptedObjectUploads',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${Bucket}/*`,
          Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
        },
      ],
    })
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy }))
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy).toBe(Policy)
    const e = await failure(s3.send(new PutObjectCommand({ Bucket, Key: 'denied.txt', Body: 'x' })))
    expect([e.$metadata.httpStatusCode, e.name]).toEqual([403, 'AccessDenied'])
    expect(
      (await s3.send(new PutObjectCommand({ Bucket, Key: 'allowed.txt', Body: 'x', ServerSideEncryption: 'AES256' })))
        .ServerSideEncryption,
    ).toBe('AES256')
    await s3.send(new DeleteBucketPolicyCommand({ Bucket }))
    expect((await failure(s3.send(new GetBucketPolicyCommand({ Bucket })))).name).toBe('NoSuchBucketPolicy')
  })
})
