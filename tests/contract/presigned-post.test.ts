/**
 * POST Object (browser form uploads) against the Node host: presigned POSTs made by the SDK's
 * @aws-sdk/s3-presigned-post and by boto3's generate_presigned_post (Debian's python3-boto3), each carrying
 * SSE fields, posted as real multipart/form-data; S3's answers for success_action_status/redirect and for
 * policy conditions that fail (docs/fidelity.md §7).
 */
import { execFile, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { createPresignedPost } from '@aws-sdk/s3-presigned-post'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'
import { parseError } from '../helpers/handle'

let server: RunningEmulator
let s3: S3Client
let keyArn = ''
const Bucket = 'post-bucket'

beforeAll(async () => {
  // SSE-C over plain http for this file only: the form's key field is what is under test, not the transport.
  server = await startEmulator({ allowSseCOverHttp: true, blockSseCOnNewBuckets: false })
  const common = { region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials }
  s3 = new S3Client({ ...common, forcePathStyle: true })
  await s3.send(new CreateBucketCommand({ Bucket }))
  keyArn = (await new KMSClient(common).send(new CreateKeyCommand({}))).KeyMetadata!.Arn!
})
afterAll(() => server?.close())

/** A browser's form submission: the fields in order, then the file. */
async function post(url: string, fields: Record<string, string>, file = 'form body', filename = 'hello.txt') {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('file', new Blob([file], { type: 'text/plain' }), filename)
  return fetch(url, { method: 'POST', body: form, redirect: 'manual' })
}
const head = (Key: string, extra: Record<string, string> = {}) =>
  s3.send(new HeadObjectCommand({ Bucket, Key, ...extra }))

describe('presigned POST from @aws-sdk/s3-presigned-post', () => {
  it('SSE-KMS fields with a key id and context: 204, the object under that key, readable back', async () => {
    const context = Buffer.from(JSON.stringify({ team: 'web' })).toString('base64')
    const Fields = {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': keyArn,
      'x-amz-server-side-encryption-context': context,
    }
    const { url, fields } = await createPresignedPost(s3, {
      Bucket,
      Key: 'uploads/${filename}',
      Fields,
      Conditions: [['content-length-range', 1, 1024]],
      Expires: 60,
    })
    const r = await post(url, fields, 'kms by form', 'report.txt')
    expect(r.status).toBe(204)
    expect(r.headers.get('x-amz-server-side-encryption')).toBe('aws:kms')
    expect(r.headers.get('x-amz-server-side-encryption-aws-kms-key-id')).toBe(keyArn)
    expect(r.headers.get('location')).toBe(`${server.endpoint}/${Bucket}/uploads/report.txt`)
    const h = await head('uploads/report.txt')
    expect([h.ServerSideEncryption, h.SSEKMSKeyId, h.ETag]).toEqual(['aws:kms', keyArn, r.headers.get('etag')])
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/report.txt' }))
    expect(await got.Body!.transformToString()).toBe('kms by form')
  })

  it('SSE-C fields: the object needs the same key to be read; success_action_status 201 answers a PostResponse', async () => {
    const key = Buffer.alloc(32, 9)
    const Fields = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': key.toString('base64'),
      'x-amz-server-side-encryption-customer-key-MD5': (await import('node:crypto'))
        .createHash('md5')
        .update(key)
        .digest('base64'),
      success_action_status: '201',
    }
    const { url, fields } = await createPresignedPost(s3, { Bucket, Key: 'ssec.txt', Fields, Expires: 60 })
    const r = await post(url, fields, 'customer key')
    expect(r.status).toBe(201)
    expect(r.headers.get('x-amz-server-side-encryption-customer-algorithm')).toBe('AES256')
    const body = await r.text()
    expect(body).toContain(`<PostResponse><Location>${server.endpoint}/${Bucket}/ssec.txt</Location>`)
    expect(body).toContain(
      `<Bucket>${Bucket}</Bucket><Key>ssec.txt</Key><ETag>${r.headers.get('etag')!.replaceAll('"', '&quot;')}</ETag>`,
    )
    await expect(head('ssec.txt')).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } })
    const h = await head('ssec.txt', { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') })
    expect(h.SSECustomerAlgorithm).toBe('AES256')
  })

  it('success_action_redirect: 303 to it with bucket, key and etag; the tagging field tags the object', async () => {
    const Fields = {
      tagging: '<Tagging><TagSet><Tag><Key>source</Key><Value>form</Value></Tag></TagSet></Tagging>',
      'x-amz-server-side-encryption': 'AES256',
      success_action_redirect: 'https://example.com/done?from=form',
    }
    const { url, fields } = await createPresignedPost(s3, { Bucket, Key: 'redirected.txt', Fields, Expires: 60 })
    const r = await post(url, fields)
    expect(r.status).toBe(303)
    const to = new URL(r.headers.get('location')!)
    expect([to.origin + to.pathname, to.searchParams.get('from'), to.searchParams.get('bucket')]).toEqual([
      'https://example.com/done',
      'form',
      Bucket,
    ])
    expect([to.searchParams.get('key'), to.searchParams.get('etag')]).toEqual(['redirected.txt', r.headers.get('etag')])
    expect((await head('redirected.txt')).ServerSideEncryption).toBe('AES256')
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'redirected.txt' }))
    expect(tags.TagSet).toEqual([{ Key: 'source', Value: 'form' }])
  })

  it('refuses what the policy does not allow, with S3 errors, and stores nothing', async () => {
    const { url, fields } = await createPresignedPost(s3, {
      Bucket,
      Key: 'uploads/${filename}',
      Fields: { 'x-amz-server-side-encryption': 'aws:kms' },
      Conditions: [['content-length-range', 5, 20]],
      Expires: 60,
    })
    const cases: [Record<string, string>, string, string, number, string, Record<string, string>?][] = [
      [
        { ...fields, key: 'elsewhere/x.txt' },
        'x',
        'x.txt',
        403,
        'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "uploads/"]',
      ],
      [
        { ...fields, 'x-amz-server-side-encryption': 'AES256' },
        'xxxxxx',
        'a.txt',
        403,
        'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-server-side-encryption", "aws:kms"]',
      ],
      [
        { ...fields, 'x-amz-meta-extra': '1' },
        'xxxxxx',
        'b.txt',
        403,
        'Invalid according to Policy: Extra input fields: x-amz-meta-extra',
      ],
      [
        fields,
        'x'.repeat(21),
        'c.txt',
        400,
        'Your proposed upload exceeds the maximum allowed size',
        { ProposedSize: '21', MaxSizeAllowed: '20' },
      ],
      [
        fields,
        'xx',
        'd.txt',
        400,
        'Your proposed upload is smaller than the minimum allowed size',
        { ProposedSize: '2', MinSizeAllowed: '5' },
      ],
    ]
    for (const [form, file, name, status, message, extra] of cases) {
      const r = await post(url, form, file, name)
      const error = parseError(await r.text())
      expect([r.status, error.message]).toEqual([status, message])
      if (extra) expect(error.fields).toMatchObject(extra)
    }
    for (const key of ['elsewhere/x.txt', 'uploads/a.txt', 'uploads/b.txt', 'uploads/c.txt', 'uploads/d.txt'])
      await expect(head(key)).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } })
  })
})

