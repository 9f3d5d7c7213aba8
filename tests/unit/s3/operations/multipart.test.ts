/**
 * Multipart uploads over handle(): Create, UploadPart, UploadPartCopy, Complete (part checks), Abort,
 * ListParts, ListMultipartUploads; the multipart ETag rule (§6.1), SSE per upload, SSE-C consistency (§2.4),
 * parts encrypted at rest, and a failed Complete leaving the upload intact.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { errorOf } from '../../../helpers/handle'
import { customerKey, md5Hex, ssecHeaders, sseCHarness, type TlsHarness } from '../../../helpers/sse'
import { storedBytes } from '../../../helpers/at-rest'

const BUCKET = 'mpu-bucket'
const MiB = 1024 * 1024
const KEY = customerKey(3)

let s3: TlsHarness
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
})

const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1]?.replace(/&quot;/g, '"')
const part = (n: number, size: number) => Buffer.alloc(size, 97 + n)

async function create(headers: Record<string, string> = {}, key = 'big') {
  const r = await s3.tls('POST', `/${BUCKET}/${key}?uploads`, { headers })
  const body = await r.text()
  return { r, body, uploadId: tag(body, 'UploadId')! }
}
const upload = (uploadId: string, n: number, body: Buffer, headers: Record<string, string> = {}, key = 'big') =>
  s3.tls('PUT', `/${BUCKET}/${key}?partNumber=${n}&uploadId=${encodeURIComponent(uploadId)}`, {
    body: new Uint8Array(body),
    headers,
  })
const completeXml = (parts: [number, string][], extra = '') =>
  `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag>${extra}</Part>`).join('')}</CompleteMultipartUpload>`
const complete = (uploadId: string, body: string, headers: Record<string, string> = {}, key = 'big') =>
  s3.tls('POST', `/${BUCKET}/${key}?uploadId=${encodeURIComponent(uploadId)}`, { body, headers })

describe('a three-part SSE-S3 upload', () => {
  it('creates, uploads, lists, completes; the ETag is MD5 of the part MD5s with -3; GET returns the bytes', async () => {
    const { r, body, uploadId } = await create()
    expect(r.status).toBe(200)
    expect(body).toContain('<InitiateMultipartUploadResult')
    expect([tag(body, 'Bucket'), tag(body, 'Key')]).toEqual([BUCKET, 'big'])
    expect(r.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    const bodies = [part(1, 5 * MiB), part(2, 5 * MiB), part(3, 1000)]
    const etags: string[] = []
    for (const [i, b] of bodies.entries()) {
      const p = await upload(uploadId, i + 1, b)
      expect(p.status).toBe(200)
      expect(p.headers.get('etag')).toBe(`"${md5Hex(b)}"`)
      expect(p.headers.get('x-amz-server-side-encryption')).toBe('AES256')
      etags.push(p.headers.get('etag')!)
    }
    const list = await (await s3.tls('GET', `/${BUCKET}/big?uploadId=${encodeURIComponent(uploadId)}`)).text()
    expect(list.match(/<Part>/g)).toHaveLength(3)
    expect(list).toContain(`<Size>${5 * MiB}</Size>`)

    const done = await complete(uploadId, completeXml(etags.map((e, i) => [i + 1, e])))
    const xml = await done.text()
    expect(done.status).toBe(200)
    const expected = createHash('md5')
      .update(Buffer.concat(etags.map((e) => Buffer.from(e.replace(/"/g, ''), 'hex'))))
      .digest('hex')
    expect(tag(xml, 'ETag')).toBe(`"${expected}-3"`)
    expect(tag(xml, 'Location')).toBe(`https://127.0.0.1:4566/${BUCKET}/big`)
    expect(done.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    // No checksum algorithm was asked for: S3 still gives the object a full-object CRC64NVME.
    expect(tag(xml, 'ChecksumType')).toBe('FULL_OBJECT')
    expect(tag(xml, 'ChecksumCRC64NVME')).toBeDefined()

    const got = await s3.tls('GET', `/${BUCKET}/big`, { headers: { 'x-amz-checksum-mode': 'ENABLED' } })
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.concat(bodies))).toBe(true)
    expect(got.headers.get('etag')).toBe(`"${expected}-3"`)
    expect(got.headers.get('x-amz-checksum-crc64nvme')).toBe(tag(xml, 'ChecksumCRC64NVME'))
    // The upload is gone once completed.
    expect((await errorOf(await s3.tls('GET', `/${BUCKET}/big?uploadId=${encodeURIComponent(uploadId)}`))).code).toBe(
      'NoSuchUpload',
    )
  })

  it('GET ?partNumber=2 serves part 2 with x-amz-mp-parts-count; ranges span parts', async () => {
    const { uploadId } = await create()
    const bodies = [part(1, 5 * MiB), part(2, 300)]
    const etags = []
    for (const [i, b] of bodies.entries()) etags.push((await upload(uploadId, i + 1, b)).headers.get('etag')!)
    await complete(uploadId, completeXml(etags.map((e, i) => [i + 1, e])))
    const p2 = await s3.tls('GET', `/${BUCKET}/big?partNumber=2`)
    expect([p2.status, p2.headers.get('x-amz-mp-parts-count'), p2.headers.get('content-length')]).toEqual([
      206,
      '2',
      '300',
    ])
    const h2 = await s3.tls('HEAD', `/${BUCKET}/big?partNumber=2`)
    expect([h2.status, h2.headers.get('content-length')]).toEqual([206, '300'])
    expect(Buffer.from(await p2.arrayBuffer()).equals(bodies[1]!)).toBe(true)
    const span = await s3.tls('GET', `/${BUCKET}/big`, { headers: { range: `bytes=${5 * MiB - 2}-${5 * MiB + 1}` } })
    expect(await span.text()).toBe('bbcc')
  })

  it('a composite CRC32 checksum when the upload asked for CRC32', async () => {
    const { r, uploadId } = await create({ 'x-amz-checksum-algorithm': 'CRC32' })
    expect([r.headers.get('x-amz-checksum-algorithm'), r.headers.get('x-amz-checksum-type')]).toEqual([
      'CRC32',
      'COMPOSITE',
    ])
    const p = await upload(uploadId, 1, part(1, 10))
    const crc = p.headers.get('x-amz-checksum-crc32')!
    // A part sent with a SHA256 into a CRC32 upload is refused.
    const sha = (await import('node:crypto')).createHash('sha256').update(part(2, 10)).digest('base64')
    expect((await errorOf(await upload(uploadId, 2, part(2, 10), { 'x-amz-checksum-sha256': sha }))).code).toBe(
      'InvalidRequest',
    )
    expect(crc).toMatch(/^[A-Za-z0-9+/]{6}==$/)
    const xml = await (
      await complete(uploadId, completeXml([[1, p.headers.get('etag')!]], `<ChecksumCRC32>${crc}</ChecksumCRC32>`))
    ).text()
    expect(tag(xml, 'ChecksumCRC32')).toMatch(/-1$/)
    expect(tag(xml, 'ChecksumType')).toBe('COMPOSITE')
  })
})

describe('CompleteMultipartUpload part checks; a failed Complete changes nothing', () => {
  let uploadId: string
  let etags: string[]
  beforeEach(async () => {
    uploadId = (await create()).uploadId
    etags = [
      (await upload(uploadId, 1, part(1, 100))).headers.get('etag')!,
      (await upload(uploadId, 2, part(2, 100))).headers.get('etag')!,
    ]
  })
  const stillThere = async () => {
    const list = await (await s3.tls('GET', `/${BUCKET}/big?uploadId=${encodeURIComponent(uploadId)}`)).text()
    expect(list.match(/<Part>/g)).toHaveLength(2)
    expect((await s3.tls('HEAD', `/${BUCKET}/big`)).status).toBe(404)
  }

  it('EntityTooSmall when a part other than the last is under 5 MiB', async () => {
    const e = await errorOf(
      await complete(
        uploadId,
        completeXml([
          [1, etags[0]!],
          [2, etags[1]!],
        ]),
      ),
    )
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed object size.',
    ])
    expect(e.fields).toMatchObject({ ProposedSize: '100', MinSizeAllowed: String(5 * MiB), PartNumber: '1' })
    await stillThere()
  })
  it('InvalidPartOrder when the parts are not ascending', async () => {
    const e = await errorOf(
      await complete(
        uploadId,
        completeXml([
          [2, etags[1]!],
          [1, etags[0]!],
        ]),
      ),
    )
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidPartOrder',
      'The list of parts was not in ascending order. Parts must be ordered by part number.',
    ])
    await stillThere()
  })
  it('InvalidPart for a part never uploaded, or a wrong ETag', async () => {
    expect((await errorOf(await complete(uploadId, completeXml([[3, etags[0]!]])))).code).toBe('InvalidPart')
    const e = await errorOf(await complete(uploadId, completeXml([[1, '"00000000000000000000000000000000"']])))
    expect([e.status, e.code]).toEqual([400, 'InvalidPart'])
    expect(e.message).toBe(
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    )
    await stillThere()
  })
  it('MalformedXML for an empty part list or a body that is not XML', async () => {
    expect((await errorOf(await complete(uploadId, '<CompleteMultipartUpload></CompleteMultipartUpload>'))).code).toBe(
      'MalformedXML',
    )
    expect((await errorOf(await complete(uploadId, 'not xml'))).code).toBe('MalformedXML')
    expect(
      (
        await errorOf(
          await complete(uploadId, completeXml([[1, etags[0]!]]).replace('<PartNumber>1', '<PartNumber>one')),
        )
      ).code,
    ).toBe('MalformedXML')
    await stillThere()
  })
  it('E3: x-amz-server-side-encryption on UploadPart or Complete is 400', async () => {
    const e = await errorOf(await upload(uploadId, 3, part(3, 1), { 'x-amz-server-side-encryption': 'AES256' }))
    expect([e.status, e.message]).toEqual([
      400,
      'x-amz-server-side-encryption header is not supported for this operation.',
    ])
    expect(
      (
        await errorOf(
          await complete(uploadId, completeXml([[2, etags[1]!]]), { 'x-amz-server-side-encryption': 'AES256' }),
        )
      ).status,
    ).toBe(400)
    await stillThere()
  })
  it('a single small last part completes (the 5 MiB rule spares the last part)', async () => {
    expect((await complete(uploadId, completeXml([[2, etags[1]!]]))).status).toBe(200)
    expect(await (await s3.tls('GET', `/${BUCKET}/big`)).text()).toBe('c'.repeat(100))
  })
})

describe('part numbers, abort and listing uploads', () => {
  it('partNumber outside 1..10000 is 400 InvalidArgument; an unknown upload id is 404 NoSuchUpload', async () => {
    const { uploadId } = await create()
    for (const n of [0, 10001]) {
      const e = await errorOf(await upload(uploadId, n, part(1, 1)))
      expect([e.status, e.code, e.message]).toEqual([
        400,
        'InvalidArgument',
        'Part number must be an integer between 1 and 10000, inclusive',
      ])
    }
    const e = await errorOf(await upload('nope', 1, part(1, 1)))
    expect([e.status, e.code, e.fields.UploadId]).toEqual([404, 'NoSuchUpload', 'nope'])
  })
  it('Abort removes the upload and its parts (204); a second Abort is 404', async () => {
    const { uploadId } = await create()
    await upload(uploadId, 1, part(1, 10))
    const q = `/${BUCKET}/big?uploadId=${encodeURIComponent(uploadId)}`
    expect((await s3.tls('DELETE', q)).status).toBe(204)
    expect((await errorOf(await s3.tls('DELETE', q))).code).toBe('NoSuchUpload')
    expect(s3.emulator.s3.bucket(BUCKET).uploads.size).toBe(0)
  })
  it('ListMultipartUploads lists uploads by key with prefix, delimiter and max-uploads', async () => {
    await create({}, 'a/one')
    await create({}, 'a/two')
    await create({}, 'b')
    const all = await (await s3.tls('GET', `/${BUCKET}?uploads`)).text()
    expect(all.match(/<Upload>/g)).toHaveLength(3)
    expect(all).toContain('<Key>a/one</Key>')
    const grouped = await (await s3.tls('GET', `/${BUCKET}?uploads&delimiter=/`)).text()
    expect(grouped).toContain('<CommonPrefixes><Prefix>a/</Prefix></CommonPrefixes>')
    expect(grouped.match(/<Upload>/g)).toHaveLength(1)
    const page = await (await s3.tls('GET', `/${BUCKET}?uploads&max-uploads=1`)).text()
    expect([page.match(/<Upload>/g)?.length, tag(page, 'IsTruncated'), tag(page, 'NextKeyMarker')]).toEqual([
      1,
      'true',
      'a/one',
    ])
    const next = `key-marker=${tag(page, 'NextKeyMarker')}&upload-id-marker=${encodeURIComponent(tag(page, 'NextUploadIdMarker')!)}`
    const page2 = await (await s3.tls('GET', `/${BUCKET}?uploads&max-uploads=5&${next}`)).text()
    expect([...page2.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1])).toEqual(['a/two', 'b'])
    expect(tag(page2, 'IsTruncated')).toBe('false')
  })
})

describe('UploadPartCopy', () => {
  it('copies a byte range of an object into a part; CopyPartResult carries the ETag', async () => {
    await s3.tls('PUT', `/${BUCKET}/src`, { body: '0123456789' })
    const { uploadId } = await create()
    const r = await s3.tls('PUT', `/${BUCKET}/big?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`, {
      headers: { 'x-amz-copy-source': `/${BUCKET}/src`, 'x-amz-copy-source-range': 'bytes=2-5' },
    })
    const xml = await r.text()
    expect(r.status).toBe(200)
    expect(xml).toContain('<CopyPartResult')
    expect(tag(xml, 'ETag')).toBe(`"${md5Hex('2345')}"`)
    await complete(uploadId, completeXml([[1, tag(xml, 'ETag')!]]))
    expect(await (await s3.tls('GET', `/${BUCKET}/big`)).text()).toBe('2345')
  })
  it('a malformed range is 400 InvalidArgument; a range past the end is 416 InvalidRange', async () => {
    await s3.tls('PUT', `/${BUCKET}/src`, { body: '0123456789' })
    const { uploadId } = await create()
    const send = (range: string) =>
      s3.tls('PUT', `/${BUCKET}/big?partNumber=1&uploadId=${encodeURIComponent(uploadId)}`, {
        headers: { 'x-amz-copy-source': `/${BUCKET}/src`, 'x-amz-copy-source-range': range },
      })
    expect((await errorOf(await send('bytes=5-2'))).fields.ArgumentName).toBe('x-amz-copy-source-range')
    expect((await errorOf(await send('bytes=5-20'))).status).toBe(416)
  })
})

describe('SSE-C multipart uploads (§2.4)', () => {
  const INITIATE =
    'The multipart upload initiate requested encryption. Subsequent part requests must include the appropriate encryption parameters.'
  it('every part repeats the key; Create and UploadPart echo the SSE-C pair; Complete echoes nothing', async () => {
    const { r, uploadId } = await create(ssecHeaders(KEY))
    expect(r.headers.get('x-amz-server-side-encryption-customer-algorithm')).toBe('AES256')
    expect(r.headers.get('x-amz-server-side-encryption')).toBeNull()
    const p1 = await upload(uploadId, 1, part(1, 5 * MiB), ssecHeaders(KEY))
    const p2 = await upload(uploadId, 2, part(2, 10), ssecHeaders(KEY))
    expect(p1.headers.get('x-amz-server-side-encryption-customer-key-md5')).toBe(
      ssecHeaders(KEY)['x-amz-server-side-encryption-customer-key-MD5'],
    )
    // SSE-C part ETags are not MD5s.
    expect(p2.headers.get('etag')).not.toBe(`"${md5Hex(part(2, 10))}"`)
    const done = await complete(
      uploadId,
      completeXml([
        [1, p1.headers.get('etag')!],
        [2, p2.headers.get('etag')!],
      ]),
    )
    expect(done.status).toBe(200)
    expect([...done.headers.keys()].filter((h) => h.startsWith('x-amz-server-side-encryption'))).toEqual([])
    expect(tag(await done.text(), 'ETag')).toMatch(/^"[0-9a-f]{32}-2"$/)
    const got = await s3.tls('GET', `/${BUCKET}/big`, { headers: ssecHeaders(KEY) })
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.concat([part(1, 5 * MiB), part(2, 10)]))).toBe(true)
    expect((await errorOf(await s3.tls('GET', `/${BUCKET}/big`))).code).toBe('InvalidRequest')
  })
  it('a part without the key, or with SSE-C on a non-SSE-C upload, is 400 InvalidRequest (same text both ways)', async () => {
    const ssec = await create(ssecHeaders(KEY))
    const e1 = await errorOf(await upload(ssec.uploadId, 1, part(1, 1)))
    expect([e1.status, e1.code, e1.message]).toEqual([400, 'InvalidRequest', INITIATE])
    const plain = await create({}, 'plain')
    const e2 = await errorOf(await upload(plain.uploadId, 1, part(1, 1), ssecHeaders(KEY), 'plain'))
    expect([e2.status, e2.code, e2.message]).toEqual([400, 'InvalidRequest', INITIATE])
  })
  it('a part with another valid key is 400 "did not match the ones used originally"', async () => {
    const { uploadId } = await create(ssecHeaders(KEY))
    const e = await errorOf(await upload(uploadId, 1, part(1, 1), ssecHeaders(customerKey(4))))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidRequest',
      'The provided encryption parameters did not match the ones used originally.',
    ])
  })
  it('Complete takes the key optionally, but checks it when given', async () => {
    const { uploadId } = await create(ssecHeaders(KEY))
    const etag = (await upload(uploadId, 1, part(1, 1), ssecHeaders(KEY))).headers.get('etag')!
    expect(
      (await errorOf(await complete(uploadId, completeXml([[1, etag]]), ssecHeaders(customerKey(4))))).message,
    ).toBe('The provided encryption parameters did not match the ones used originally.')
    expect((await complete(uploadId, completeXml([[1, etag]]))).status).toBe(200)
  })
  it('parts are encrypted at rest under the customer key: the stored part is not the plaintext', async () => {
    const { uploadId } = await create(ssecHeaders(KEY))
    await upload(uploadId, 1, Buffer.from('secret part '.repeat(50)), ssecHeaders(KEY))
    const stored = storedBytes(s3.emulator, s3.emulator.s3.bucket(BUCKET).uploads.get(uploadId)!.parts.get(1)!.body)
    expect(Buffer.from(stored).includes(Buffer.from('secret part'))).toBe(false)
  })
})
