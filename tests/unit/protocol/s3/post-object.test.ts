/** POST Object through handle(): form checks, strict mode's signature over the policy, and the route's place. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { S3Client } from '@aws-sdk/client-s3'
import { createPresignedPost } from '@aws-sdk/s3-presigned-post'
import { createBucket } from '@/lib/s3/operations/buckets'
import { ENDPOINT, errorOf, harness } from '../../../helpers/handle'

const credentials = { accessKeyId: 'AKIDPOSTFORM', secretAccessKey: 'post-form-secret' }
const client = (secretAccessKey = credentials.secretAccessKey) =>
  new S3Client({
    region: 'us-east-1',
    endpoint: ENDPOINT,
    forcePathStyle: true,
    credentials: { ...credentials, secretAccessKey },
  })

function formRequest(url: string, fields: Record<string, string>, file: string | null = 'body') {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  if (file !== null) form.append('file', new Blob([file]), 'f.txt')
  return new Request(url, { method: 'POST', body: form })
}

async function setUp(strict: boolean) {
  const h = harness(strict ? { http: { auth: { credentials: [credentials] } } } : {})
  createBucket(h.emulator.s3, 'form-bucket')
  return { h }
}

describe('POST Object', () => {
  it('strict mode: a form signed with the right secret is stored; a wrong secret is SignatureDoesNotMatch', async () => {
    const { h } = await setUp(true)
    const good = await createPresignedPost(client(), { Bucket: 'form-bucket', Key: 'signed.txt', Expires: 60 })
    expect((await h.emulator.handle(formRequest(good.url, good.fields))).status).toBe(204)
    const bad = await createPresignedPost(client('wrong'), { Bucket: 'form-bucket', Key: 'forged.txt', Expires: 60 })
    const refused = await errorOf(await h.emulator.handle(formRequest(bad.url, bad.fields)))
    expect([refused.status, refused.code, refused.fields.AWSAccessKeyId]).toEqual([
      403,
      'SignatureDoesNotMatch',
      'AKIDPOSTFORM',
    ])
    expect(h.emulator.s3.bucket('form-bucket').objects.has('forged.txt')).toBe(false)
  })

  it('missing key, missing signature field, no file, no policy, not a form: S3 errors', async () => {
    const { h } = await setUp(false)
    const { url, fields } = await createPresignedPost(client(), { Bucket: 'form-bucket', Key: 'k.txt', Expires: 60 })
    const { key: _key, ...noKey } = fields
    const { 'X-Amz-Signature': _sig, ...noSignature } = fields
    const { Policy: _policy, ...noPolicy } = fields
    const cases: [Request, number, string, string][] = [
      [
        formRequest(url, noKey),
        400,
        'InvalidArgument',
        "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      ],
      [
        formRequest(url, noSignature),
        400,
        'InvalidArgument',
        "Bucket POST must contain a field named 'X-Amz-Signature'.  If it is specified, please check the order of the fields.",
      ],
      [formRequest(url, fields, null), 400, 'InvalidArgument', 'POST requires exactly one file upload per request.'],
      [formRequest(url, noPolicy), 403, 'AccessDenied', 'Access Denied'],
      [
        new Request(url, {
          method: 'POST',
          body: 'key=k',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        412,
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
      ],
    ]
    for (const [request, status, code, message] of cases) {
      const r = await h.emulator.handle(request)
      if (r.status < 300) throw new Error(`${status} ${code} expected, got ${r.status}`)
      const e = await errorOf(r)
      expect([e.status, e.code, e.message]).toEqual([status, code, message])
    }
    expect(h.emulator.s3.bucket('form-bucket').objects.size).toBe(0)
  })

  it('SSE-C form fields: refused over http (400), and on a bucket that blocks SSE-C (403), as PutObject', async () => {
    const key = Buffer.alloc(32, 5)
    const Fields = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': key.toString('base64'),
      'x-amz-server-side-encryption-customer-key-MD5': createHash('md5').update(key).digest('base64'),
    }
    const { url, fields } = await createPresignedPost(client(), {
      Bucket: 'form-bucket',
      Key: 'c.txt',
      Fields,
      Expires: 60,
    })
    const { h } = await setUp(false) // new buckets block SSE-C (§2.2 C9), before any other check
    const blocked = await errorOf(await h.emulator.handle(formRequest(url.replace('http:', 'https:'), fields)))
    expect([blocked.status, blocked.code]).toEqual([403, 'AccessDenied'])
    const open = harness({ blockSseCOnNewBuckets: false })
    createBucket(open.emulator.s3, 'form-bucket')
    const overHttp = await errorOf(await open.emulator.handle(formRequest(url, fields)))
    expect([overHttp.status, overHttp.code]).toEqual([400, 'InvalidRequest'])
    expect((await open.emulator.handle(formRequest(url.replace('http:', 'https:'), fields))).status).toBe(204)
    expect(h.emulator.s3.bucket('form-bucket').objects.size).toBe(0)
  })

  it('a bucket that does not exist: NoSuchBucket', async () => {
    const { h } = await setUp(false)
    const { url, fields } = await createPresignedPost(client(), {
      Bucket: 'no-such-form-bucket',
      Key: 'k',
      Expires: 60,
    })
    expect((await errorOf(await h.emulator.handle(formRequest(url, fields)))).code).toBe('NoSuchBucket')
  })

  it('a bucket POST with a sub-resource never reaches POST Object', async () => {
    const { h } = await setUp(false)
    const r = await h.send('POST', '/form-bucket?select', {
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    })
    expect((await errorOf(r)).code).toBe('NotImplemented')
  })
})