const hasBoto3 = spawnSync('/usr/bin/python3', ['-c', 'import boto3, requests']).status === 0
if (!hasBoto3) console.warn("[presigned-post] boto3 part skipped: no boto3/requests for Debian's /usr/bin/python3")

/** boto3 signs a POST policy with SSE fields and posts the file with requests, as its documentation shows. */
const BOTO3_SCRIPT = `
import sys, json, boto3, requests
from botocore.config import Config
endpoint, bucket, key_arn = sys.argv[1:4]
s3 = boto3.client('s3', endpoint_url=endpoint, region_name='us-east-1',
                  config=Config(signature_version='s3v4', s3={'addressing_style': 'path'}))
sse = {'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': key_arn}
post = s3.generate_presigned_post(bucket, 'boto3/form.txt', Fields=dict(sse),
                                  Conditions=[{k: v} for k, v in sse.items()] + [['content-length-range', 1, 100]],
                                  ExpiresIn=60)
r = requests.post(post['url'], data=post['fields'], files={'file': ('form.txt', b'from boto3')})
head = s3.head_object(Bucket=bucket, Key='boto3/form.txt')
print(json.dumps({'status': r.status_code, 'sse': head['ServerSideEncryption'], 'key': head['SSEKMSKeyId'],
                  'body': s3.get_object(Bucket=bucket, Key='boto3/form.txt')['Body'].read().decode()}))
`

describe.skipIf(!hasBoto3)(
  `boto3 generate_presigned_post${hasBoto3 ? '' : ' (skipped: no boto3 for /usr/bin/python3)'}`,
  () => {
    it('uploads with SSE-KMS fields through requests.post', async () => {
      const { AWS_CA_BUNDLE: _bundle, ...env } = process.env
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          '/usr/bin/python3',
          ['-c', BOTO3_SCRIPT, server.endpoint, Bucket, keyArn],
          {
            env: {
              ...env,
              AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
              AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
            },
          },
          (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout)),
        ),
      )
      expect(JSON.parse(out)).toEqual({ status: 204, sse: 'aws:kms', key: keyArn, body: 'from boto3' })
    })
  },
)
