/**
 * Which encryption a write asks for (docs/fidelity.md §2.1 E1, E2, E2b; §2.2 C9; §1.1 GET/HEAD), through PutObject
 * over handle(), and resolveWriteEncryption directly.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { S3Error } from '@/lib/s3/errors'
import type { Bucket } from '@/lib/s3/model'
import { resolveWriteEncryption } from '@/lib/s3/sse/request'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

const BUCKET = 'sse-bucket'
const E2 = 'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms'
const SSE_C_HEADERS = {
  'x-amz-server-side-encryption-customer-algorithm': 'AES256',
  'x-amz-server-side-encryption-customer-key': Buffer.alloc(32, 7).toString('base64'),
  'x-amz-server-side-encryption-customer-key-MD5': 'y4HAEFCYWuvAXWFTtA1Qpg==', // MD5 of the 32 bytes
}

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

const put = (headers: Record<string, string>, key = 'k') =>
  s3.send('PUT', `/${BUCKET}/${key}`, { body: 'data', headers })
const stored = (key = 'k') => s3.emulator.s3.bucket(BUCKET).objects.has(key)

describe('PutObject encryption headers', () => {
  it('no header: SSE-S3, answered with x-amz-server-side-encryption: AES256 (the 2023 default)', async () => {
    const r = await put({})
    expect([r.status, r.headers.get('x-amz-server-side-encryption')]).toEqual([200, 'AES256'])
  })

  it('AES256: accepted and echoed; no bucket-key or KMS headers', async () => {
    const r = await put({ 'x-amz-server-side-encryption': 'AES256' })
    expect(r.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    expect(r.headers.get('x-amz-server-side-encryption-bucket-key-enabled')).toBeNull()
    expect(r.headers.get('x-amz-server-side-encryption-aws-kms-key-id')).toBeNull()
  })

  it('bucket-key-enabled with SSE-S3 is ignored and not echoed (§1.1)', async () => {
    const r = await put({
      'x-amz-server-side-encryption': 'AES256',
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('x-amz-server-side-encryption-bucket-key-enabled')).toBeNull()
  })

  for (const value of ['AES128', 'aes:kms', 'aws:kms2', 'aws:fsx-nope', '']) {
    it(`E1: unknown value ${JSON.stringify(value)} is 400 InvalidArgument naming the header and value`, async () => {
      const e = await errorOf(await put({ 'x-amz-server-side-encryption': value }))
      expect([e.status, e.code, e.message]).toEqual([
        400,
        'InvalidArgument',
        'The encryption method specified is not supported',
      ])
      expect(e.fields).toMatchObject({ ArgumentName: 'x-amz-server-side-encryption', ArgumentValue: value })
      expect(stored()).toBe(false)
    })
  }

  it('E2: a KMS key id without x-amz-server-side-encryption is 400 InvalidArgument with S3’s text', async () => {
    const e = await errorOf(
      await put({ 'x-amz-server-side-encryption-aws-kms-key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' }),
    )
    expect([e.status, e.code, e.message]).toEqual([400, 'InvalidArgument', E2])
    expect(stored()).toBe(false)
  })

  it('E2b: AES256 plus a KMS key id is the same 400', async () => {
    const e = await errorOf(
      await put({
        'x-amz-server-side-encryption': 'AES256',
        'x-amz-server-side-encryption-aws-kms-key-id': 'alias/my-key',
      }),
    )
    expect([e.status, e.code, e.message]).toEqual([400, 'InvalidArgument', E2])
  })

  it('header names match case-insensitively', async () => {
    const e = await errorOf(await put({ 'X-Amz-Server-Side-Encryption': 'AES128' }))
    expect(e.code).toBe('InvalidArgument')
  })
})

describe('SSE-C on a new bucket (§0, §2.2 C9)', () => {
  it('is refused with 403 AccessDenied before the key is looked at, and nothing is stored', async () => {
    const e = await errorOf(await put(SSE_C_HEADERS))
    expect([e.status, e.code, e.message]).toEqual([403, 'AccessDenied', 'Access Denied'])
    expect(stored()).toBe(false)
  })
  it('a lone customer-algorithm header (no key at all) gets the same 403', async () => {
    const e = await errorOf(await put({ 'x-amz-server-side-encryption-customer-algorithm': 'AES256' }))
    expect([e.status, e.code]).toEqual([403, 'AccessDenied'])
  })
  it('a legacy (pre-April-2026) bucket does not block SSE-C: no 403, the write is stored (over https)', async () => {
    const legacy = harness({ blockSseCOnNewBuckets: false })
    await legacy.send('PUT', `/${BUCKET}`)
    const r = await legacy.send('PUT', `https://127.0.0.1:4566/${BUCKET}/k`, { body: 'data', headers: SSE_C_HEADERS })
    expect([r.status, r.headers.get('x-amz-server-side-encryption-customer-algorithm')]).toEqual([200, 'AES256'])
  })
  it('unblocking with BlockedEncryptionTypes NONE lifts the 403', async () => {
    const unblock =
      '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>' +
      '<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>'
    expect((await s3.send('PUT', `/${BUCKET}?encryption`, { body: unblock })).status).toBe(200)
    expect((await put(SSE_C_HEADERS)).status).not.toBe(403)
  })
})

describe('SSE headers on reads (§1.1: GET/HEAD reject them)', () => {
  beforeEach(async () => {
    expect((await put({})).status).toBe(200)
  })
  it('GetObject with x-amz-server-side-encryption is 400 InvalidArgument', async () => {
    const e = await errorOf(
      await s3.send('GET', `/${BUCKET}/k`, { headers: { 'x-amz-server-side-encryption': 'AES256' } }),
    )
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidArgument',
      'x-amz-server-side-encryption header is not supported for this operation.',
    ])
  })
  it('HeadObject with x-amz-server-side-encryption is 400 with no body', async () => {
    const r = await s3.send('HEAD', `/${BUCKET}/k`, { headers: { 'x-amz-server-side-encryption': 'AES256' } })
    expect([r.status, await r.text()]).toEqual([400, ''])
  })
  it('R5: SSE-C headers for an object that is not SSE-C are 400 InvalidRequest', async () => {
    const e = await errorOf(await s3.send('GET', `https://127.0.0.1:4566/${BUCKET}/k`, { headers: SSE_C_HEADERS }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'The encryption parameters are not applicable to this object.',
    ])
  })
  it('GET and HEAD without SSE headers report AES256', async () => {
    expect((await s3.send('GET', `/${BUCKET}/k`)).headers.get('x-amz-server-side-encryption')).toBe('AES256')
    expect((await s3.send('HEAD', `/${BUCKET}/k`)).headers.get('x-amz-server-side-encryption')).toBe('AES256')
  })
})

describe('resolveWriteEncryption', () => {
  const bucket = (blocked?: ('SSE-C' | 'NONE')[]): Bucket => ({
    name: 'b',
    region: 'us-east-1',
    created: new Date(),
    encryption: { algorithm: 'AES256', bucketKeyEnabled: false, ...(blocked ? { blocked } : {}) },
    encryptionExplicit: false,
    objects: new Map(),
    uploads: new Map(),
  })
  const thrown = (f: () => unknown): S3Error => {
    try {
      f()
    } catch (e) {
      if (e instanceof S3Error) return e
    }
    throw new Error('no S3Error')
  }

  it('falls back to the bucket default', () => {
    expect(resolveWriteEncryption(bucket(), {})).toEqual({ algorithm: 'AES256' })
  })
  it('checks SSE-C blocking before anything else, even a bad SSE value', () => {
    expect(
      thrown(() => resolveWriteEncryption(bucket(['SSE-C']), { customerKey: 'x', algorithm: 'bogus' })).status,
    ).toBe(403)
  })
  it('E2 also applies when only the encryption context is sent without aws:kms', () => {
    expect(thrown(() => resolveWriteEncryption(bucket(), { context: 'e30=' })).message).toBe(E2)
  })
})
