/**
 * Stored objects in the chunked format, through handle(): a stored body whose segments are reordered,
 * dropped, duplicated or cut short answers 500 InternalError on GET, never other bytes; a range decrypts
 * only the segments it needs; a failed upload leaves no blob behind. Segments are 64 bytes here so an
 * object of a few hundred bytes spans several.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoredPart } from '@/lib/s3/model'
import { damage, memoryBlobs } from '../../helpers/at-rest'
import { errorOf, harness, type Harness } from '../../helpers/handle'

const SEG = 64
const BODY = Array.from({ length: 330 }, (_, i) => String.fromCharCode(65 + (i % 26))).join('') // 6 segments, the last short
const BUCKET = 'segments'
let s3: Harness
let quiet: ReturnType<typeof vi.spyOn>
beforeEach(async () => {
  s3 = harness({ segmentBytes: SEG })
  quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})
afterEach(() => quiet.mockRestore())

const part = (key: string): StoredPart => s3.emulator.s3.bucket(BUCKET).objects.get(key)!.sealed.parts[0]!
const segmentsOf = (bytes: Uint8Array) =>
  Array.from({ length: Math.ceil(bytes.length / (SEG + 16)) }, (_, i) =>
    bytes.slice(i * (SEG + 16), (i + 1) * (SEG + 16)),
  )
const joined = (segments: Uint8Array[]) => new Uint8Array(Buffer.concat(segments))

async function expectInternalError(key: string, range?: string) {
  const r = await s3.send('GET', `/${BUCKET}/${key}`, range ? { headers: { range } } : {})
  const text = await r.clone().text()
  const e = await errorOf(r)
  expect([e.status, e.code]).toEqual([500, 'InternalError'])
  expect(text).not.toContain('ABCDEFG')
}

for (const sse of ['AES256', 'aws:kms', 'aws:kms:dsse']) {
  describe(`${sse}: rearranged segments`, () => {
    const headers = { 'x-amz-server-side-encryption': sse }
    beforeEach(async () => {
      expect((await s3.send('PUT', `/${BUCKET}/k`, { body: BODY, headers })).status).toBe(200)
      expect(await (await s3.send('GET', `/${BUCKET}/k`)).text()).toBe(BODY)
    })
    const tags = sse === 'aws:kms:dsse' ? 32 : 16
    const split = (b: Uint8Array) =>
      Array.from({ length: Math.ceil(b.length / (SEG + tags)) }, (_, i) =>
        b.slice(i * (SEG + tags), (i + 1) * (SEG + tags)),
      )

    it('two segments swapped', async () => {
      damage(s3.emulator, part('k'), (b) => {
        const s = split(b)
        return joined([s[0]!, s[2]!, s[1]!, ...s.slice(3)])
      })
      await expectInternalError('k')
      await expectInternalError('k', 'bytes=70-80')
    })
    it('a segment dropped', async () => {
      damage(s3.emulator, part('k'), (b) => joined(split(b).filter((_, i) => i !== 3)))
      await expectInternalError('k')
      await expectInternalError('k', 'bytes=0-10') // the blob's length gives it away before any segment is read
    })
    it('cut short at a segment boundary', async () => {
      damage(s3.emulator, part('k'), (b) => joined(split(b).slice(0, 4)))
      await expectInternalError('k')
    })
    it('a segment duplicated over the next one', async () => {
      damage(s3.emulator, part('k'), (b) => {
        const s = split(b)
        return joined([s[0]!, s[0]!, ...s.slice(2)])
      })
      await expectInternalError('k')
    })
    it('a flipped bit in the last segment’s tag', async () => {
      damage(s3.emulator, part('k'), (b) => void (b[b.length - 1]! ^= 1))
      await expectInternalError('k')
    })
  })
}

describe('ranges and clean failures', () => {
  it('a range reads only the segments it needs: damage elsewhere does not stop it, damage inside does', async () => {
    expect((await s3.send('PUT', `/${BUCKET}/r`, { body: BODY })).status).toBe(200)
    damage(s3.emulator, part('r'), (b) => void (b[5 * (SEG + 16) + 3]! ^= 1)) // the last segment
    const ok = await s3.send('GET', `/${BUCKET}/r`, { headers: { range: `bytes=${SEG - 2}-${2 * SEG + 1}` } })
    expect([ok.status, await ok.text()]).toEqual([206, BODY.slice(SEG - 2, 2 * SEG + 2)])
    await expectInternalError('r', `bytes=${5 * SEG}-${5 * SEG + 1}`)
    await expectInternalError('r')
  })

  it('segments of one object do not open in another, even at the same position', async () => {
    await s3.send('PUT', `/${BUCKET}/a`, { body: BODY })
    await s3.send('PUT', `/${BUCKET}/b`, { body: BODY.toLowerCase() })
    const other = memoryBlobs(s3.emulator).readAll(part('a').blob)
    damage(s3.emulator, part('b'), (b) => joined([segmentsOf(other)[0]!, ...segmentsOf(b).slice(1)]))
    await expectInternalError('b')
  })

  it('a missing blob is an InternalError, not an empty body', async () => {
    await s3.send('PUT', `/${BUCKET}/gone`, { body: BODY })
    memoryBlobs(s3.emulator).delete(part('gone').blob)
    await expectInternalError('gone')
  })

  it('a PUT refused at the end of its body (BadDigest) leaves no blob; an overwrite and a delete release theirs', async () => {
    const blobs = memoryBlobs(s3.emulator)
    const before = blobs.count
    const bad = await s3.send('PUT', `/${BUCKET}/bad`, {
      body: BODY,
      headers: { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' },
    })
    expect((await errorOf(bad)).code).toBe('BadDigest')
    expect(blobs.count).toBe(before)
    await s3.send('PUT', `/${BUCKET}/k`, { body: BODY })
    await s3.send('PUT', `/${BUCKET}/k`, { body: BODY })
    expect(blobs.count).toBe(before + 1)
    await s3.send('DELETE', `/${BUCKET}/k`)
    expect(blobs.count).toBe(before)
  })
})
