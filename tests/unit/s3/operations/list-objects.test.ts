/** ListObjectsV2 (and v1) over handle(): pagination, delimiter / CommonPrefixes, encoding-type=url, order. */
import { XMLParser } from 'fast-xml-parser'
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

const BUCKET = 'list-bucket'
const KEYS = ['a.txt', 'dir/1.txt', 'dir/2.txt', 'dir/sub/3.txt', 'e f+g&h.txt', 'z.txt']
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['Contents', 'CommonPrefixes'].includes(name) })

interface Listing {
  Name: string
  Prefix: string
  KeyCount: string
  MaxKeys: string
  IsTruncated: string
  Delimiter?: string
  EncodingType?: string
  StartAfter?: string
  ContinuationToken?: string
  NextContinuationToken?: string
  Contents?: { Key: string; ETag: string; Size: string; [k: string]: unknown }[]
  CommonPrefixes?: { Prefix: string }[]
}

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
  for (const key of KEYS)
    expect((await s3.send('PUT', `/${BUCKET}/${encodeURIComponent(key)}`, { body: key })).status).toBe(200)
})

async function list(params: Record<string, string> = {}, version = '2'): Promise<Listing> {
  const q = new URLSearchParams(version === '2' ? { 'list-type': '2', ...params } : params)
  const r = await s3.send('GET', `/${BUCKET}?${q}`)
  expect(r.status).toBe(200)
  return parser.parse(await r.text()).ListBucketResult as Listing
}
const keys = (l: Listing) => (l.Contents ?? []).map((c) => c.Key)
const prefixes = (l: Listing) => (l.CommonPrefixes ?? []).map((c) => c.Prefix)

