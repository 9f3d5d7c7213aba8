/**
 * The "check the default encryption type" tutorial, through @aws-sdk/client-s3 with its default
 * settings (flexible checksums on) against the emulator's real HTTP host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let s3: S3Client
const Bucket = 'my-s3-bucket'
const text = 'Hello from the S3 encryption playground\n'

beforeAll(async () => {
  running = await startEmulator()
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: running.endpoint,
    forcePathStyle: true,
    credentials: testCredentials,
  })
})
afterAll(() => running.close())

describe('tutorial: check the default encryption type for an object', () => {
  it('creates the bucket', async () => {
    const out = await s3.send(new CreateBucketCommand({ Bucket }))
    expect(out.Location).toBe(`/${Bucket}`)
  })

  it('uploads with SSE-S3 and gets AES256 back, with the CRC32 the SDK sent', async () => {
    const out = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'testfile.txt', Body: text, ServerSideEncryption: 'AES256' }),
    )
    expect(out.ServerSideEncryption).toBe('AES256')
    expect(out.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/)
    expect(out.ETag).toMatch(/^"[0-9a-f]{32}"$/)
  })

  it('head-object reports ServerSideEncryption AES256', async () => {
    const out = await s3.send(new HeadObjectCommand({ Bucket, Key: 'testfile.txt' }))
    expect(out.ServerSideEncryption).toBe('AES256')
    expect(out.ContentLength).toBe(text.length)
  })

  it('an upload with no encryption header is SSE-S3 too (the January 2023 default)', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'plain.txt', Body: 'x' }))
    const out = await s3.send(new HeadObjectCommand({ Bucket, Key: 'plain.txt' }))
    expect(out.ServerSideEncryption).toBe('AES256')
  })

  it('downloads the same bytes, and the SDK validates the returned checksum', async () => {
    const out = await s3.send(new GetObjectCommand({ Bucket, Key: 'testfile.txt', ChecksumMode: 'ENABLED' }))
    expect(await out.Body!.transformToString()).toBe(text)
    expect(out.ServerSideEncryption).toBe('AES256')
    expect(out.ChecksumCRC32).toBeDefined()
  })

  it('serves byte ranges with 206 and Content-Range', async () => {
    const out = await s3.send(new GetObjectCommand({ Bucket, Key: 'testfile.txt', Range: 'bytes=6-9' }))
    expect(await out.Body!.transformToString()).toBe(text.slice(6, 10))
    expect(out.ContentRange).toBe(`bytes 6-9/${text.length}`)
  })

  it('a new bucket reports the SSE-S3 default with SSE-C blocked; put and delete round-trip', async () => {
    const before = await s3.send(new GetBucketEncryptionCommand({ Bucket }))
    expect(before.ServerSideEncryptionConfiguration?.Rules).toEqual([
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
        BucketKeyEnabled: false,
        BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
      },
    ])
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
        },
      }),
    )
    const after = await s3.send(new GetBucketEncryptionCommand({ Bucket }))
    expect(after.ServerSideEncryptionConfiguration?.Rules?.[0]?.BucketKeyEnabled).toBe(true)
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket }))
    const reset = await s3.send(new GetBucketEncryptionCommand({ Bucket }))
    expect(reset.ServerSideEncryptionConfiguration?.Rules?.[0]?.BucketKeyEnabled).toBe(false)
  })
})
