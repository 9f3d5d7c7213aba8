/** PutObject / GetObject / HeadObject / DeleteObject over handle(): ETag, metadata, ranges, preconditions. */
import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf, harness, type Harness } from '../../../helpers/handle'
import { storedBytes } from '../../../helpers/at-rest'

const BUCKET = 'objects-bucket'
const DIGITS = '0123456789'
const T0 = new Date('2026-03-01T12:00:00.000Z')

let s3: Harness
let clock: Date
beforeEach(async () => {
  clock = T0
  s3 = harness({ now: () => clock })
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex')
const put = (key: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  s3.send('PUT', `/${BUCKET}/${key}`, { body, headers })
const get = (key: string, headers: Record<string, string> = {}) => s3.send('GET', `/${BUCKET}/${key}`, { headers })

describe('ETag (§6.1)', () => {
  it('SSE-S3: the quoted MD5 of the plaintext, on PUT, GET and HEAD', async () => {
    const text = 'Hello, encrypted world\n'
    const etag = `"${md5(text)}"`
    expect((await put('k', text)).headers.get('etag')).toBe(etag)
    expect((await get('k')).headers.get('etag')).toBe(etag)
    expect((await s3.send('HEAD', `/${BUCKET}/k`)).headers.get('etag')).toBe(etag)
  })
  it('of binary and empty bodies too; the ciphertext differs for the same ETag', async () => {
    const binary = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 255)
    expect((await put('bin', binary)).headers.get('etag')).toBe(`"${md5(binary)}"`)
    expect((await put('empty', '')).headers.get('etag')).toBe('"d41d8cd98f00b204e9800998ecf8427e"')
    await put('bin2', binary)
    const objects = s3.emulator.s3.bucket(BUCKET).objects
    expect(objects.get('bin')!.etag).toBe(objects.get('bin2')!.etag)
    expect(storedBytes(s3.emulator, objects.get('bin')!.sealed.parts[0]!)).not.toEqual(
      storedBytes(s3.emulator, objects.get('bin2')!.sealed.parts[0]!),
    )
  })
})

describe('object responses', () => {
  it('GET and HEAD return the stored headers, user metadata and size', async () => {
    await put('k', DIGITS, { 'content-type': 'text/plain', 'cache-control': 'no-cache', 'x-amz-meta-Color': 'blue' })
    for (const method of ['GET', 'HEAD']) {
      const r = await s3.send(method, `/${BUCKET}/k`)
      expect(r.status).toBe(200)
      expect(r.headers.get('content-type')).toBe('text/plain')
      expect(r.headers.get('cache-control')).toBe('no-cache')
      expect(r.headers.get('x-amz-meta-color')).toBe('blue')
      expect(r.headers.get('content-length')).toBe('10')
      expect(r.headers.get('accept-ranges')).toBe('bytes')
      expect(r.headers.get('last-modified')).toBe(T0.toUTCString())
    }
  })
  it('defaults Content-Type to binary/octet-stream', async () => {
    await s3.emulator.handle(
      new Request(`http://127.0.0.1:4566/${BUCKET}/raw`, { method: 'PUT', body: new Uint8Array([1, 2, 3]) }),
    )
    expect((await s3.send('HEAD', `/${BUCKET}/raw`)).headers.get('content-type')).toBe('binary/octet-stream')
  })
  it('an empty object comes back empty', async () => {
    await put('empty', '')
    const r = await get('empty')
    expect([r.status, await r.text(), r.headers.get('content-length')]).toEqual([200, '', '0'])
  })
  it('DeleteObject is 204 whether or not the key exists', async () => {
    await put('k', 'v')
    expect((await s3.send('DELETE', `/${BUCKET}/k`)).status).toBe(204)
    expect((await s3.send('DELETE', `/${BUCKET}/k`)).status).toBe(204)
    expect((await get('k')).status).toBe(404)
  })
  it('a key longer than 1024 UTF-8 bytes is 400 KeyTooLongError', async () => {
    const e = await errorOf(await put('é'.repeat(513), 'v'))
    expect([e.status, e.code]).toEqual([400, 'KeyTooLongError'])
  })
  it('NoSuchBucket and NoSuchKey', async () => {
    expect((await errorOf(await s3.send('GET', '/no-such-bucket/k'))).code).toBe('NoSuchBucket')
    expect((await errorOf(await s3.send('PUT', '/no-such-bucket/k', { body: 'v' }))).code).toBe('NoSuchBucket')
    const e = await errorOf(await get('missing'))
    expect([e.status, e.code, e.fields.Key]).toEqual([404, 'NoSuchKey', 'missing'])
  })
})

describe('Range (RFC 9110 §14 as S3 serves it)', () => {
  beforeEach(async () => {
    await put('digits', DIGITS)
  })
  for (const [range, body, contentRange] of [
    ['bytes=2-5', '2345', 'bytes 2-5/10'],
    ['bytes=0-0', '0', 'bytes 0-0/10'],
    ['bytes=7-', '789', 'bytes 7-9/10'],
    ['bytes=0-', DIGITS, 'bytes 0-9/10'],
    ['bytes=5-100', '56789', 'bytes 5-9/10'],
    ['bytes=-3', '789', 'bytes 7-9/10'],
    ['bytes=-20', DIGITS, 'bytes 0-9/10'],
    ['bytes=9-9', '9', 'bytes 9-9/10'],
  ]) {
    it(`${range} → 206 "${body}" (${contentRange})`, async () => {
      const r = await get('digits', { range: range! })
      expect([r.status, await r.text(), r.headers.get('content-range'), r.headers.get('content-length')]).toEqual([
        206,
        body,
        contentRange,
        String(body!.length),
      ])
    })
  }

  for (const range of ['bytes=10-12', 'bytes=10-', 'bytes=-0', 'bytes=100-200']) {
    it(`${range} → 416 InvalidRange with RangeRequested and ActualObjectSize`, async () => {
      const e = await errorOf(await get('digits', { range }))
      expect([e.status, e.code, e.message]).toEqual([416, 'InvalidRange', 'The requested range is not satisfiable'])
      expect(e.fields).toMatchObject({ RangeRequested: range, ActualObjectSize: '10' })
    })
  }

  for (const range of ['bytes=5-2', 'items=0-1', 'bytes=0-1,3-4', 'bytes=abc', 'bytes=-']) {
    it(`an invalid or unsupported range (${range}) is ignored: 200 with the whole object`, async () => {
      const r = await get('digits', { range })
      expect([r.status, await r.text(), r.headers.get('content-range')]).toEqual([200, DIGITS, null])
    })
  }

  it('a range on an empty object is 416', async () => {
    await put('empty', '')
    expect((await get('empty', { range: 'bytes=0-' })).status).toBe(416)
  })

  it('a ranged GET carries no whole-object checksum; a full GET with checksum mode does', async () => {
    expect(
      (await get('digits', { range: 'bytes=0-1', 'x-amz-checksum-mode': 'ENABLED' })).headers.get(
        'x-amz-checksum-crc64nvme',
      ),
    ).toBeNull()
    expect(
      (await get('digits', { 'x-amz-checksum-mode': 'ENABLED' })).headers.get('x-amz-checksum-crc64nvme'),
    ).not.toBeNull()
    expect((await get('digits')).headers.get('x-amz-checksum-crc64nvme')).toBeNull()
  })
})

describe('preconditions (GetObject / HeadObject)', () => {
  let etag: string
  beforeEach(async () => {
    etag = (await put('k', DIGITS)).headers.get('etag')!
    clock = new Date(T0.getTime() + 60_000)
  })
  const before = new Date(T0.getTime() - 3_600_000).toUTCString()
  const after = new Date(T0.getTime() + 3_600_000).toUTCString()

  it('If-Match with the ETag (quoted, unquoted, in a list, or *) → 200', async () => {
    for (const value of [etag, etag.slice(1, -1), `"nope", ${etag}`, '*'])
      expect((await get('k', { 'if-match': value })).status, value).toBe(200)
  })
  it('If-Match with another ETag → 412 PreconditionFailed naming If-Match; HEAD too, with no body', async () => {
    const e = await errorOf(await get('k', { 'if-match': '"0123456789abcdef0123456789abcdef"' }))
    expect([e.status, e.code, e.message, e.fields.Condition]).toEqual([
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      'If-Match',
    ])
    const h = await s3.send('HEAD', `/${BUCKET}/k`, { headers: { 'if-match': '"x"' } })
    expect([h.status, await h.text()]).toEqual([412, ''])
  })
  it('If-None-Match with the ETag (or *) → 304 with no body', async () => {
    for (const value of [etag, '*']) {
      const r = await get('k', { 'if-none-match': value })
      expect([r.status, await r.text()]).toEqual([304, ''])
    }
  })
  it('If-None-Match with another ETag → 200', async () => {
    expect((await get('k', { 'if-none-match': '"other"' })).status).toBe(200)
  })
  it('If-Modified-Since: 304 when not modified since, 200 when modified', async () => {
    expect((await get('k', { 'if-modified-since': after })).status).toBe(304)
    expect((await get('k', { 'if-modified-since': T0.toUTCString() })).status).toBe(304)
    expect((await get('k', { 'if-modified-since': before })).status).toBe(200)
  })
  it('If-Unmodified-Since: 412 when modified since, 200 when not', async () => {
    const e = await errorOf(await get('k', { 'if-unmodified-since': before }))
    expect([e.status, e.fields.Condition]).toEqual([412, 'If-Unmodified-Since'])
    expect((await get('k', { 'if-unmodified-since': after })).status).toBe(200)
  })
  it('If-Match true + If-Unmodified-Since false → 200 (GetObject API reference)', async () => {
    expect((await get('k', { 'if-match': etag, 'if-unmodified-since': before })).status).toBe(200)
  })
  it('If-None-Match false + If-Modified-Since true → 304 (GetObject API reference)', async () => {
    expect((await get('k', { 'if-none-match': etag, 'if-modified-since': before })).status).toBe(304)
  })
  it('If-None-Match true + If-Modified-Since false → 200 (If-Modified-Since is ignored)', async () => {
    expect((await get('k', { 'if-none-match': '"other"', 'if-modified-since': after })).status).toBe(200)
  })
  it('a failed precondition wins over an unsatisfiable range', async () => {
    expect((await get('k', { 'if-match': '"x"', range: 'bytes=50-60' })).status).toBe(412)
  })
  it('an unparseable date is ignored', async () => {
    expect((await get('k', { 'if-modified-since': 'yesterday-ish' })).status).toBe(200)
  })
})
