#!/usr/bin/env node
/**
 * Builds public/scratchpad-sandbox.html, where the SDK scratchpad runs user code (issue 15): a document the
 * page loads in an <iframe sandbox="allow-scripts"> (an opaque origin: no cookies, storage or page access),
 * with a policy that shuts every network path (connect-src, script-src, img-src... 'none'). Its one script
 * starts the scratchpad worker from a blob: URL, so the worker inherits that policy: fetch, XHR, WebSocket,
 * EventSource, importScripts, import() and nested workers reach nothing. The worker's SDK requests go to the
 * page over a MessagePort; the page sends only those addressed to the chosen target
 * (lib/scratchpad/target-hosts.ts). The worker is bundled here (esbuild) into one script, kept in the
 * document as base64 data. Run by `npm run build` and `npm run dev`; the output is not committed.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'

export const SANDBOX_FILE = 'scratchpad-sandbox.html'

// Starts the worker once, for the page that framed it, and hands it the page's MessagePort.
export const BOOTSTRAP = `(() => {
  const data = document.getElementById('scratchpad-worker').textContent.trim()
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }))
  let started = false
  addEventListener('message', (event) => {
    if (started || event.source !== parent || event.data?.type !== 'start' || !event.ports[0]) return
    started = true
    const worker = new Worker(url, { name: 'scratchpad' })
    worker.onerror = (e) => {
      e.preventDefault()
      parent.postMessage({ type: 'worker-error', message: String(e.message || 'The scratchpad worker failed to start.') }, '*')
    }
    worker.postMessage({ type: 'connect' }, [event.ports[0]])
  })
  parent.postMessage({ type: 'sandbox-ready' }, '*')
})()`

/** The sandbox's policy: nothing may be loaded or contacted; its script runs by hash, the worker from blob:, and
 * the worker may compile code ('unsafe-eval': user programs run with new Function), which reaches no network. */
export function sandboxPolicy(bootstrap = BOOTSTRAP) {
  const hash = createHash('sha256').update(bootstrap, 'utf8').digest('base64')
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}' 'unsafe-eval'`,
    'worker-src blob:',
    "connect-src 'none'",
    "img-src 'none'",
    "style-src 'none'",
    "font-src 'none'",
    "media-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

export function sandboxHtml(workerCode) {
  const data = Buffer.from(workerCode, 'utf8').toString('base64')
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${sandboxPolicy()}">`,
    '<title>SDK scratchpad sandbox</title></head><body>',
    `<script type="application/octet-stream" id="scratchpad-worker">${data}</script>`,
    `<script>${BOOTSTRAP}</script>`,
    '</body></html>',
    '',
  ].join('\n')
}

export async function bundleWorker() {
  // Imported here: serve-static.mjs reads SANDBOX_FILE and must not need the bundler.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: ['components/playground/editors/scratchpad.worker.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  })
  return result.outputFiles[0].text
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const html = sandboxHtml(await bundleWorker())
  writeFileSync(`public/${SANDBOX_FILE}`, html)
  console.log(`public/${SANDBOX_FILE}: the scratchpad sandbox (${(html.length / 1024).toFixed(0)} KiB)`)
}
