/**
 * The in-page half of scripts/bench-browser.mts (bundled with esbuild, served from 127.0.0.1 and from
 * localhost): the playground's own MSW setup (the emulator's handler, which also records every exchange
 * for the inspector, as in the app) beside a no-op MSW handler in the same worker (the app's worker, public/emulator-worker.js), plus
 * same-origin requests, which that worker leaves to the browser (bypass), and, on the page without a
 * worker, plain fetch.
 */
import { http } from 'msw'
import { setupWorker } from 'msw/browser'
import { createHandlers } from '../../lib/adapters/msw/handlers'
import { createEmulator } from '../../lib/emulator/create-emulator'
import { ExchangeLog } from '../../lib/inspector/exchange'

export type Target = 'emulator' | 'noop' | 'bypass' | 'plain'
const bodies = new Map<number, Uint8Array>()
function body(size: number): Uint8Array {
  let b = bodies.get(size)
  if (!b) {
    b = new Uint8Array(size)
    for (let o = 0; o < size; o += 65536) crypto.getRandomValues(b.subarray(o, Math.min(size, o + 65536)))
    bodies.set(size, b)
  }
  return b
}
let zeros = new Uint8Array(0)

export async function startWorker(): Promise<void> {
  const emulator = createEmulator()
  const noop = http.all(/^https:\/\/noop\.emulator\.invalid\//, async ({ request }) => {
    if (request.method === 'PUT') {
      await request.arrayBuffer()
      return new Response(null, { status: 200, headers: { etag: '"0"', 'x-amz-server-side-encryption': 'AES256' } })
    }
    const size = Number(new URL(request.url).searchParams.get('size'))
    if (zeros.length < size) zeros = new Uint8Array(size)
    return new Response(zeros.subarray(0, size), {
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'x-amz-server-side-encryption': 'AES256' },
    })
  })
  // The no-op handler first: the emulator's handler takes every other host under emulator.invalid.
  const worker = setupWorker(noop, ...createHandlers(emulator, new ExchangeLog()))
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: '/emulator-worker.js' } })
  const made = await fetch('https://s3.emulator.invalid/bench-bucket', { method: 'PUT' })
  if (made.status !== 200) throw new Error(`CreateBucket: ${made.status}`)
}

const url = (target: Target, size: number) =>
  target === 'emulator'
    ? `https://s3.emulator.invalid/bench-bucket/object-${size}`
    : target === 'noop'
      ? `https://noop.emulator.invalid/object?size=${size}`
      : `${location.origin}/echo?size=${size}`

async function once(target: Target, op: 'PUT' | 'GET', size: number): Promise<void> {
  if (op === 'PUT') {
    const r = await fetch(url(target, size), {
      method: 'PUT',
      body: body(size) as BodyInit,
      headers: { 'x-amz-server-side-encryption': 'AES256', 'content-type': 'application/octet-stream' },
    })
    if (r.status !== 200) throw new Error(`${target} PUT ${size}: ${r.status} ${await r.text()}`)
    await r.arrayBuffer()
    return
  }
  const r = await fetch(url(target, size))
  const got = (await r.arrayBuffer()).byteLength
  if (r.status !== 200 || got !== size) throw new Error(`${target} GET ${size}: ${r.status}, ${got} bytes`)
}

/** Requests per second over `n` sequential requests (after one unmeasured request). */
export async function measure(target: Target, op: 'PUT' | 'GET', size: number, n: number): Promise<number> {
  if (op === 'GET' && target === 'emulator') await once(target, 'PUT', size)
  await once(target, op, size)
  const started = performance.now()
  for (let i = 0; i < n; i++) await once(target, op, size)
  return n / ((performance.now() - started) / 1000)
}

/** Raw AES-256-GCM encryption with WebCrypto, MB/s: what SSE costs at the least. */
export async function webCryptoMBps(size: number): Promise<number> {
  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, [
    'encrypt',
  ])
  const data = body(size)
  await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data as BufferSource)
  const started = performance.now()
  await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data as BufferSource)
  return size / 1e6 / ((performance.now() - started) / 1000)
}

Object.assign(globalThis, { bench: { startWorker, measure, webCryptoMBps } })
