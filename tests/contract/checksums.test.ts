/**
 * The checksum algorithms the SDK sends by default are verified on upload and returned on download, where the
 * SDK checks them again. The newer ones (MD5, SHA512, the xxHash family) the SDK sends only when given an
 * implementation; they are checked here as raw requests against the same server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let s3: S3Client
beforeAll(async () => {
  running = await startEmulator()
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: running.endpoint,
    forcePathStyle: true,
    credentials: testCredentials,
  })
  await s3.send(new CreateBucketCommand({ Bucket: 'checksum-bucket' }))
})
afterAll(() => running.close())

describe('flexible checksums through @aws-sdk/client-s3', () => {
  it.each(['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
    '%s: verified on PUT, echoed, and validated by the SDK on GET',
    async (algorithm) => {
      const Key = `obj-${algorithm}`
      const body = `checksummed with ${algorithm}\n`.repeat(100)
      const put = await s3.send(
        new PutObjectCommand({ Bucket: 'checksum-bucket', Key, Body: body, ChecksumAlgorithm: algorithm }),
      )
      const field = `Checksum${algorithm}` as keyof typeof put
      expect(put[field]).toMatch(/^[A-Za-z0-9+/]+=*$/)
      const got = await s3.send(new GetObjectCommand({ Bucket: 'checksum-bucket', Key, ChecksumMode: 'ENABLED' }))
      expect(got[field as keyof typeof got]).toBe(put[field])
      expect(await got.Body!.transformToString()).toBe(body)
    },
  )
})

describe('the 2026 checksum algorithms, as raw headers', () => {
  it.each(['MD5', 'SHA512', 'XXHASH64', 'XXHASH3', 'XXHASH128'] as const)(
    '%s: the right value is stored and returned, a wrong one is BadDigest',
    async (algorithm) => {
      const { checksumBase64 } = await import('@/lib/crypto/checksums')
      const body = new TextEncoder().encode(`raw ${algorithm}`)
      const header = `x-amz-checksum-${algorithm.toLowerCase()}`
      const value = await checksumBase64(algorithm, body)
      const url = `${running.endpoint}/checksum-bucket/raw-${algorithm}`
      const put = await fetch(url, { method: 'PUT', body, headers: { [header]: value } })
      expect(put.status).toBe(200)
      expect(put.headers.get(header)).toBe(value)
      const get = await fetch(url, { headers: { 'x-amz-checksum-mode': 'ENABLED' } })
      expect(get.headers.get(header)).toBe(value)
      const wrong = await fetch(url, {
        method: 'PUT',
        body: new TextEncoder().encode('other bytes'),
        headers: { [header]: value },
      })
      expect(wrong.status).toBe(400)
      expect(await wrong.text()).toContain(
        `<Code>BadDigest</Code><Message>The ${algorithm} you specified did not match the calculated checksum.</Message>`,
      )
    },
  )
})