describe('ListObjectsV2', () => {
  it('lists every key in order, with size and ETag and no encryption fields (§6.6)', async () => {
    const l = await list()
    expect(keys(l)).toEqual(KEYS)
    expect([l.KeyCount, l.MaxKeys, l.IsTruncated, l.Name, l.Prefix]).toEqual(['6', '1000', 'false', BUCKET, ''])
    const first = l.Contents![0]!
    expect(first.Size).toBe(String('a.txt'.length))
    expect(first.ETag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(Object.keys(first).some((k) => /encryption|kms/i.test(k))).toBe(false)
    expect(first.Owner).toBeUndefined() // v2 shows Owner only with fetch-owner=true
  })

  it('paginates with max-keys and continuation tokens, each key exactly once', async () => {
    const seen: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const l = await list({ 'max-keys': '2', ...(token ? { 'continuation-token': token } : {}) })
      pages++
      expect(l.KeyCount).toBe(String(keys(l).length))
      expect(l.ContinuationToken).toBe(token)
      seen.push(...keys(l))
      token = l.NextContinuationToken
      expect(l.IsTruncated).toBe(token ? 'true' : 'false')
    } while (token && pages < 10)
    expect(seen).toEqual(KEYS)
    expect(pages).toBe(3)
  })

  it('max-keys=1 with a delimiter counts CommonPrefixes toward the page and never repeats a prefix', async () => {
    const entries: string[] = []
    let token: string | undefined
    for (let i = 0; i < 10; i++) {
      const l = await list({ delimiter: '/', 'max-keys': '1', ...(token ? { 'continuation-token': token } : {}) })
      expect(keys(l).length + prefixes(l).length).toBe(1)
      entries.push(...keys(l), ...prefixes(l))
      token = l.NextContinuationToken
      if (!token) break
    }
    expect(entries).toEqual(['a.txt', 'dir/', 'e f+g&h.txt', 'z.txt'])
  })

  it('delimiter rolls keys up into CommonPrefixes', async () => {
    const l = await list({ delimiter: '/' })
    expect(keys(l)).toEqual(['a.txt', 'e f+g&h.txt', 'z.txt'])
    expect(prefixes(l)).toEqual(['dir/'])
    expect([l.KeyCount, l.Delimiter]).toEqual(['4', '/'])
  })

  it('prefix + delimiter lists one level of a "directory"', async () => {
    const l = await list({ prefix: 'dir/', delimiter: '/' })
    expect(keys(l)).toEqual(['dir/1.txt', 'dir/2.txt'])
    expect(prefixes(l)).toEqual(['dir/sub/'])
    expect(l.Prefix).toBe('dir/')
  })

  it('start-after skips up to and including the given key', async () => {
    const l = await list({ 'start-after': 'dir/2.txt' })
    expect(keys(l)).toEqual(['dir/sub/3.txt', 'e f+g&h.txt', 'z.txt'])
    expect(l.StartAfter).toBe('dir/2.txt')
  })

  it('encoding-type=url encodes Key, Prefix, Delimiter and CommonPrefixes; clients decode them back', async () => {
    // botocore decodes with unquote_plus; that must give back the exact key whatever S3's choice for space.
    const unquotePlus = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '))
    const l = await list({ 'encoding-type': 'url', prefix: 'e f', delimiter: ' ' })
    expect(l.EncodingType).toBe('url')
    expect(unquotePlus(l.Prefix)).toBe('e f')
    expect(unquotePlus(l.Delimiter!)).toBe(' ')
    const all = await list({ 'encoding-type': 'url' })
    const raw = keys(all).find((k) => unquotePlus(k).startsWith('e f'))!
    expect(raw).not.toMatch(/[ &]/)
    expect(unquotePlus(raw)).toBe('e f+g&h.txt')
    expect(keys(all).map(unquotePlus)).toEqual(KEYS)
  })

  it('lists in UTF-8 binary order, as S3 documents ("List results are always returned in UTF-8 binary order")', async () => {
    const h = harness()
    await h.send('PUT', '/utf8-bucket')
    // U+FF01 is EF BC 81 in UTF-8; U+1F600 is F0 9F 98 80: the emoji sorts last in UTF-8 (first in UTF-16).
    const unordered = ['\u{1F600}', '\uFF01', 'Z', 'a', 'é']
    for (const k of unordered) await h.send('PUT', `/utf8-bucket/${encodeURIComponent(k)}`, { body: k })
    const r = await h.send('GET', '/utf8-bucket?list-type=2')
    const listed = keys(parser.parse(await r.text()).ListBucketResult as Listing)
    expect(listed).toEqual(['Z', 'a', 'é', '\uFF01', '\u{1F600}'])
    // and pagination resumes in the same order
    const page1 = parser.parse(await (await h.send('GET', '/utf8-bucket?list-type=2&max-keys=4')).text())
      .ListBucketResult as Listing
    const token = page1.NextContinuationToken!
    const page2 = parser.parse(
      await (await h.send('GET', `/utf8-bucket?list-type=2&continuation-token=${encodeURIComponent(token)}`)).text(),
    ).ListBucketResult as Listing
    expect([...keys(page1), ...keys(page2)]).toEqual(['Z', 'a', 'é', '\uFF01', '\u{1F600}'])
  })

  it('fetch-owner=true adds Owner', async () => {
    expect((await list({ 'fetch-owner': 'true' })).Contents![0]!.Owner).toBeDefined()
  })

  it('max-keys above 1000 is capped at 1000; max-keys=0 returns nothing', async () => {
    expect((await list({ 'max-keys': '5000' })).MaxKeys).toBe('1000')
    expect(keys(await list({ 'max-keys': '0' }))).toEqual([])
  })

  for (const [param, value] of [
    ['encoding-type', 'base64'],
    ['max-keys', 'ten'],
    ['max-keys', '-1'],
    ['continuation-token', 'not base64!'],
  ]) {
    it(`${param}=${value} is 400 InvalidArgument`, async () => {
      const e = await errorOf(await s3.send('GET', `/${BUCKET}?list-type=2&${param}=${encodeURIComponent(value!)}`))
      expect([e.status, e.code]).toEqual([400, 'InvalidArgument'])
    })
  }

  it('a missing bucket is 404 NoSuchBucket', async () => {
    expect((await errorOf(await s3.send('GET', '/no-such-bucket?list-type=2'))).code).toBe('NoSuchBucket')
  })
})

describe('ListObjects (v1)', () => {
  it('uses marker and reports NextMarker when truncated with a delimiter', async () => {
    const l = (await list({ marker: 'a.txt', delimiter: '/', 'max-keys': '2' }, '1')) as Listing & {
      Marker: string
      NextMarker?: string
    }
    expect(l.Marker).toBe('a.txt')
    expect(prefixes(l)).toEqual(['dir/'])
    expect(keys(l)).toEqual(['e f+g&h.txt'])
    expect(l.IsTruncated).toBe('true')
    expect(l.NextMarker).toBe('e f+g&h.txt')
  })
})
