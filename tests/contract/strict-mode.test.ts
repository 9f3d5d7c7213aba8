/**
 * Strict mode: the emulator's HTTP host verifies SigV4 (header-signed and presigned) with its configured
 * credentials and honours bucket CORS rules, so it can stand in for a real endpoint. Driven by real
 * @aws-sdk clients and the real aws CLI.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { awsEnv, findAws } from '../helpers/aws-cli'
import { fetchSentHeaders } from '@/lib/sdk/sent-headers'

const good = { accessKeyId: 'AKIASTRICTEXAMPLE', secretAccessKey: 'strict-secret-0123456789' }
let server: RunningEmulator
const s3 = (credentials = good) =>
  new S3Client({ region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials, maxAttempts: 1 })
const kms = (credentials = good) =>
  new KMSClient({ region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 })

beforeAll(async () => {
  server = await startEmulator({ http: { auth: { credentials: [good] }, cors: 'rules' } })
  await s3().send(new CreateBucketCommand({ Bucket: 'strict-bucket' }))
})
afterAll(() => server.close())

async function errorOf(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number; body?: Record<string, string> }> {
  try {
    await p
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } } & Record<
      string,
      unknown
    >
    return {
      name: err.name,
      message: err.message,
      status: err.$metadata?.httpStatusCode,
      body: err as Record<string, string>,
    }
  }
  throw new Error('expected the call to fail')
}

describe('SigV4 verification', () => {
  it('accepts requests signed with the configured credentials', async () => {
    const put = await s3().send(
      new PutObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt', Body: 'hello', ServerSideEncryption: 'AES256' }),
    )
    expect(put.ServerSideEncryption).toBe('AES256')
    const got = await s3().send(new GetObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }))
    expect(await got.Body!.transformToString()).toBe('hello')
    const key = await kms().send(new CreateKeyCommand({ Description: 'strict' }))
    expect(key.KeyMetadata?.KeyId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('a wrong secret gets 403 SignatureDoesNotMatch with the canonical request and string to sign', async () => {
    const e = await errorOf(
      s3({ ...good, secretAccessKey: 'wrong' }).send(
        new PutObjectCommand({ Bucket: 'strict-bucket', Key: 'b.txt', Body: 'x' }),
      ),
    )
    expect(e.name).toBe('SignatureDoesNotMatch')
    expect(e.status).toBe(403)
    expect(e.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
    expect(e.body?.AWSAccessKeyId).toBe(good.accessKeyId)
    expect(e.body?.CanonicalRequest).toMatch(/^PUT\n\/strict-bucket\/b\.txt\n/)
    expect(e.body?.StringToSign).toMatch(
      /^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/,
    )
    expect(e.body?.StringToSignBytes).toMatch(/^41 57 53 34/)
  })

  it('an unknown access key gets 403 InvalidAccessKeyId', async () => {
    const e = await errorOf(
      s3({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: good.secretAccessKey }).send(
        new HeadObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }),
      ),
    )
    expect(e.status).toBe(403) // HEAD: no body, so only the status
    const get = await errorOf(
      s3({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: good.secretAccessKey }).send(
        new GetObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }),
      ),
    )
    expect(get.name).toBe('InvalidAccessKeyId')
    expect(get.message).toBe('The AWS Access Key Id you provided does not exist in our records.')
    expect(get.body?.AWSAccessKeyId).toBe('AKIAUNKNOWN')
  })

  it('KMS answers as KMS does: InvalidSignatureException, UnrecognizedClientException, MissingAuthenticationToken', async () => {
    const wrong = await errorOf(kms({ ...good, secretAccessKey: 'wrong' }).send(new CreateKeyCommand({})))
    expect(wrong.name).toBe('InvalidSignatureException')
    expect(wrong.status).toBe(400)
    expect(wrong.message).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key/,
    )
    const unknown = await errorOf(
      kms({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' }).send(new CreateKeyCommand({})),
    )
    expect(unknown.name).toBe('UnrecognizedClientException')
    expect(unknown.message).toBe('The security token included in the request is invalid.')
    const anonymous = await fetch(server.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    })
    expect(anonymous.status).toBe(400)
    expect(await anonymous.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    })
    const incomplete = await fetch(server.endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'TrentService.ListKeys',
        'content-type': 'application/x-amz-json-1.1',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20261128/us-east-1/kms/aws4_request',
      },
      body: '{}',
    })
    expect(await incomplete.json()).toMatchObject({ __type: 'IncompleteSignatureException' })
  })

  it('verifies presigned URLs: the right secret works, a wrong one and an expired one do not', async () => {
    const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }), {
      expiresIn: 60,
    })
    expect(await (await fetch(url)).text()).toBe('hello')
    const forged = await getSignedUrl(
      s3({ ...good, secretAccessKey: 'wrong' }),
      new GetObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }),
      { expiresIn: 60 },
    )
    const refused = await fetch(forged)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const old = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'strict-bucket', Key: 'a.txt' }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 3_600_000),
    })
    const expired = await fetch(old)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toMatch(
      /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>1<\/X-Amz-Expires>/,
    )
  })

  it('an unsigned request is anonymous: 403 AccessDenied', async () => {
    const r = await fetch(`${server.endpoint}/strict-bucket/a.txt`)
    expect(r.status).toBe(403)
    expect(await r.text()).toContain('<Code>AccessDenied</Code>')
  })
})

describe('bucket CORS rules', () => {
  const origin = 'http://127.0.0.1:3220'
  const preflight = (path: string, method: string, headers: string, from = origin) =>
    fetch(`${server.endpoint}${path}`, {
      method: 'OPTIONS',
      headers: { origin: from, 'access-control-request-method': method, 'access-control-request-headers': headers },
    })

  beforeAll(async () => {
    await s3().send(new CreateBucketCommand({ Bucket: 'cors-bucket' }))
  })

  it('refuses preflights before a configuration exists, then answers them from the rules', async () => {
    const before = await preflight('/cors-bucket/k', 'PUT', 'authorization')
    expect(before.status).toBe(403)
    expect(await before.text()).toContain(
      '<Message>CORSResponse: CORS is not enabled for this bucket.</Message><Method>PUT</Method><ResourceType>OBJECT</ResourceType>',
    )
    await s3().send(
      new PutBucketCorsCommand({
        Bucket: 'cors-bucket',
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [origin],
              AllowedMethods: ['GET', 'PUT'],
              AllowedHeaders: ['authorization', 'x-amz-*', 'content-type'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 60,
            },
          ],
        },
      }),
    )
    const ok = await preflight('/cors-bucket/k', 'PUT', 'authorization,x-amz-date,content-type')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin)
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, PUT')
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, x-amz-date, content-type')
    expect(ok.headers.get('access-control-max-age')).toBe('60')
    // OPTIONS object lists Access-Control-Expose-Headers among the preflight's answers (docs/fidelity.md §6).
    expect(ok.headers.get('access-control-expose-headers')).toBe('ETag')
  })

  it('403 "This CORS request is not allowed" for a method, header or origin no rule allows', async () => {
    for (const r of [
      await preflight('/cors-bucket/k', 'DELETE', 'authorization'),
      await preflight('/cors-bucket/k', 'PUT', 'amz-sdk-request'),
      await preflight('/cors-bucket/k', 'PUT', 'authorization', 'https://evil.example'),
    ]) {
      expect(r.status).toBe(403)
      expect(await r.text()).toContain(
        '<Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin',
      )
    }
  })

  it('adds Access-Control-* to actual responses for an allowed origin only, exposing what the rule names', async () => {
    await s3().send(new PutObjectCommand({ Bucket: 'cors-bucket', Key: 'k', Body: 'v' }))
    const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: 'cors-bucket', Key: 'k' }), { expiresIn: 60 })
    const allowed = await fetch(url, { headers: { origin } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin)
    expect(allowed.headers.get('access-control-expose-headers')).toBe('ETag')
    const other = await fetch(url, { headers: { origin: 'https://evil.example' } })
    expect(other.status).toBe(200)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    // What the server really sent, for the inspector: every header, before CORS filtered them.
    const id = allowed.headers.get('x-amz-request-id')!
    // Strict mode wants the S3 credential for it (fetchSentHeaders presigns with the target's keys).
    const unsigned = await fetch(`${server.endpoint}/_playground/sent-headers/${id}`, { headers: { origin } })
    expect(unsigned.status).toBe(403)
    const headers = await fetchSentHeaders(server.endpoint, id, (u) => fetch(u, { headers: { origin } }), {
      region: 'us-east-1',
      credentials: good,
    })
    expect(headers?.map(([k]) => k)).toEqual(
      expect.arrayContaining(['etag', 'x-amz-server-side-encryption', 'x-amz-request-id']),
    )
    expect(await fetchSentHeaders(server.endpoint, 'NOPE', fetch, { region: 'us-east-1', credentials: good })).toBe(
      undefined,
    )
  })
})

describe('the real aws CLI against strict mode', () => {
  const aws = findAws()
  const cwd = mkdtempSync(join(tmpdir(), 'strict-cli-'))
  const run = (secret: string, args: string[]) =>
    new Promise<{ code: number; stderr: string; stdout: string }>((resolve) =>
      execFile(
        aws!.command,
        ['--endpoint-url', server.endpoint, ...args],
        { cwd, env: { ...awsEnv, AWS_ACCESS_KEY_ID: good.accessKeyId, AWS_SECRET_ACCESS_KEY: secret } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    )

  it.skipIf(!aws)(
    `aws-cli signs correctly for s3 and kms, and a wrong secret is refused${aws ? '' : ' (skipped: no aws CLI installed)'}`,
    async () => {
      const put = await run(good.secretAccessKey, [
        's3api',
        'put-object',
        '--bucket',
        'strict-bucket',
        '--key',
        'cli.txt',
        '--server-side-encryption',
        'aws:kms',
      ])
      expect(put.stderr).toBe('')
      expect(JSON.parse(put.stdout).ServerSideEncryption).toBe('aws:kms')
      const keys = await run(good.secretAccessKey, ['kms', 'list-keys'])
      expect(keys.code).toBe(0)
      const wrong = await run('not-the-secret', ['s3api', 'head-bucket', '--bucket', 'strict-bucket'])
      expect(wrong.code).not.toBe(0)
      expect(wrong.stderr).toContain('(403)')
      const wrongGet = await run('not-the-secret', ['s3api', 'list-objects-v2', '--bucket', 'strict-bucket'])
      expect(wrongGet.stderr).toContain(
        'An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      )
      const kmsWrong = await run('not-the-secret', ['kms', 'list-keys'])
      expect(kmsWrong.stderr).toContain('(InvalidSignatureException)')
    },
  )
})
