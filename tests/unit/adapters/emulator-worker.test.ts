/**
 * public/emulator-worker.js keeps MSW's service worker to the emulator's hosts. It runs in a browser only,
 * so here it is evaluated against a stand-in worker scope; the e2e test (default-encryption.spec.ts) checks
 * the real thing in Chromium.
 */
import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { EMULATOR_HOSTS } from '@/lib/adapters/msw/handlers'

const source = readFileSync('public/emulator-worker.js', 'utf8')

function loadWorker(scope: { URLPattern?: unknown } = {}) {
  const listeners: Record<string, ((event: unknown) => void)[]> = {}
  const imported: string[] = []
  runInNewContext(source, {
    addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[type] ??= []).push(fn),
    importScripts: (...urls: string[]) => imported.push(...urls),
    Promise,
    ...scope,
  })
  return { listeners, imported }
}

function dispatchFetch(url: string): boolean {
  const { listeners } = loadWorker()
  let stopped = false
  for (const fn of listeners.fetch ?? []) fn({ request: { url }, stopImmediatePropagation: () => (stopped = true) })
  return stopped
}

const urls = [
  'https://s3.emulator.invalid/',
  'http://s3.emulator.invalid/bucket/key',
  'https://bucket.s3.emulator.invalid/key?x-id=GetObject',
  'https://kms.emulator.invalid',
  'http://s3.emulator.invalid:8080/b',
  'https://s3.us-east-1.amazonaws.com/bucket',
  'http://127.0.0.1:4566/bucket',
  'https://emulator.invalid.example.com/',
  'https://example.com/?u=https://s3.emulator.invalid/',
  'http://localhost:3000/_next/static/chunk.js',
]

describe('emulator-worker.js', () => {
  it('answers exactly the hosts the MSW handler answers', () => {
    for (const url of urls) expect(dispatchFetch(url), url).toBe(!EMULATOR_HOSTS.test(url))
    expect(urls.filter((u) => EMULATOR_HOSTS.test(u))).toHaveLength(5)
  })

  it("loads MSW's own worker after its filter, so the filter runs first", () => {
    const { listeners, imported } = loadWorker()
    expect(imported).toEqual(['./mockServiceWorker.js'])
    expect(listeners.fetch).toHaveLength(1)
  })

  it('routes every other host to the network where static routing exists', async () => {
    const routes: unknown[] = []
    class FakePattern {
      constructor(readonly init: unknown) {}
    }
    const { listeners } = loadWorker({ URLPattern: FakePattern })
    let waited: Promise<unknown> | undefined
    listeners.install![0]!({
      addRoutes: async (r: unknown[]) => routes.push(...r),
      waitUntil: (p: Promise<unknown>) => (waited = p),
    })
    await waited
    expect(routes).toEqual([
      { condition: { not: { urlPattern: new FakePattern({ hostname: '{*.}?emulator.invalid' }) } }, source: 'network' },
    ])
  })

  it('still installs when the router rejects the rule', async () => {
    const { listeners } = loadWorker({ URLPattern: class {} })
    let waited: Promise<unknown> | undefined
    listeners.install![0]!({
      addRoutes: () => Promise.reject(new TypeError('not')),
      waitUntil: (p: Promise<unknown>) => (waited = p),
    })
    await expect(waited).resolves.toBeUndefined()
  })
})
