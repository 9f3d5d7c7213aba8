/** "Who can read this object?" over objects the emulator really stored, with real bucket and key policies. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { toBase64 } from '@/lib/crypto/bytes'
import { whoCanRead, type WhoCanRead } from '@/lib/inspector/who-can-read'
import { harness, type Harness } from '../../helpers/handle'

const ACCOUNT = '111122223333'
const READER = `arn:aws:iam::${ACCOUNT}:role/Reader`
const OWNER = `arn:aws:iam::${ACCOUNT}:user/playground`
const CUSTOMER_KEY = new Uint8Array(32).fill(9)

async function kms(h: Harness, op: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await h.emulator.handle(
    new Request('https://kms.emulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${op}` },
      body: JSON.stringify(body),
    }),
  )
  const json = (await r.json()) as Record<string, unknown>
  expect(r.status, JSON.stringify(json)).toBe(200)
  return json
}

async function put(h: Harness, path: string, headers: Record<string, string> = {}, body?: string) {
  // A bucket is created without a body; an object gets a small one.
  const r = await h.send('PUT', path, {
    ...(path.indexOf('/', 1) > 0 || body !== undefined ? { body: body ?? 'secret' } : {}),
    headers,
  })
  expect(r.status, await r.clone().text()).toBeLessThan(300)
}

const who = (h: Harness, bucket: string, key: string): WhoCanRead =>
  whoCanRead(h.emulator.s3, h.emulator.kms.state, bucket, key)!
const row = (w: WhoCanRead, name: string) => w.readers.find((r) => r.principalArn === name || r.who.startsWith(name))!

describe('who can read this object', () => {
  it('SSE-S3: the owner reads it; a principal the bucket policy allows reads it; the stored bytes alone do not', async () => {
    const h = harness()
    await put(h, '/bkb')
    await put(h, '/bkb/s3.txt')
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReaderGets',
          Effect: 'Allow',
          Principal: { AWS: READER },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::bkb/*',
        },
      ],
    }
    await put(h, '/bkb?policy', {}, JSON.stringify(policy))
    const w = who(h, 'bkb', 's3.txt')
    expect(w.badges).toEqual(['SSE-S3'])
    expect(row(w, OWNER).verdict).toBe('yes')
    const reader = row(w, READER)
    expect(reader.verdict).toBe('yes')
    expect(reader.citations.map((c) => [c.policy, c.statement, c.effect])).toEqual([
      ['bucket policy', '"ReaderGets"', 'Allow'],
    ])
    expect(row(w, 'Someone with only the stored bytes').verdict).toBe('no')
  })

  it('a bucket policy Deny stops even the owner, citing the statement', async () => {
    const h = harness()
    await put(h, '/bkd')
    await put(h, '/bkd/x.txt')
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bkd/x.txt' },
      ],
    }
    await put(h, '/bkd?policy', {}, JSON.stringify(policy))
    const owner = row(who(h, 'bkd', 'x.txt'), OWNER)
    expect(owner.verdict).toBe('no')
    expect(owner.citations[0]).toMatchObject({ policy: 'bucket policy', statement: '"NoReads"', effect: 'Deny' })
    // The same evaluation S3 makes: the real GET is refused too.
    expect((await h.send('GET', '/bkd/x.txt')).status).toBe(403)
  })

  it('SSE-KMS with a restrictive key policy: S3 access is not enough without kms:Decrypt; a disabled key stops everyone', async () => {
    const h = harness()
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: OWNER }, Action: 'kms:*', Resource: '*' },
        { Sid: 'NoReaderDecrypt', Effect: 'Deny', Principal: { AWS: READER }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    }
    const created = (await kms(h, 'CreateKey', { Policy: JSON.stringify(keyPolicy) })).KeyMetadata as {
      KeyId: string
      Arn: string
    }
    await put(h, '/bkk')
    await put(h, '/bkk/kms.txt', {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': created.Arn,
    })
    const bucketPolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReaderGets',
          Effect: 'Allow',
          Principal: { AWS: READER },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::bkk/*',
        },
      ],
    }
    await put(h, '/bkk?policy', {}, JSON.stringify(bucketPolicy))
    let w = who(h, 'bkk', 'kms.txt')
    expect(w.badges).toEqual(['SSE-KMS'])
    expect(row(w, OWNER)).toMatchObject({ verdict: 'yes' })
    expect(row(w, OWNER).citations.map((c) => `${c.policy} ${c.statement}`)).toEqual(['key policy "Admin"'])
    const reader = row(w, READER)
    expect(reader.verdict).toBe('no')
    expect(reader.citations.map((c) => `${c.policy} ${c.statement} ${c.effect}`)).toEqual([
      'bucket policy "ReaderGets" Allow',
      'key policy "NoReaderDecrypt" Deny',
    ])

    await kms(h, 'DisableKey', { KeyId: created.KeyId })
    w = who(h, 'bkk', 'kms.txt')
    expect(row(w, OWNER).verdict).toBe('no')
    expect(row(w, OWNER).why.join(' ')).toContain('Disabled')
    // And S3 really cannot serve it.
    expect((await h.send('GET', '/bkk/kms.txt')).status).not.toBe(200)
  })

  it('SSE-C: readers need the key, which S3 never kept', async () => {
    const h = harness({ blockSseCOnNewBuckets: false, allowSseCOverHttp: true })
    await put(h, '/bkc')
    await put(h, '/bkc/ssec.txt', {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': toBase64(CUSTOMER_KEY),
      'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update(CUSTOMER_KEY).digest('base64'),
    })
    const w = who(h, 'bkc', 'ssec.txt')
    expect(w.badges).toEqual(['SSE-C'])
    expect(row(w, OWNER).verdict).toBe('with-key')
    expect(row(w, 'The holder of the SSE-C key').verdict).toBe('with-key')
    expect(row(w, 'Someone with only the stored bytes').verdict).toBe('no')
  })

  it('client-side: S3 access yields ciphertext; only the client-side key holder reads it', async () => {
    const h = harness()
    await put(h, '/bke')
    await put(h, '/bke/cse.bin', { 'x-amz-meta-x-amz-key-v2': 'AAAA', 'x-amz-meta-x-amz-cek-alg': 'AES/GCM/NoPadding' })
    const w = who(h, 'bke', 'cse.bin')
    expect(w.badges[0]).toBe('client-side')
    expect(row(w, OWNER).verdict).toBe('no')
    expect(row(w, 'The client-side key holder').verdict).toBe('with-key')
  })
})
