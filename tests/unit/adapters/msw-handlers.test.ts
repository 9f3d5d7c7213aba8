/**
 * The MSW front door reads each body once: the emulator streams the request, the client reads the
 * response, and the inspector's log only taps them for size and a preview of small textual bodies.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '@/lib/adapters/msw/handlers'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { ExchangeLog } from '@/lib/inspector/exchange'

const emulator = createEmulator()
const log = new ExchangeLog()
const server = setupServer(...createHandlers(emulator, log))
const S3 = 'https://s3.emulator.invalid'
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const last = () => log.all().at(-1)!

describe('the MSW handler', () => {
  it('passes a large body through once and logs its size without a preview', async () => {
    expect((await fetch(`${S3}/tapped`, { method: 'PUT' })).status).toBe(200)
    const body = Buffer.alloc(3 * 1024 * 1024 + 5)
    for (let i = 0; i < body.length; i += 4096) body[i] = (i / 4096) & 255
    const put = await fetch(`${S3}/tapped/big.bin`, { method: 'PUT', body })
    expect(put.status).toBe(200)
    expect([last().requestBodySize, last().requestBody]).toEqual([body.length, undefined])
    const got = await fetch(`${S3}/tapped/big.bin`)
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true)
    expect([last().operation, last().responseBodySize, last().responseBody]).toEqual([
      'GetObject',
      body.length,
      undefined,
    ])
  })

  it('previews small textual bodies, both ways', async () => {
    const put = await fetch(`${S3}/tapped/note.txt`, {
      method: 'PUT',
      body: 'hello inspector',
      headers: { 'content-type': 'text/plain' },
    })
    expect(put.status).toBe(200)
    expect([last().requestBodySize, last().requestBody]).toEqual([15, 'hello inspector'])
    const got = await fetch(`${S3}/tapped/note.txt`)
    expect(await got.text()).toBe('hello inspector')
    expect([last().responseBodySize, last().responseBody]).toEqual([15, 'hello inspector'])
    const missing = await fetch(`${S3}/tapped/none.txt`)
    expect(missing.status).toBe(404)
    expect(last().responseBody).toContain('<Code>NoSuchKey</Code>')
  })

  it('counts a body the emulator refused before reading it', async () => {
    const r = await fetch(`${S3}/no-such-bucket/k`, { method: 'PUT', body: 'x'.repeat(1000) })
    expect(r.status).toBe(404)
    expect(last().requestBodySize).toBe(1000)
  })
})
