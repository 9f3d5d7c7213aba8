/**
 * SSE-C over handle() (docs/fidelity.md §2.2 C1–C9, §2.3 R1–R11, §1.2 response headers, §6.1 ETag): raw headers,
 * including the malformed ones @aws-sdk/client-s3 cannot send (it recomputes the key MD5).
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../../helpers/handle'
import { customerKey, md5Base64, md5Hex, ssecHeaders, sseCHarness, type TlsHarness } from '../../../helpers/sse'
import { openSealed, storedBytes } from '../../../helpers/at-rest'

const BUCKET = 'ssec-bucket'
const KEY = customerKey(1)
const OTHER = customerKey(2)
const BODY = 'test_data'
const SSE = 'x-amz-server-side-encryption'
const ARG = { ArgumentName: SSE }

let s3: TlsHarness
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
})

const put = (headers: Record<string, string>, key = 'obj', body = BODY) =>
  s3.tls('PUT', `/${BUCKET}/${key}`, { body, headers })
const stored = (key = 'obj') => s3.emulator.s3.bucket(BUCKET).objects.get(key)

describe('writing with SSE-C', () => {
  it('stores the object; answers the algorithm and key MD5, and no x-amz-server-side-encryption', async () => {
    const r = await put(ssecHeaders(KEY))
    expect(r.status).toBe(200)
    expect(r.headers.get(`${SSE}-customer-algorithm`)).toBe('AES256')
    expect(r.headers.get(`${SSE}-customer-key-md5`)).toBe(md5Base64(KEY))
    expect(r.headers.get(SSE)).toBeNull()
    expect(stored()?.sse.algorithm).toBe('SSE-C')
  })

  it('the ETag is 32 hex digits, not the MD5 of the data, and differs on each upload of the same bytes', async () => {
    const a = (await put(ssecHeaders(KEY))).headers.get('etag')
    const b = (await put(ssecHeaders(KEY))).headers.get('etag')
    expect(a).toMatch(/^"[0-9a-f]{32}"$/)
    expect(a).not.toBe(`"${md5Hex(BODY)}"`)
    expect(a).not.toBe(b)
  })

  it('the checksum is over the plaintext, whatever the encryption (CRC64NVME computed when none is sent)', async () => {
    const plain = await s3.tls('PUT', `/${BUCKET}/plain`, { body: BODY })
    const ssec = await put(ssecHeaders(KEY))
    expect(ssec.headers.get('x-amz-checksum-crc64nvme')).toBe(plain.headers.get('x-amz-checksum-crc64nvme'))
  })

  const cases: [string, Record<string, string>, number, string, string, Record<string, string>][] = [
    [
      'C1: SSE-C plus x-amz-server-side-encryption',
      { ...ssecHeaders(KEY), [SSE]: 'AES256' },
      400,
      'InvalidArgument',
      'Server Side Encryption with Customer provided key is incompatible with the encryption method specified',
      { ...ARG, ArgumentValue: 'AES256' },
    ],
    [
      'C2: key and MD5 without the algorithm',
      { [`${SSE}-customer-key`]: KEY.toString('base64'), [`${SSE}-customer-key-MD5`]: md5Base64(KEY) },
      400,
      'InvalidArgument',
      'Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.',
      ARG,
    ],
    [
      'C3: algorithm without a key',
      { [`${SSE}-customer-algorithm`]: 'AES256' },
      400,
      'InvalidArgument',
      'Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.',
      ARG,
    ],
    [
      'C4: algorithm other than AES256',
      { ...ssecHeaders(KEY), [`${SSE}-customer-algorithm`]: 'AES128' },
      400,
      'InvalidEncryptionAlgorithmError',
      'The Encryption request you specified is not valid. Supported value: AES256.',
      { ...ARG, ArgumentValue: 'AES128' },
    ],
    [
      'C5: a 10-byte key',
      ssecHeaders(Buffer.alloc(10, 1)),
      400,
      'InvalidArgument',
      'The secret key was invalid for the specified algorithm.',
      ARG,
    ],
    [
      'C5: a key that is not base64',
      { ...ssecHeaders(KEY), [`${SSE}-customer-key`]: 'not base64!' },
      400,
      'InvalidArgument',
      'The secret key was invalid for the specified algorithm.',
      ARG,
    ],
    [
      'C6: MD5 of another key',
      { ...ssecHeaders(KEY), [`${SSE}-customer-key-MD5`]: md5Base64(OTHER) },
      400,
      'InvalidArgument',
      'The calculated MD5 hash of the key did not match the hash that was provided.',
      ARG,
    ],
    [
      'C7: no MD5',
      { [`${SSE}-customer-algorithm`]: 'AES256', [`${SSE}-customer-key`]: KEY.toString('base64') },
      400,
      'InvalidArgument',
      'Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.',
      ARG,
    ],
  ]
  for (const [name, headers, status, code, message, fields] of cases) {
    it(`${name}: ${status} ${code}, and nothing is stored`, async () => {
      const e = await errorOf(await put(headers))
      expect([e.status, e.code, e.message]).toEqual([status, code, message])
      expect(e.fields).toMatchObject(fields)
      expect(stored()).toBeUndefined()
    })
  }

  it('checks in S3’s order: C1 before a bad algorithm, C2 before a bad key, C5 before a bad MD5', async () => {
    expect(
      (await errorOf(await put({ ...ssecHeaders(KEY), [`${SSE}-customer-algorithm`]: 'bogus', [SSE]: 'aws:kms' })))
        .message,
    ).toMatch(/incompatible/)
    expect(
      (await errorOf(await put({ [`${SSE}-customer-key`]: 'short', [`${SSE}-customer-key-MD5`]: 'x' }))).message,
    ).toMatch(/valid encryption algorithm/)
    expect(
      (await errorOf(await put({ ...ssecHeaders(Buffer.alloc(16)), [`${SSE}-customer-key-MD5`]: 'wrong' }))).message,
    ).toMatch(/secret key was invalid/)
  })

  it('C8: over plain http it is 400 InvalidRequest "must be made over a secure connection"', async () => {
    const e = await errorOf(await s3.send('PUT', `/${BUCKET}/obj`, { body: BODY, headers: ssecHeaders(KEY) }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
    ])
    expect(stored()).toBeUndefined()
  })

  it('C8 override: an emulator started with allowSseCOverHttp accepts SSE-C over http', async () => {
    const local = await sseCHarness(BUCKET, { allowSseCOverHttp: true })
    const r = await local.send('PUT', `/${BUCKET}/obj`, { body: BODY, headers: ssecHeaders(KEY) })
    expect(r.status).toBe(200)
    expect(await (await local.send('GET', `/${BUCKET}/obj`, { headers: ssecHeaders(KEY) })).text()).toBe(BODY)
  })

  it('C9: a bucket that blocks SSE-C answers 403 AccessDenied even for a perfect key, over https too', async () => {
    await s3.send('PUT', '/blocked-bucket')
    const e = await errorOf(await s3.tls('PUT', '/blocked-bucket/obj', { body: BODY, headers: ssecHeaders(KEY) }))
    expect([e.status, e.code, e.message]).toEqual([403, 'AccessDenied', 'Access Denied'])
  })

  it('C9 does not stop reads: an SSE-C object stays readable after SSE-C is blocked again', async () => {
    await put(ssecHeaders(KEY))
    const block =
      '<ServerSideEncryptionConfiguration><Rule><BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>'
    expect((await s3.send('PUT', `/${BUCKET}?encryption`, { body: block })).status).toBe(200)
    expect(await (await s3.tls('GET', `/${BUCKET}/obj`, { headers: ssecHeaders(KEY) })).text()).toBe(BODY)
    expect((await put(ssecHeaders(KEY), 'second')).status).toBe(403)
  })
})

describe('reading an SSE-C object', () => {
  beforeEach(async () => {
    expect((await put(ssecHeaders(KEY))).status).toBe(200)
  })
  const get = (headers: Record<string, string>, method = 'GET') => s3.tls(method, `/${BUCKET}/obj`, { headers })

  it('with the key: the plaintext, the algorithm and key MD5, and the stored ETag', async () => {
    const r = await get(ssecHeaders(KEY))
    expect([r.status, await r.text()]).toEqual([200, BODY])
    expect(r.headers.get(`${SSE}-customer-key-md5`)).toBe(md5Base64(KEY))
    expect(r.headers.get('etag')).toBe(stored()!.etag)
    const head = await get(ssecHeaders(KEY), 'HEAD')
    expect([head.status, head.headers.get('content-length'), head.headers.get(`${SSE}-customer-algorithm`)]).toEqual([
      200,
      String(BODY.length),
      'AES256',
    ])
  })

  it('Range GETs work on SSE-C objects', async () => {
    const r = await get({ ...ssecHeaders(KEY), range: 'bytes=2-5' })
    expect([r.status, await r.text(), r.headers.get('content-range')]).toEqual([
      206,
      BODY.slice(2, 6),
      `bytes 2-5/${BODY.length}`,
    ])
  })

  it('R1: without the headers, 400 InvalidRequest; HEAD is the bare 400', async () => {
    const e = await errorOf(await get({}))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
    ])
    const head = await get({}, 'HEAD')
    expect([head.status, await head.text()]).toEqual([400, ''])
  })

  it('R2: a wrong (valid) key is 403 AccessDenied; HEAD is the bare 403', async () => {
    const e = await errorOf(await get(ssecHeaders(OTHER)))
    expect([e.status, e.code, e.message]).toEqual([
      403,
      'AccessDenied',
      'Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
    ])
    const head = await get(ssecHeaders(OTHER), 'HEAD')
    expect([head.status, await head.text()]).toEqual([403, ''])
  })

  it('R3: a key of the wrong length with its matching MD5 is also 403 (compared, not length-checked)', async () => {
    expect((await errorOf(await get(ssecHeaders(Buffer.alloc(44, 1))))).status).toBe(403)
  })

  it('R4: a bad algorithm is 400 InvalidEncryptionAlgorithmError, on GET and (bare) HEAD', async () => {
    const e = await errorOf(await get({ ...ssecHeaders(KEY), [`${SSE}-customer-algorithm`]: 'AES512' }))
    expect([e.status, e.code, e.fields.ArgumentName, e.fields.ArgumentValue]).toEqual([
      400,
      'InvalidEncryptionAlgorithmError',
      SSE,
      'AES512',
    ])
    expect((await get({ ...ssecHeaders(KEY), [`${SSE}-customer-algorithm`]: 'AES512' }, 'HEAD')).status).toBe(400)
  })

  it('R10: an MD5 that does not match the key is 400 InvalidArgument with the C6 text', async () => {
    const e = await errorOf(await get({ ...ssecHeaders(KEY), [`${SSE}-customer-key-MD5`]: md5Base64(OTHER) }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidArgument',
      'The calculated MD5 hash of the key did not match the hash that was provided.',
    ])
  })

  it('R5: SSE-C headers for an SSE-S3 object are 400 InvalidRequest', async () => {
    await s3.tls('PUT', `/${BUCKET}/plain`, { body: 'x' })
    const e = await errorOf(await s3.tls('GET', `/${BUCKET}/plain`, { headers: ssecHeaders(KEY) }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'The encryption parameters are not applicable to this object.',
    ])
  })

  it('E3: x-amz-server-side-encryption on the read is 400, even with the right key', async () => {
    const e = await errorOf(await get({ ...ssecHeaders(KEY), [SSE]: 'AES256' }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidArgument',
      'x-amz-server-side-encryption header is not supported for this operation.',
    ])
  })

  it('R11: ?partNumber=1 serves the whole single-part object; 2 is 400 InvalidPart', async () => {
    const one = await s3.tls('GET', `/${BUCKET}/obj?partNumber=1`, { headers: ssecHeaders(KEY) })
    expect([one.status, await one.text(), one.headers.get('x-amz-mp-parts-count')]).toEqual([200, BODY, '1'])
    const e = await errorOf(await s3.tls('GET', `/${BUCKET}/obj?partNumber=2`, { headers: ssecHeaders(KEY) }))
    expect([e.status, e.code]).toEqual([400, 'InvalidPart'])
  })
})

describe('at rest: the SSE-C key is never stored', () => {
  it('the stored object holds the ciphertext, the key MD5 S3 echoes and a salted HMAC; never the key', async () => {
    await put(ssecHeaders(KEY), 'obj', 'launch code 0000 '.repeat(20))
    const object = stored()!
    const json = JSON.stringify(object, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))
    expect(json).not.toContain(KEY.toString('hex'))
    expect(json).not.toContain(KEY.toString('base64'))
    expect(json).not.toContain('launch code')
    if (object.sse.algorithm !== 'SSE-C') throw new Error('not SSE-C')
    expect(object.sse.keyCheck.mac).toHaveLength(32)
    expect(object.sealed.key).toEqual({ kind: 'customer' })
  })

  it('the salt is fresh per object: the same key gives different HMACs', async () => {
    await put(ssecHeaders(KEY), 'a')
    await put(ssecHeaders(KEY), 'b')
    const [a, b] = [stored('a')!.sse, stored('b')!.sse]
    if (a.algorithm !== 'SSE-C' || b.algorithm !== 'SSE-C') throw new Error('not SSE-C')
    expect(Buffer.from(a.keyCheck.mac).equals(Buffer.from(b.keyCheck.mac))).toBe(false)
  })

  it('the ciphertext opens with the customer key only (AES-GCM under the key itself)', async () => {
    const { aesGcmDecrypt } = await import('@/lib/crypto/aes-gcm')
    await put(ssecHeaders(KEY))
    const part = stored()!.sealed.parts[0]!
    const sealed = storedBytes(s3.emulator, part)
    const arn = `arn:aws:s3:::${BUCKET}/obj`
    expect(new TextDecoder().decode(await openSealed({ outer: KEY }, part, arn, sealed))).toBe(BODY)
    await expect(openSealed({ outer: OTHER }, part, arn, sealed)).rejects.toThrow()
    void aesGcmDecrypt
  })
})
