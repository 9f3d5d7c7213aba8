/** GetObjectAttributes over handle(): ETag without quotes, size, parts, checksum; SSE-C needs the key (R6); no encryption fields. */
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../../helpers/handle'
import { customerKey, md5Hex, ssecHeaders, sseCHarness, type TlsHarness } from '../../../helpers/sse'

const BUCKET = 'attrs-bucket'
const KEY = customerKey(8)
let s3: TlsHarness
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
})
const attrs = (key: string, list: string, headers: Record<string, string> = {}) =>
  s3.tls('GET', `/${BUCKET}/${key}?attributes`, { headers: { 'x-amz-object-attributes': list, ...headers } })
const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]

describe('GetObjectAttributes', () => {
  it('returns the requested attributes only; the ETag without quotes; no encryption headers', async () => {
    await s3.tls('PUT', `/${BUCKET}/k`, { body: 'hello', headers: { 'x-amz-checksum-crc32': 'NhCmhg==' } })
    const r = await attrs('k', 'ETag,ObjectSize,StorageClass,Checksum')
    const xml = await r.text()
    expect(r.status).toBe(200)
    expect(xml).toContain('<GetObjectAttributesResponse')
    expect(tag(xml, 'ETag')).toBe(md5Hex('hello'))
    expect([
      tag(xml, 'ObjectSize'),
      tag(xml, 'StorageClass'),
      tag(xml, 'ChecksumCRC32'),
      tag(xml, 'ChecksumType'),
    ]).toEqual(['5', 'STANDARD', 'NhCmhg==', 'FULL_OBJECT'])
    expect(r.headers.get('x-amz-server-side-encryption')).toBeNull()
    expect(r.headers.get('last-modified')).not.toBeNull()
    const only = await (await attrs('k', 'ObjectSize')).text()
    expect([tag(only, 'ObjectSize'), tag(only, 'ETag')]).toEqual(['5', undefined])
  })
  it('ObjectParts of a multipart object', async () => {
    const created = await (await s3.tls('POST', `/${BUCKET}/mp?uploads`)).text()
    const id = tag(created, 'UploadId')!
    const p = await s3.tls('PUT', `/${BUCKET}/mp?partNumber=1&uploadId=${id}`, { body: 'abc' })
    await s3.tls('POST', `/${BUCKET}/mp?uploadId=${id}`, {
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${p.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`,
    })
    const xml = await (await attrs('mp', 'ObjectParts,ETag')).text()
    expect(tag(xml, 'TotalPartsCount')).toBe('1')
    expect(tag(xml, 'ETag')).toMatch(/^[0-9a-f]{32}-1$/)
    expect(xml).toContain('<Part><PartNumber>1</PartNumber><Size>3</Size>')
  })
  it('R6: an SSE-C object needs its key; with it, the attributes come back', async () => {
    await s3.tls('PUT', `/${BUCKET}/c`, { body: 'secret', headers: ssecHeaders(KEY) })
    const e = await errorOf(await attrs('c', 'ETag'))
    expect([e.status, e.code]).toEqual([400, 'InvalidRequest'])
    expect((await errorOf(await attrs('c', 'ETag', ssecHeaders(customerKey(9))))).status).toBe(403)
    expect(tag(await (await attrs('c', 'ObjectSize', ssecHeaders(KEY))).text(), 'ObjectSize')).toBe('6')
  })
  it('an unknown or missing attribute name, and x-amz-server-side-encryption, are 400 InvalidArgument', async () => {
    await s3.tls('PUT', `/${BUCKET}/k`, { body: 'x' })
    expect((await errorOf(await attrs('k', 'Colour'))).code).toBe('InvalidArgument')
    expect((await errorOf(await s3.tls('GET', `/${BUCKET}/k?attributes`))).code).toBe('InvalidArgument')
    expect((await errorOf(await attrs('k', 'ETag', { 'x-amz-server-side-encryption': 'AES256' }))).message).toBe(
      'x-amz-server-side-encryption header is not supported for this operation.',
    )
    expect((await errorOf(await attrs('missing', 'ETag'))).code).toBe('NoSuchKey')
  })
})
