/**
 * CopyObject over handle() (docs/fidelity.md §2.5 copy in place, §6.3 copy semantics, §2.3 R7–R9 SSE-C sources):
 * the destination's encryption is never inherited, and a copy onto itself must change something.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../../helpers/handle'
import { customerKey, md5Hex, ssecHeaders, sseCHarness, type TlsHarness } from '../../../helpers/sse'

const BUCKET = 'copy-bucket'
const KEY = customerKey(5)
const ILLEGAL =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."

let s3: TlsHarness
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
  await s3.tls('PUT', `/${BUCKET}/src`, {
    body: 'source body',
    headers: { 'content-type': 'text/plain', 'x-amz-meta-colour': 'blue' },
  })
})

const copy = (to: string, headers: Record<string, string> = {}, from = `/${BUCKET}/src`) =>
  s3.tls('PUT', `/${BUCKET}/${to}`, { headers: { 'x-amz-copy-source': from, ...headers } })
const head = (key: string, headers: Record<string, string> = {}) => s3.tls('HEAD', `/${BUCKET}/${key}`, { headers })

describe('CopyObject', () => {
  it('copies bytes, metadata (COPY directive) and answers CopyObjectResult with the MD5 ETag for SSE-S3', async () => {
    const r = await copy('dst')
    const body = await r.text()
    expect(r.status).toBe(200)
    expect(body).toContain('<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">')
    // S3 escapes the ETag's quotes in XML.
    expect(body).toContain(`<ETag>&quot;${md5Hex('source body')}&quot;</ETag>`)
    expect(body).toMatch(/<LastModified>\d{4}-\d\d-\d\dT[\d:.]+Z<\/LastModified>/)
    expect(body).toContain('<ChecksumType>FULL_OBJECT</ChecksumType><ChecksumCRC64NVME>')
    expect(r.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    const got = await s3.tls('GET', `/${BUCKET}/dst`)
    expect([await got.text(), got.headers.get('content-type'), got.headers.get('x-amz-meta-colour')]).toEqual([
      'source body',
      'text/plain',
      'blue',
    ])
  })

  it('MetadataDirective REPLACE takes the request’s metadata; an unknown directive is 400', async () => {
    await copy('dst', {
      'x-amz-metadata-directive': 'REPLACE',
      'x-amz-meta-size': 'big',
      'content-type': 'application/json',
    })
    const h = await head('dst')
    expect([
      h.headers.get('x-amz-meta-colour'),
      h.headers.get('x-amz-meta-size'),
      h.headers.get('content-type'),
    ]).toEqual([null, 'big', 'application/json'])
    const e = await errorOf(await copy('dst2', { 'x-amz-metadata-directive': 'MERGE' }))
    expect([e.status, e.code, e.message, e.fields.ArgumentName]).toEqual([
      400,
      'InvalidArgument',
      'Unknown metadata directive.',
      'x-amz-metadata-directive',
    ])
  })

  it('accepts the source with or without a leading slash, URL-encoded, and versionId=null', async () => {
    await s3.tls('PUT', `/${BUCKET}/dir/a b.txt`, { body: 'spaced' })
    expect((await copy('x1', {}, `${BUCKET}/dir/a%20b.txt`)).status).toBe(200)
    expect((await copy('x2', {}, `/${BUCKET}/dir/a%20b.txt?versionId=null`)).status).toBe(200)
    expect(await (await s3.tls('GET', `/${BUCKET}/x2`)).text()).toBe('spaced')
  })

  it('a source without a key, a missing source and a missing source bucket are S3’s errors', async () => {
    const bad = await errorOf(await copy('dst', {}, 'just-a-bucket'))
    expect([bad.status, bad.code, bad.fields.ArgumentName]).toEqual([400, 'InvalidArgument', 'x-amz-copy-source'])
    expect((await errorOf(await copy('dst', {}, `/${BUCKET}/missing`))).code).toBe('NoSuchKey')
    expect((await errorOf(await copy('dst', {}, '/no-such-bucket/k'))).code).toBe('NoSuchBucket')
  })

  it('x-amz-copy-source-if-match / if-none-match give 412 when they fail', async () => {
    expect((await errorOf(await copy('dst', { 'x-amz-copy-source-if-match': '"nope"' }))).status).toBe(412)
    const etag = (await head('src')).headers.get('etag')!
    expect((await errorOf(await copy('dst', { 'x-amz-copy-source-if-none-match': etag }))).status).toBe(412)
    expect((await copy('dst', { 'x-amz-copy-source-if-match': etag })).status).toBe(200)
  })
})

describe('destination encryption is never inherited (§6.3)', () => {
  it('an SSE-C source copied without destination headers becomes SSE-S3 with the MD5 ETag again', async () => {
    await s3.tls('PUT', `/${BUCKET}/secret`, { body: 'test_data', headers: ssecHeaders(KEY) })
    const r = await copy('plain', ssecHeaders(KEY, 'x-amz-copy-source-'), `/${BUCKET}/secret`)
    expect(r.status).toBe(200)
    expect(await r.text()).toContain(`<ETag>&quot;${md5Hex('test_data')}&quot;</ETag>`)
    expect(r.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    expect(await (await s3.tls('GET', `/${BUCKET}/plain`)).text()).toBe('test_data')
  })

  it('an SSE-S3 source copied with destination SSE-C headers becomes SSE-C with a random ETag', async () => {
    const r = await copy('locked', ssecHeaders(KEY))
    expect(r.headers.get('x-amz-server-side-encryption-customer-algorithm')).toBe('AES256')
    expect(r.headers.get('x-amz-server-side-encryption')).toBeNull()
    expect(await r.text()).not.toContain(md5Hex('source body'))
    expect((await errorOf(await s3.tls('GET', `/${BUCKET}/locked`))).code).toBe('InvalidRequest')
    expect(await (await s3.tls('GET', `/${BUCKET}/locked`, { headers: ssecHeaders(KEY) })).text()).toBe('source body')
  })
})

describe('SSE-C copy sources (R7–R9)', () => {
  beforeEach(async () => {
    await s3.tls('PUT', `/${BUCKET}/secret`, { body: 'test_data', headers: ssecHeaders(KEY) })
  })
  it('R7: no copy-source key is 400 InvalidRequest with the R1 text', async () => {
    const e = await errorOf(await copy('dst', {}, `/${BUCKET}/secret`))
    expect([e.status, e.code]).toEqual([400, 'InvalidRequest'])
    expect(e.message).toMatch(/^The object was stored using a form of Server Side Encryption/)
  })
  it('R8: a bad copy-source algorithm is 400 InvalidEncryptionAlgorithmError', async () => {
    const headers = {
      ...ssecHeaders(KEY, 'x-amz-copy-source-'),
      'x-amz-copy-source-server-side-encryption-customer-algorithm': 'AES128',
    }
    expect((await errorOf(await copy('dst', headers, `/${BUCKET}/secret`))).code).toBe(
      'InvalidEncryptionAlgorithmError',
    )
  })
  it('R9: a wrong copy-source key is 403 AccessDenied', async () => {
    const e = await errorOf(await copy('dst', ssecHeaders(customerKey(9), 'x-amz-copy-source-'), `/${BUCKET}/secret`))
    expect([e.status, e.code]).toEqual([403, 'AccessDenied'])
  })
})

describe('copy in place (§2.5), in a bucket that never had PutBucketEncryption', () => {
  const IMPLICIT = 'implicit-bucket'
  const inPlace = (headers: Record<string, string> = {}) =>
    s3.tls('PUT', `/${IMPLICIT}/k`, { headers: { 'x-amz-copy-source': `/${IMPLICIT}/k`, ...headers } })
  beforeEach(async () => {
    await s3.send('PUT', `/${IMPLICIT}`)
    await s3.send('PUT', `/${IMPLICIT}/k`, { body: 'v', headers: { 'x-amz-meta-a': '1' } })
  })
  it('with nothing changed is 400 InvalidRequest with S3’s text', async () => {
    const e = await errorOf(await inPlace())
    expect([e.status, e.code, e.message]).toEqual([400, 'InvalidRequest', ILLEGAL])
  })
  it('with only metadata under the COPY directive, still illegal', async () => {
    expect((await errorOf(await inPlace({ 'x-amz-meta-new': 'x', 'x-amz-metadata-directive': 'COPY' }))).message).toBe(
      ILLEGAL,
    )
  })
  for (const [what, headers] of [
    ['MetadataDirective REPLACE', { 'x-amz-metadata-directive': 'REPLACE' }],
    ['the same storage class STANDARD', { 'x-amz-storage-class': 'STANDARD' }],
    ['a website redirect', { 'x-amz-website-redirect-location': '/elsewhere' }],
    ['the same AES256 the object already has', { 'x-amz-server-side-encryption': 'AES256' }],
  ] as [string, Record<string, string>][]) {
    it(`is legal with ${what}`, async () => {
      expect((await inPlace(headers)).status).toBe(200)
    })
  }
})

describe('copy in place when the encryption changes or the configuration is explicit', () => {
  it('re-encrypting SSE-C → SSE-S3 in place is legal (the encryption changes), and gives the MD5 ETag', async () => {
    await s3.tls('PUT', `/${BUCKET}/secret`, { body: 'test_data', headers: ssecHeaders(KEY) })
    const r = await copy('secret', ssecHeaders(KEY, 'x-amz-copy-source-'), `/${BUCKET}/secret`)
    expect(r.status).toBe(200)
    expect((await head('secret')).headers.get('etag')).toBe(`"${md5Hex('test_data')}"`)
  })
  it('after an explicit PutBucketEncryption, a header-less copy in place is legal', async () => {
    const fresh = await sseCHarness('explicit-bucket')
    await fresh.tls('PUT', '/explicit-bucket/k', { body: 'v' })
    const legacy = await fresh.tls('PUT', '/explicit-bucket/k', {
      headers: { 'x-amz-copy-source': '/explicit-bucket/k' },
    })
    // sseCHarness ran PutBucketEncryption (to unblock SSE-C), so the configuration is explicit.
    expect(legacy.status).toBe(200)
    const implicit = await s3.send('PUT', '/implicit-bucket')
    expect(implicit.status).toBe(200)
    await s3.send('PUT', '/implicit-bucket/k', { body: 'v' })
    expect(
      (
        await errorOf(
          await s3.send('PUT', '/implicit-bucket/k', { headers: { 'x-amz-copy-source': '/implicit-bucket/k' } }),
        )
      ).message,
    ).toBe(ILLEGAL)
  })
})
