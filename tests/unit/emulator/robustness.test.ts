/**
 * Robustness, with fast-check: random operation sequences against a reference model (no lost or corrupted
 * object, every response well formed), mutated requests (never a 500), and parallel writes to one key
 * (one complete winner, never a torn object). Bounded runs with fixed seeds, so CI time stays fixed.
 */
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { harness, parseError } from '../../helpers/handle'

const KEYS = ['a', 'b', 'dir/c', 'dir/d', 'ü €']
const BUCKETS = ['fuzz-one', 'fuzz-two']
const path = (bucket: string, key: string) => `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`

type Op =
  | { kind: 'put'; bucket: string; key: string; body: string; sse: 'none' | 'AES256' | 'aws:kms' | 'aws:kms:dsse' }
  | { kind: 'get' | 'head' | 'delete'; bucket: string; key: string }
  | { kind: 'list'; bucket: string }
  | { kind: 'range'; bucket: string; key: string; start: number; length: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    bucket: fc.constantFrom(...BUCKETS),
    key: fc.constantFrom(...KEYS),
    body: fc.string({ maxLength: 200, unit: 'grapheme' }),
    sse: fc.constantFrom('none' as const, 'AES256' as const, 'aws:kms' as const, 'aws:kms:dsse' as const),
  }),
  fc.record({
    kind: fc.constantFrom('get' as const, 'head' as const, 'delete' as const),
    bucket: fc.constantFrom(...BUCKETS),
    key: fc.constantFrom(...KEYS),
  }),
  fc.record({ kind: fc.constant('list' as const), bucket: fc.constantFrom(...BUCKETS) }),
  fc.record({
    kind: fc.constant('range' as const),
    bucket: fc.constantFrom(...BUCKETS),
    key: fc.constantFrom(...KEYS),
    start: fc.nat(250),
    length: fc.integer({ min: 1, max: 50 }),
  }),
)

/** A well-formed S3 answer: a known status, and an <Error> with a code for every error that has a body. */
async function wellFormed(method: string, response: Response): Promise<Uint8Array> {
  expect([200, 204, 206, 304, 400, 403, 404, 409, 412, 416]).toContain(response.status)
  const body = new Uint8Array(await response.arrayBuffer())
  if (response.status >= 400 && method !== 'HEAD')
    expect(parseError(new TextDecoder().decode(body)).code).toMatch(/^[A-Za-z.]+$/)
  return body
}

describe('random operation sequences against a reference model', () => {
  it('never lose or corrupt an object, and always answer well formed', async () => {
    const bugs = vi.spyOn(console, 'error')
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const { send } = harness()
        const model = new Map<string, Map<string, string>>()
        for (const b of BUCKETS) {
          expect((await send('PUT', `/${b}`)).status).toBe(200)
          model.set(b, new Map())
        }
        const enc = new TextEncoder()
        for (const o of ops) {
          const objects = model.get(o.bucket)!
          if (o.kind === 'put') {
            const headers: Record<string, string> = o.sse === 'none' ? {} : { 'x-amz-server-side-encryption': o.sse }
            const r = await send('PUT', path(o.bucket, o.key), { body: enc.encode(o.body), headers })
            await wellFormed('PUT', r)
            expect(r.status).toBe(200)
            objects.set(o.key, o.body)
          } else if (o.kind === 'delete') {
            await wellFormed('DELETE', await send('DELETE', path(o.bucket, o.key)))
            objects.delete(o.key)
          } else if (o.kind === 'list') {
            const body = new TextDecoder().decode(
              await wellFormed('GET', await send('GET', `/${o.bucket}?list-type=2`)),
            )
            const unescape = (t: string) =>
              t
                .replace(/&lt;/g, '<')
                .replace(/&gt;/g, '>')
                .replace(/&quot;/g, '"')
                .replace(/&apos;/g, "'")
                .replace(/&amp;/g, '&')
            const listed = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescape(m[1]!)).sort()
            expect(listed).toEqual([...objects.keys()].sort())
          } else {
            const expected = objects.get(o.key)
            const headers: Record<string, string> =
              o.kind === 'range' ? { range: `bytes=${o.start}-${o.start + o.length - 1}` } : {}
            const r = await send(o.kind === 'head' ? 'HEAD' : 'GET', path(o.bucket, o.key), { headers })
            const body = await wellFormed(o.kind === 'head' ? 'HEAD' : 'GET', r)
            if (expected === undefined) expect(r.status).toBe(404)
            else if (o.kind === 'get') expect(new TextDecoder().decode(body)).toBe(expected)
            else if (o.kind === 'head')
              expect(r.headers.get('content-length')).toBe(String(enc.encode(expected).length))
            else if (o.kind === 'range') {
              const bytes = enc.encode(expected)
              if (o.start >= bytes.length) expect(r.status).toBe(416)
              else expect(body).toEqual(bytes.subarray(o.start, o.start + o.length))
            }
          }
        }
      }),
      { numRuns: 60, seed: 4566 },
    )
    expect(bugs).not.toHaveBeenCalled()
    bugs.mockRestore()
  }, 120_000)
})

describe('mutated requests', () => {
  it('get well-formed errors, never a 500', async () => {
    const { send } = harness()
    await send('PUT', '/mutant')
    const bugs = vi.spyOn(console, 'error')
    const header = fc.constantFrom(
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-server-side-encryption-context',
      'x-amz-server-side-encryption-customer-algorithm',
      'x-amz-server-side-encryption-customer-key',
      'x-amz-server-side-encryption-customer-key-md5',
      'content-md5',
      'x-amz-checksum-crc32',
      'x-amz-content-sha256',
      'content-encoding',
      'x-amz-decoded-content-length',
      'range',
      'x-amz-copy-source',
      'if-match',
    )
    const target = fc.constantFrom(
      '/mutant/k',
      '/mutant?encryption',
      '/mutant?policy',
      '/mutant?cors',
      '/mutant/k?uploads',
      '/mutant/k?uploadId=x&partNumber=1',
      '/mutant?list-type=2&max-keys=-1',
      '/%ff/%zz',
    )
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        '<ServerSideEncryptionConfiguration><Rule>',
        '{"Version":"2012-10-17","Statement":[{"Effect":',
        '5\r\nabc',
        '0\r\n\r\n',
        '<CORSConfiguration><CORSRule><AllowedMethod>GET',
      ),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
        target,
        fc.dictionary(header, fc.string({ maxLength: 60 }), { maxKeys: 4 }),
        body,
        async (method, url, headers, text) => {
          const r = await send(method, url, {
            headers,
            ...(method === 'GET' || method === 'HEAD' ? {} : { body: text }),
          })
          expect(r.status, `${method} ${url} ${JSON.stringify(headers)}`).not.toBe(500)
          expect(r.status).toBeLessThan(600)
        },
      ),
      { numRuns: 1500, seed: 2026 },
    )
    expect(bugs).not.toHaveBeenCalled()
    bugs.mockRestore()
  }, 120_000)
})

describe('parallel writes to one key', () => {
  it('end with one complete winner, never a torn object', async () => {
    const { send } = harness()
    await send('PUT', '/race')
    const bodies = Array.from({ length: 20 }, (_, i) => `writer ${i} `.repeat(500 + i))
    const results = await Promise.all(
      bodies.map((b, i) =>
        send('PUT', '/race/same', { body: b, headers: i % 2 ? { 'x-amz-server-side-encryption': 'aws:kms' } : {} }),
      ),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    const stored = await (await send('GET', '/race/same')).text()
    expect(bodies).toContain(stored)
  })
})
