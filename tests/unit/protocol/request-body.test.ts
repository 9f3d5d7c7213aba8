/** readBody: every integrity claim a request makes about its body is checked, with S3's codes and messages. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readBody } from '@/lib/protocol/request-body'
import { S3Error } from '@/lib/s3/errors'
import { concat, utf8 } from '@/lib/crypto/bytes'
import { ENDPOINT, errorOf, harness } from '../../helpers/handle'

const TEXT = 'Hello, encrypted world\n'
const b64 = (algorithm: string, data: string | Uint8Array) => createHash(algorithm).update(data).digest('base64')
const hex = (algorithm: string, data: string | Uint8Array) => createHash(algorithm).update(data).digest('hex')

const put = (headers: Record<string, string>, body: string | Uint8Array = TEXT) =>
  new Request(`${ENDPOINT}/b/k`, { method: 'PUT', headers, body: body as BodyInit })

async function rejection(request: Request): Promise<S3Error> {
  try {
    await readBody(request)
  } catch (e) {
    if (e instanceof S3Error) return e
    throw e
  }
  throw new Error('readBody accepted the body')
}

// Known digests of TEXT, computed independently with node:zlib / node:crypto.
import { crc32 } from 'node:zlib'
const crc32b64 = (data: string | Uint8Array) => {
  const out = Buffer.alloc(4)
  out.writeUInt32BE(crc32(data))
  return out.toString('base64')
}

describe('a body with no claims', () => {
  it('is read as is', async () => {
    const got = await readBody(put({}))
    expect(got.bytes).toEqual(utf8(TEXT))
    expect(got.checksum).toBeUndefined()
  })
  it('a GET has an empty body', async () => {
    expect((await readBody(new Request(`${ENDPOINT}/b/k`))).bytes.length).toBe(0)
  })
})

describe('x-amz-content-sha256', () => {
  it('a matching hex payload hash is accepted, in either case', async () => {
    await expect(readBody(put({ 'x-amz-content-sha256': hex('sha256', TEXT) }))).resolves.toBeDefined()
    await expect(readBody(put({ 'x-amz-content-sha256': hex('sha256', TEXT).toUpperCase() }))).resolves.toBeDefined()
  })
  it('UNSIGNED-PAYLOAD is not checked', async () => {
    await expect(readBody(put({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }))).resolves.toBeDefined()
  })
  it('a mismatch is 400 XAmzContentSHA256Mismatch naming both hashes', async () => {
    const claimed = hex('sha256', 'something else')
    const e = await rejection(put({ 'x-amz-content-sha256': claimed }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    ])
    expect(e.fields).toEqual({ ClientComputedContentSHA256: claimed, S3ComputedContentSHA256: hex('sha256', TEXT) })
  })
})

describe('Content-MD5', () => {
  it('a matching digest is accepted', async () => {
    await expect(readBody(put({ 'content-md5': b64('md5', TEXT) }))).resolves.toBeDefined()
  })
  it('a digest of other bytes is 400 BadDigest', async () => {
    const e = await rejection(put({ 'content-md5': b64('md5', 'other') }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    ])
    expect(e.fields.CalculatedDigest).toBe(b64('md5', TEXT))
  })
  // "The Content-MD5 you specified was invalid." is real S3's text (aws-sdk-core-ruby#118, versity/versitygw#1526).
  for (const [name, value] of [
    ['not base64', 'not-base64!'],
    ['the hex form', hex('md5', TEXT)],
    ['base64 of the wrong length', b64('sha1', TEXT)],
    ['empty', ''],
  ]) {
    it(`a digest that is ${name} is 400 InvalidDigest`, async () => {
      const e = await rejection(put({ 'content-md5': value! }))
      expect([e.status, e.code, e.message]).toEqual([
        400,
        'InvalidDigest',
        'The Content-MD5 you specified was invalid.',
      ])
      expect(e.fields).toEqual({ 'Content-MD5': value })
    })
  }
})

describe('x-amz-checksum-*', () => {
  const digests: Record<string, () => string> = {
    crc32: () => crc32b64(TEXT),
    sha1: () => b64('sha1', TEXT),
    sha256: () => b64('sha256', TEXT),
  }
  for (const [name, digest] of Object.entries(digests)) {
    it(`a matching x-amz-checksum-${name} is accepted and returned`, async () => {
      const got = await readBody(put({ [`x-amz-checksum-${name}`]: digest() }))
      expect(got.checksum).toEqual({ algorithm: name.toUpperCase(), value: digest() })
    })
  }

  for (const [name, wrong] of [
    ['crc32', crc32b64('other')],
    ['crc32c', 'AAAAAA=='],
    ['crc64nvme', 'AAAAAAAAAAA='],
    ['sha1', b64('sha1', 'other')],
    ['sha256', b64('sha256', 'other')],
  ]) {
    it(`a wrong x-amz-checksum-${name} is 400 BadDigest with S3's message`, async () => {
      const e = await rejection(put({ [`x-amz-checksum-${name}`]: wrong! }))
      // Real S3: "The CRC32 you specified did not match the calculated checksum." (aws/aws-sdk-ruby#3322)
      expect([e.status, e.code, e.message]).toEqual([
        400,
        'BadDigest',
        `The ${name!.toUpperCase()} you specified did not match the calculated checksum.`,
      ])
    })
  }

  it('a value that is not base64 of the right size is 400 InvalidRequest', async () => {
    for (const value of ['!!!!', 'AAAA', b64('sha256', TEXT)]) {
      const e = await rejection(put({ 'x-amz-checksum-crc32': value }))
      expect([e.status, e.code, e.message]).toEqual([
        400,
        'InvalidRequest',
        'Value for x-amz-checksum-crc32 header is invalid.',
      ])
    }
  })

  it('two checksum headers are 400 InvalidRequest, even when both are right', async () => {
    const e = await rejection(
      put({ 'x-amz-checksum-crc32': crc32b64(TEXT), 'x-amz-checksum-sha256': b64('sha256', TEXT) }),
    )
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    ])
  })

  it('x-amz-checksum-algorithm / -mode / -type are not checksum values', async () => {
    const got = await readBody(
      put({
        'x-amz-checksum-algorithm': 'CRC32',
        'x-amz-checksum-mode': 'ENABLED',
        'x-amz-checksum-type': 'FULL_OBJECT',
      }),
    )
    expect(got.checksum).toBeUndefined()
  })
})

describe('aws-chunked bodies', () => {
  const framed = (trailer: string, declared = TEXT.length) =>
    put(
      {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': String(declared),
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      concat(utf8(`${TEXT.length.toString(16)}\r\n${TEXT}\r\n0\r\n${trailer}\r\n\r\n`)),
    )

  it('are decoded and the trailing checksum is verified', async () => {
    const got = await readBody(framed(`x-amz-checksum-crc32:${crc32b64(TEXT)}`))
    expect(got.bytes).toEqual(utf8(TEXT))
    expect(got.checksum).toEqual({ algorithm: 'CRC32', value: crc32b64(TEXT) })
  })
  it('a wrong trailing checksum is BadDigest', async () => {
    expect((await rejection(framed(`x-amz-checksum-crc32:${crc32b64('other')}`))).code).toBe('BadDigest')
  })
  it('a decoded length that differs from x-amz-decoded-content-length is a 400', async () => {
    const e = await rejection(framed(`x-amz-checksum-crc32:${crc32b64(TEXT)}`, TEXT.length + 1))
    expect(e.status).toBe(400)
  })
  it('broken framing is a 400, detected from the STREAMING- payload hash alone', async () => {
    const e = await rejection(put({ 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }, '5\r\nab'))
    expect(e.status).toBe(400)
  })
})

describe('through handle: a rejected body stores nothing; an unclaimed body gets S3’s CRC64NVME', () => {
  it('BadDigest leaves no object behind', async () => {
    const s3 = harness()
    expect((await s3.send('PUT', '/bkt')).status).toBe(200)
    const r = await s3.send('PUT', '/bkt/k', {
      body: TEXT,
      headers: { 'x-amz-checksum-sha256': b64('sha256', 'other') },
    })
    expect((await errorOf(r)).code).toBe('BadDigest')
    expect((await s3.send('HEAD', '/bkt/k')).status).toBe(404)
  })

  it('a PUT without a checksum is answered with CRC64NVME of the body (check value for "123456789")', async () => {
    const s3 = harness()
    expect((await s3.send('PUT', '/bkt')).status).toBe(200)
    const r = await s3.send('PUT', '/bkt/k', { body: '123456789' })
    expect(r.status).toBe(200)
    expect(r.headers.get('x-amz-checksum-crc64nvme')).toBe(Buffer.from('ae8b14860a799888', 'hex').toString('base64'))
    expect(r.headers.get('x-amz-checksum-type')).toBe('FULL_OBJECT')
  })
})
