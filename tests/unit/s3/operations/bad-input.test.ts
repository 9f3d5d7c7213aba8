/**
 * Bad input never crashes and never leaves partial state (issue 4, acceptance): malformed XML and JSON,
 * duplicated or invalid headers, bad base64, truncated aws-chunked bodies, on writes, parts and configs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { errorOf } from '../../../helpers/handle'
import { customerKey, ssecHeaders, sseCHarness, type TlsHarness } from '../../../helpers/sse'

const BUCKET = 'bad-input-bucket'
let s3: TlsHarness
let consoleError: ReturnType<typeof vi.spyOn>
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
  // An unexpected exception would be logged by handle() as an emulator bug: fail on any.
  consoleError = vi.spyOn(console, 'error')
})
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled()
  consoleError.mockRestore()
})
const objects = () => s3.emulator.s3.bucket(BUCKET).objects

describe('headers', () => {
  it('a duplicated x-amz-server-side-encryption header (joined by Fetch as "AES256, AES256") is E1, nothing stored', async () => {
    const headers = new Headers()
    headers.append('x-amz-server-side-encryption', 'AES256')
    headers.append('x-amz-server-side-encryption', 'AES256')
    const r = await s3.emulator.handle(
      new Request(`https://127.0.0.1:4566/${BUCKET}/k`, { method: 'PUT', body: 'x', headers }),
    )
    const e = await errorOf(r)
    expect([e.status, e.code, e.fields.ArgumentValue]).toEqual([400, 'InvalidArgument', 'AES256, AES256'])
    expect(objects().size).toBe(0)
  })
  it('SSE-C key and MD5 that are not base64 are 400s, not crashes', async () => {
    const bad = { ...ssecHeaders(customerKey(1)), 'x-amz-server-side-encryption-customer-key-MD5': '!!!' }
    expect((await errorOf(await s3.tls('PUT', `/${BUCKET}/k`, { body: 'x', headers: bad }))).code).toBe(
      'InvalidArgument',
    )
    const badKey = { ...ssecHeaders(customerKey(1)), 'x-amz-server-side-encryption-customer-key': '====' }
    expect((await errorOf(await s3.tls('PUT', `/${BUCKET}/k`, { body: 'x', headers: badKey }))).code).toBe(
      'InvalidArgument',
    )
    expect(objects().size).toBe(0)
  })
  it('an unparseable bucket-key header value is treated as false', async () => {
    const r = await s3.tls('PUT', `/${BUCKET}/k`, {
      body: 'x',
      headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-bucket-key-enabled': 'yes' },
    })
    expect([r.status, r.headers.get('x-amz-server-side-encryption-bucket-key-enabled')]).toEqual([200, null])
  })
})

describe('bodies', () => {
  const chunked = (payload: string) => ({
    body: payload,
    headers: {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '10',
    },
  })
  it('a truncated aws-chunked PutObject body is 400 IncompleteBody and stores nothing', async () => {
    const e = await errorOf(await s3.tls('PUT', `/${BUCKET}/k`, chunked('a;chunk-signature=x\r\n01234')))
    expect([e.status, e.code]).toEqual([400, 'IncompleteBody'])
    expect(objects().size).toBe(0)
  })
  it('a truncated UploadPart body stores no part', async () => {
    const id = /<UploadId>([^<]+)</.exec(await (await s3.tls('POST', `/${BUCKET}/mp?uploads`)).text())![1]!
    expect((await s3.tls('PUT', `/${BUCKET}/mp?partNumber=1&uploadId=${id}`, chunked('a\r\n0123'))).status).toBe(400)
    expect(s3.emulator.s3.bucket(BUCKET).uploads.get(id)!.parts.size).toBe(0)
  })
  it('a BadDigest part is refused and the upload keeps its earlier parts', async () => {
    const id = /<UploadId>([^<]+)</.exec(await (await s3.tls('POST', `/${BUCKET}/mp?uploads`)).text())![1]!
    await s3.tls('PUT', `/${BUCKET}/mp?partNumber=1&uploadId=${id}`, { body: 'first' })
    const e = await errorOf(
      await s3.tls('PUT', `/${BUCKET}/mp?partNumber=2&uploadId=${id}`, {
        body: 'second',
        headers: { 'content-md5': 'AAAAAAAAAAAAAAAAAAAAAA==' },
      }),
    )
    expect(e.code).toBe('BadDigest')
    expect([...s3.emulator.s3.bucket(BUCKET).uploads.get(id)!.parts.keys()]).toEqual([1])
  })
})

describe('configs and documents', () => {
  it.each([
    ['XML that is not XML', 'not xml at all'],
    ['an unclosed element', '<CompleteMultipartUpload><Part>'],
    [
      'a part without an ETag',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
    ],
  ])('CompleteMultipartUpload with %s is MalformedXML and the upload survives', async (_name, body) => {
    const id = /<UploadId>([^<]+)</.exec(await (await s3.tls('POST', `/${BUCKET}/mp?uploads`)).text())![1]!
    expect((await errorOf(await s3.tls('POST', `/${BUCKET}/mp?uploadId=${id}`, { body }))).code).toBe('MalformedXML')
    expect(s3.emulator.s3.bucket(BUCKET).uploads.has(id)).toBe(true)
  })
  it.each([
    ['empty', ''],
    ['a JSON string', '"policy"'],
    ['Statement not a list of objects', '{"Statement": [1]}'],
    [
      'a Condition that is a string',
      JSON.stringify({
        Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: 'x' }],
      }),
    ],
    [
      'an unknown statement field',
      JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Colour: 'red' }] }),
    ],
    [
      'an Effect that is neither',
      JSON.stringify({ Statement: [{ Effect: 'Maybe', Principal: '*', Action: 's3:*', Resource: '*' }] }),
    ],
  ])('PutBucketPolicy with %s is MalformedPolicy and leaves no policy', async (_name, body) => {
    expect((await errorOf(await s3.send('PUT', `/${BUCKET}?policy`, { body }))).code).toBe('MalformedPolicy')
    expect(s3.emulator.s3.bucket(BUCKET).policy).toBeUndefined()
  })
})
