/**
 * Bucket policies over handle() (docs/fidelity.md §5): Put/Get/DeleteBucketPolicy, explicit deny → 403
 * AccessDenied XML, the request's headers (not the bucket default) as condition keys, and the decision
 * with its explanation in the request event for the inspector.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import type { RequestEvent } from '@/lib/emulator/events'
import { errorOf, harness, type Harness } from '../../../helpers/handle'
import { TLS } from '../../../helpers/sse'

const BUCKET = 'guarded-bucket'
const DENY_UNENCRYPTED = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyIncorrectEncryptionHeader',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
    },
    {
      Sid: 'DenyUnencryptedObjectUploads',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
      Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
    },
  ],
}

let s3: Harness
let events: RequestEvent[]
beforeEach(async () => {
  s3 = harness()
  events = []
  s3.emulator.events.subscribe((e) => events.push(e))
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})
const putPolicy = (doc: unknown) =>
  s3.send('PUT', `/${BUCKET}?policy`, { body: typeof doc === 'string' ? doc : JSON.stringify(doc) })

describe('Put/Get/DeleteBucketPolicy', () => {
  it('Put answers 204; Get returns the JSON as it was sent; Delete answers 204 and Get is then 404 NoSuchBucketPolicy', async () => {
    const text = JSON.stringify(DENY_UNENCRYPTED, null, 2)
    expect((await putPolicy(text)).status).toBe(204)
    const got = await s3.send('GET', `/${BUCKET}?policy`)
    expect([got.status, await got.text()]).toEqual([200, text])
    expect((await s3.send('DELETE', `/${BUCKET}?policy`)).status).toBe(204)
    const e = await errorOf(await s3.send('GET', `/${BUCKET}?policy`))
    expect([e.status, e.code, e.message, e.fields.BucketName]).toEqual([
      404,
      'NoSuchBucketPolicy',
      'The bucket policy does not exist',
      BUCKET,
    ])
    expect((await s3.send('DELETE', `/${BUCKET}?policy`)).status).toBe(204)
  })
  it('malformed JSON is 400 MalformedPolicy and keeps the previous policy', async () => {
    await putPolicy(DENY_UNENCRYPTED)
    const e = await errorOf(await putPolicy('{"Statement": ['))
    expect([e.status, e.code]).toEqual([400, 'MalformedPolicy'])
    expect(await (await s3.send('GET', `/${BUCKET}?policy`)).text()).toBe(JSON.stringify(DENY_UNENCRYPTED))
  })
  it('on a missing bucket, NoSuchBucket', async () => {
    expect((await errorOf(await s3.send('GET', '/no-such-bucket?policy'))).code).toBe('NoSuchBucket')
  })
})

describe('deny unencrypted uploads', () => {
  beforeEach(async () => {
    expect((await putPolicy(DENY_UNENCRYPTED)).status).toBe(204)
  })
  it('a PUT with AES256 goes through; a PUT without the header is 403 AccessDenied XML and stores nothing', async () => {
    expect(
      (await s3.send('PUT', `/${BUCKET}/ok`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES256' } }))
        .status,
    ).toBe(200)
    const e = await errorOf(await s3.send('PUT', `/${BUCKET}/bad`, { body: 'x' }))
    // The same-account text: who, what, on which resource, and that a resource-based policy said Deny.
    expect([e.status, e.code, e.message]).toEqual([
      403,
      'AccessDenied',
      `User: arn:aws:iam::111122223333:user/playground is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${BUCKET}/bad" with an explicit deny in a resource-based policy`,
    ])
    expect(s3.emulator.s3.bucket(BUCKET).objects.has('bad')).toBe(false)
  })
  it('the policy sees the header, not the bucket default: a header-less PUT is denied even with an AES256 default', async () => {
    const config =
      '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>'
    expect((await s3.send('PUT', `/${BUCKET}?encryption`, { body: config })).status).toBe(200)
    expect((await s3.send('PUT', `/${BUCKET}/k`, { body: 'x' })).status).toBe(403)
  })
  it('policy evaluation comes before header validation: a bad SSE value is 403, not 400 (§9 Q7)', async () => {
    expect(
      (await s3.send('PUT', `/${BUCKET}/k`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES192' } }))
        .status,
    ).toBe(403)
  })
  it('the request event carries the decision and why, for the inspector', async () => {
    await s3.send('PUT', `/${BUCKET}/bad`, { body: 'x' })
    const event = events.at(-1)!
    expect([event.operation, event.status]).toEqual(['PutObject', 403])
    const [decision] = event.policy!
    expect(decision!.decision).toBe('Deny')
    expect(decision!.reason).toBe(
      `Explicit deny: statement "DenyIncorrectEncryptionHeader" applies to s3:PutObject on arn:aws:s3:::${BUCKET}/bad.`,
    )
    expect(decision!.context).toMatchObject({ 'aws:securetransport': ['false'] })
    expect(decision!.statements[1]!.checks).toContain(
      '✓ Null s3:x-amz-server-side-encryption ["true"]: the key is absent → matches',
    )
    await s3.send('PUT', `/${BUCKET}/ok`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES256' } })
    expect(events.at(-1)!.policy![0]!.decision).toBe('Allow')
  })
  it('GET is unaffected and carries an Allow explanation', async () => {
    await s3.send('PUT', `/${BUCKET}/ok`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES256' } })
    expect((await s3.send('GET', `/${BUCKET}/ok`)).status).toBe(200)
    expect(events.at(-1)!.policy![0]!.reason).toBe(
      "No statement applies to s3:GetObject; the bucket owner's own permissions allow it.",
    )
  })
  it('HEAD of a denied request is the bare 403', async () => {
    await putPolicy({
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }],
    })
    await s3.send('PUT', `/${BUCKET}/k`, { body: 'x' })
    const r = await s3.send('HEAD', `/${BUCKET}/k`)
    expect([r.status, await r.text()]).toEqual([403, ''])
  })
  it('the parts of an upload created with AES256 pass: UploadPart and Complete see the initiate request’s headers', async () => {
    const created = await s3.send('POST', `/${BUCKET}/big?uploads`, {
      headers: { 'x-amz-server-side-encryption': 'AES256' },
    })
    expect(created.status).toBe(200)
    const uploadId = /<UploadId>([^<]+)</.exec(await created.text())![1]!
    const part = await s3.send('PUT', `/${BUCKET}/big?partNumber=1&uploadId=${uploadId}`, { body: 'x' })
    expect(part.status).toBe(200)
    expect(events.at(-1)!.policy![0]!.context['s3:x-amz-server-side-encryption']).toEqual(['AES256'])
    const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`
    expect((await s3.send('POST', `/${BUCKET}/big?uploadId=${uploadId}`, { body })).status).toBe(200)
  })
  it('CopyObject and CreateMultipartUpload are s3:PutObject too', async () => {
    await s3.send('PUT', `/${BUCKET}/src`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES256' } })
    expect(
      (await s3.send('PUT', `/${BUCKET}/copy`, { headers: { 'x-amz-copy-source': `/${BUCKET}/src` } })).status,
    ).toBe(403)
    expect(
      (
        await s3.send('PUT', `/${BUCKET}/copy`, {
          headers: { 'x-amz-copy-source': `/${BUCKET}/src`, 'x-amz-server-side-encryption': 'AES256' },
        })
      ).status,
    ).toBe(200)
    expect((await s3.send('POST', `/${BUCKET}/mpu?uploads`)).status).toBe(403)
  })
})

describe('aws:SecureTransport and the owner’s own policy calls', () => {
  const HTTPS_ONLY = {
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  }
  it('denies plain http and allows https', async () => {
    await putPolicy(HTTPS_ONLY)
    expect((await s3.send('PUT', `/${BUCKET}/k`, { body: 'x' })).status).toBe(403)
    expect((await s3.send('PUT', `${TLS}/${BUCKET}/k`, { body: 'x' })).status).toBe(200)
    expect((await s3.send('GET', `/${BUCKET}?list-type=2`)).status).toBe(403)
  })
  it('even a policy that denies s3:* cannot lock the owner out of reading, replacing or deleting it', async () => {
    await putPolicy(HTTPS_ONLY)
    expect((await s3.send('GET', `/${BUCKET}?policy`)).status).toBe(200)
    expect((await s3.send('DELETE', `/${BUCKET}?policy`)).status).toBe(204)
    expect((await s3.send('PUT', `/${BUCKET}/k`, { body: 'x' })).status).toBe(200)
  })
  it('forbid SSE-C with Null customer-algorithm false: 403 comes before the SSE-C block or key checks', async () => {
    await putPolicy({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
        },
      ],
    })
    await s3.send('PUT', `/${BUCKET}/k`, {
      body: 'x',
      headers: { 'x-amz-server-side-encryption-customer-algorithm': 'AES192' },
    })
    expect(events.at(-1)!.policy![0]!.decision).toBe('Deny')
  })
})

describe('s3:x-amz-server-side-encryption-aws-kms-key-id is the key S3 will use (§5)', () => {
  async function createKey() {
    const r = await s3.emulator.handle(
      new Request('http://127.0.0.1:4566/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey' },
        body: '{}',
      }),
    )
    return (await r.json()).KeyMetadata as { KeyId: string; Arn: string }
  }
  const requireKey = (arn: string) => ({
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
        Condition: { ArnNotEqualsIfExists: { 's3:x-amz-server-side-encryption-aws-kms-key-id': arn } },
      },
    ],
  })
  it('a key named by id or alias is compared as its ARN; aws:kms without a key id is aws/s3 and denied', async () => {
    const key = await createKey()
    await s3.emulator.handle(
      new Request('http://127.0.0.1:4566/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateAlias' },
        body: JSON.stringify({ AliasName: 'alias/required', TargetKeyId: key.KeyId }),
      }),
    )
    await putPolicy(requireKey(key.Arn))
    const sse = (id?: string) => ({
      'x-amz-server-side-encryption': 'aws:kms',
      ...(id ? { 'x-amz-server-side-encryption-aws-kms-key-id': id } : {}),
    })
    expect((await s3.send('PUT', `/${BUCKET}/a`, { body: 'x', headers: sse(key.KeyId) })).status).toBe(200)
    expect((await s3.send('PUT', `/${BUCKET}/b`, { body: 'x', headers: sse('alias/required') })).status).toBe(200)
    expect((await s3.send('PUT', `/${BUCKET}/c`, { body: 'x', headers: sse() })).status).toBe(403)
    expect(events.at(-1)!.policy![0]!.context['s3:x-amz-server-side-encryption-aws-kms-key-id']![0]).toMatch(
      /^arn:aws:kms:us-east-1:111122223333:key\//,
    )
  })
  it('a header-less upload into a KMS-default bucket carries no key id, unless policyKeyFromBucketDefault is set (§9 Q4)', async () => {
    const key = await createKey()
    const other = await createKey()
    const config = `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${other.KeyId}</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`
    await s3.send('PUT', `/${BUCKET}?encryption`, { body: config })
    await putPolicy(requireKey(key.Arn))
    // IfExists: no key id in the request → the condition matches → denied either way, but for different reasons.
    expect((await s3.send('PUT', `/${BUCKET}/d`, { body: 'x' })).status).toBe(403)
    expect(events.at(-1)!.policy![0]!.context['s3:x-amz-server-side-encryption-aws-kms-key-id']).toBeUndefined()
    s3.emulator.s3.options.policyKeyFromBucketDefault = true
    expect((await s3.send('PUT', `/${BUCKET}/e`, { body: 'x' })).status).toBe(403)
    expect(events.at(-1)!.policy![0]!.context['s3:x-amz-server-side-encryption-aws-kms-key-id']).toEqual([other.Arn])
  })
})
