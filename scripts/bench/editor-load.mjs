#!/usr/bin/env node
/**
 * What opening the editors costs: the JavaScript Chromium fetches for /playground/, then on opening the
 * Editors tab (Monaco + the JSON worker), then the SDK scratchpad and its first run (the TypeScript worker
 * and the scratchpad worker), as raw and gzip (level 9) bytes, plus the time until each editor shows.
 * Usage: npm run build && node scripts/bench/editor-load.mjs [port=3249]   (CHROMIUM=path to override /usr/bin/chromium)
 */
import { spawn } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'

const port = Number(process.argv[2] ?? 3249)
const server = spawn(process.execPath, ['scripts/serve-static.mjs', '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((resolve) => server.stdout.once('data', resolve))
const origin = `http://127.0.0.1:${port}`

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
})
try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
  const loaded = []
  context.on('response', async (response) => {
    const url = response.url()
    if (!url.startsWith(origin) || !/\.js(\?|$)/.test(url)) return
    const body = await response.body().catch(() => undefined)
    if (body) loaded.push({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length })
  })
  const page = await context.newPage()
  const rows = []
  let seen = 0
  const step = async (name, action) => {
    const start = performance.now()
    await action()
    const ms = performance.now() - start
    await page.waitForTimeout(1500) // late worker chunks
    const now = loaded.slice(seen)
    seen = loaded.length
    rows.push({
      name,
      files: now.length,
      raw: now.reduce((a, f) => a + f.raw, 0),
      gzip: now.reduce((a, f) => a + f.gzip, 0),
      ms,
    })
  }
  await step('/playground/ until ready', async () => {
    await page.goto(`${origin}/playground/`)
    await page.locator('[data-testid="playground"][data-ready="true"]').waitFor({ timeout: 60_000 })
  })
  if ((await page.getByRole('tab', { name: 'Editors' }).count()) === 0) {
    rows.push({ name: '(no Editors tab in this build)', files: 0, raw: 0, gzip: 0, ms: 0 })
  } else {
    // A bucket to edit, made through the page's own fetch (the MSW worker answers it).
    await page.evaluate(() => fetch('https://s3.emulator.invalid/bench-bucket', { method: 'PUT' }))
    await step('open Editors (Monaco + JSON worker)', async () => {
      await page.getByRole('tab', { name: 'Editors' }).click()
      await page.getByTestId('config-editor').locator('.monaco-editor').waitFor()
    })
    await step('open SDK scratchpad', async () => {
      await page.getByRole('tab', { name: 'SDK scratchpad' }).click()
      await page.getByTestId('scratchpad').locator('.monaco-editor').waitFor()
    })
    await step('first Run (TS worker + scratchpad worker)', async () => {
      await page.getByRole('button', { name: '▶ Run' }).click()
      await page
        .getByTestId('scratchpad-console')
        .getByText(/Finished in|Uncaught/)
        .waitFor({ timeout: 60_000 })
    })
  }
  const kib = (n) => (n / 1024).toFixed(1)
  console.log('| step | JS files | raw KiB | gzip KiB | time to show (ms) |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const r of rows) console.log(`| ${r.name} | ${r.files} | ${kib(r.raw)} | ${kib(r.gzip)} | ${r.ms.toFixed(0)} |`)
} finally {
  await browser.close()
  server.kill()
}
