/**
 * AWS's size limits, checked before buffering (issue 14, item 5), through the real HTTP server: a bucket
 * policy over 20 KB, user metadata over 2 KB, oversized XML and JSON documents, KMS fields past their model
 * lengths; and no error or audit record echoes an unbounded value back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'
import { rawHttp } from '../helpers/raw-http'

let server: RunningEmulator
let port: number
const s3 = () =>
  new S3Client({
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: testCredentials,
    maxAttempts: 1,
  })
const kms = () =>
  new KMSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials, maxAttempts: 1 })

beforeAll(async () => {
  server = await startEmulator()
  port = Number(new URL(server.endpoint).port)
  await s3().send(new CreateBucketCommand({ Bucket: 'limits-bucket' }))
})
afterAll(() => server.close())

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode }
  }
  throw new Error('expected the call to fail')
}

const policyOf = (bytes: number) => {
  const base = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: '',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::limits-bucket/none',
      },
    ],
  }
  const pad = bytes - JSON.stringify(base).length
  base.Statement[0]!.Sid = 'x'.repeat(pad)
  const text = JSON.stringify(base)
  expect(text.length).toBe(bytes)
  return text
}

/** A request whose headers declare `declared` body bytes, of which none are sent: answered from the headers alone. */
const declaredOnly = (head: string, declared: number) =>
  rawHttp(port, `${head}\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Length: ${declared}\r\n\r\n`)

describe('bucket policy: 20 KB', () => {
  it('takes a 20,480-byte policy and refuses 20,481 bytes with PolicyTooLarge', async () => {
    await s3().send(new PutBucketPolicyCommand({ Bucket: 'limits-bucket', Policy: policyOf(20 * 1024) }))
    const e = await failure(
      s3().send(new PutBucketPolicyCommand({ Bucket: 'limits-bucket', Policy: policyOf(20 * 1024 + 1) })),
    )
    expect([e.name, e.status]).toEqual(['PolicyTooLarge', 400])
  })

  it('refuses a declared 600 MB policy from its headers, without waiting for the body', async () => {
    const answer = await declaredOnly('PUT /limits-bucket?policy HTTP/1.1', 600_000_000)
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<Code>PolicyTooLarge</Code>')
  })
})

describe('user metadata: 2 KB', () => {
  it('takes 2,048 bytes of names and values and refuses 2,049 with MetadataTooLarge', async () => {
    const value = (n: number) => 'v'.repeat(n - 'note'.length)
    await s3().send(
      new PutObjectCommand({ Bucket: 'limits-bucket', Key: 'ok', Body: 'x', Metadata: { note: value(2048) } }),
    )
    const e = await failure(
      s3().send(
        new PutObjectCommand({ Bucket: 'limits-bucket', Key: 'big', Body: 'x', Metadata: { note: value(2049) } }),
      ),
    )
    expect([e.name, e.status]).toEqual(['MetadataTooLarge', 400])
    expect(server.emulator.s3.bucket('limits-bucket').objects.has('big')).toBe(false)
  })
})

describe('XML documents', () => {
  it('refuses a declared 100 MB configuration with MaxMessageLengthExceeded before reading it', async () => {
    const answer = await declaredOnly('PUT /limits-bucket?encryption HTTP/1.1', 100_000_000)
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<Code>MaxMessageLengthExceeded</Code>')
  })

  it('stops reading a chunked document without a length once it passes the cap', async () => {
    const piece = Buffer.alloc(1024 * 1024, 0x20)
    const response = await fetch(`${server.endpoint}/limits-bucket?encryption`, {
      method: 'PUT',
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 9; i++) controller.enqueue(piece)
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('<Code>MaxMessageLengthExceeded</Code>')
  })
})

describe('KMS fields and bodies', () => {
  it("a KeyId past 2048 characters is a ValidationException with AWS's constraint text, echoed only in part", async () => {
    const keyId = 'k'.repeat(300_000)
    const e = await failure(kms().send(new DescribeKeyCommand({ KeyId: keyId })))
    expect(e.name).toBe('ValidationException')
    expect(e.message).toContain(
      "at 'keyId' failed to satisfy constraint: Member must have length less than or equal to 2048",
    )
    expect(e.message.length).toBeLessThan(20 * 1024)
    const trail = new CloudTrailClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials })
    const events = await trail.send(new LookupEventsCommand({}))
    const record = events.Events!.find((ev) => ev.EventName === 'DescribeKey')!.CloudTrailEvent!
    expect(record.length).toBeLessThan(8 * 1024)
    expect(record).toContain('ValidationException')
  })

  it('refuses a declared 400 MB JSON body from its headers (413), without reading it', async () => {
    const answer = await declaredOnly(
      'POST / HTTP/1.1\r\nX-Amz-Target: TrentService.DescribeKey\r\nContent-Type: application/x-amz-json-1.1',
      400_000_000,
    )
    expect(answer.statuses).toEqual([413])
    expect(answer.text).toContain('RequestEntityTooLargeException')
  })
})

describe('echoes are bounded', () => {
  it('an S3 error names a long header value only in part', async () => {
    const value = 'z'.repeat(7000)
    const answer = await rawHttp(
      port,
      `PUT /limits-bucket/e HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nX-Amz-Content-Sha256: ${value}\r\nContent-Length: 0\r\n\r\n`,
    )
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<ArgumentName>x-amz-content-sha256</ArgumentName>')
    expect(answer.text).not.toContain(value)
    expect(answer.text.length).toBeLessThan(4096)
  })
})
