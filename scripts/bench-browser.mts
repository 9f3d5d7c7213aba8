/**
 * `npx tsx scripts/bench-browser.mts [rounds]`: the emulator behind MSW in Chromium against a no-op MSW
 * handler in the same worker and page (4 KiB requests; 16 and 64 MiB bodies, PutObject and GetObject
 * with SSE-S3), and what the app's worker (public/emulator-worker.js) costs a request to any other host, which it
 * leaves to the browser (bypass), against a plain fetch from a page with no worker. Chromium (CHROMIUM_PATH, else /usr/bin/chromium) is started with
 * --remote-debugging-port and driven over a bare DevTools Protocol WebSocket: no Playwright, whose network
 * instrumentation slows large bodies several times. Rounds interleave the targets in a rotating order.
 * Writes .bench/browser.json and the table between the bench-browser markers in docs/benchmarks.md.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
// esbuild comes with tsx, which runs this script.
import { build } from 'esbuild'

// Node 20 has WebSocket only behind a flag (Node 22 has it by default): run again with the flag.
if (typeof WebSocket === 'undefined') {
  const again = spawnSync(
    process.execPath,
    ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  )
  process.exit(again.status ?? 1)
}

const ROUNDS = Number(process.argv[2] ?? 3)
const PAGE_PORT = Number(process.env.BENCH_PORT ?? 3274)
const CDP_PORT = PAGE_PORT + 1
const MiB = 1024 * 1024
type Target = 'emulator' | 'noop' | 'bypass' | 'plain'
interface Cell {
  op: 'PUT' | 'GET'
  size: number
  n: number
  pair: [Target, Target]
}
const CELLS: Cell[] = []
for (const op of ['PUT', 'GET'] as const) {
  CELLS.push({ op, size: 4096, n: 150, pair: ['emulator', 'noop'] })
  CELLS.push({ op, size: 16 * MiB, n: 3, pair: ['emulator', 'noop'] })
  CELLS.push({ op, size: 64 * MiB, n: 1, pair: ['emulator', 'noop'] })
}
CELLS.push({ op: 'GET', size: 64, n: 200, pair: ['bypass', 'plain'] })
CELLS.push({ op: 'GET', size: 16 * MiB, n: 3, pair: ['bypass', 'plain'] })
const GOAL = (c: Cell) => (c.pair[0] === 'bypass' ? undefined : c.size >= 16 * MiB ? 0.9 : 0.8)

// The page: the bundle, the app's worker scripts, and an echo endpoint for bypass and plain fetch.
const bundle = await build({
  entryPoints: ['scripts/bench/browser-bench.ts'],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
})
const js = bundle.outputFiles[0]!.text
const workerJs = {
  '/emulator-worker.js': readFileSync('public/emulator-worker.js'),
  '/mockServiceWorker.js': readFileSync('public/mockServiceWorker.js'),
}
let zeros = Buffer.alloc(0)
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]
  if (path === '/bench.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
  if (path && path in workerJs)
    return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(workerJs[path as keyof typeof workerJs])
  if (path === '/echo') {
    const size = Number(new URL(req.url!, 'http://x').searchParams.get('size'))
    req.resume()
    req.on('end', () => {
      if (req.method !== 'GET') return void res.writeHead(200, { 'content-length': '0' }).end()
      if (zeros.length < size) zeros = Buffer.alloc(size)
      res
        .writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) })
        .end(zeros.subarray(0, size))
    })
    return
  }
  res
    .writeHead(200, { 'content-type': 'text/html' })
    .end('<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>')
})
await new Promise<void>((r) => server.listen(PAGE_PORT, '127.0.0.1', r))

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`)
const profile = mkdtempSync(join(tmpdir(), 'bench-browser-'))
const chrome = spawn(
  chromiumPath,
  [
    '--headless=new',
    `--remote-debugging-port=${CDP_PORT}`,
    `--user-data-dir=${profile}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    'about:blank',
  ],
  { stdio: 'ignore' },
)

/** A bare DevTools Protocol session on one page target. */
class Cdp {
  private nextId = 1
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private constructor(private ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: { message: string } }
      const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined
      if (!p) return
      this.pending.delete(msg.id!)
      if (msg.error) p.reject(new Error(msg.error.message))
      else p.resolve(msg.result)
    })
  }
  static async open(url: string): Promise<Cdp> {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true })
      ws.addEventListener('error', reject, { once: true })
    })
    return new Cdp(ws)
  }
  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++
    this.ws.send(JSON.stringify({ id, method, params }))
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }))
  }
  async evaluate<T>(expression: string): Promise<T> {
    const r = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value: T }
      exceptionDetails?: { exception?: { description?: string }; text: string }
    }
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text)
    return r.result.value
  }
  close() {
    this.ws.close()
  }
}

async function cdpJson(path: string, method = 'GET'): Promise<unknown> {
  for (let i = 0; i < 100; i++) {
    try {
      return await (await fetch(`http://127.0.0.1:${CDP_PORT}${path}`, { method })).json()
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error('Chromium did not open its DevTools port')
}

async function openPage(url: string): Promise<Cdp> {
  const target = (await cdpJson(`/json/new?${encodeURIComponent(url)}`, 'PUT')) as { webSocketDebuggerUrl: string }
  const cdp = await Cdp.open(target.webSocketDebuggerUrl)
  for (let i = 0; i < 200 && !(await cdp.evaluate<boolean>("typeof bench === 'object'").catch(() => false)); i++)
    await new Promise((r) => setTimeout(r, 50))
  return cdp
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const started = Date.now()
try {
  const version = ((await cdpJson('/json/version')) as { Browser: string }).Browser
  // With the worker: the app's origin. Without: another origin (localhost), which no worker controls.
  const withWorker = await openPage(`http://127.0.0.1:${PAGE_PORT}/`)
  await withWorker.evaluate('bench.startWorker()')
  const plain = await openPage(`http://localhost:${PAGE_PORT}/`)
  const pageFor = (t: Target) => (t === 'plain' ? plain : withWorker)

  const rates = new Map<Cell, Record<string, number[]>>(CELLS.map((c) => [c, { [c.pair[0]]: [], [c.pair[1]]: [] }]))
  const webCrypto: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const cell of CELLS) {
      const order = round % 2 ? [...cell.pair].reverse() : cell.pair
      for (const t of order)
        rates
          .get(cell)!
          [t]!.push(
            await pageFor(t).evaluate<number>(
              `bench.measure(${JSON.stringify(t)}, ${JSON.stringify(cell.op)}, ${cell.size}, ${cell.n})`,
            ),
          )
    }
    webCrypto.push(await withWorker.evaluate<number>(`bench.webCryptoMBps(${16 * MiB})`))
    console.error(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  }
  withWorker.close()
  plain.close()

  const rows = CELLS.map((cell) => {
    const [a, b] = cell.pair
    const ra = rates.get(cell)![a]!
    const rb = rates.get(cell)![b]!
    const ratios = ra.map((x, i) => x / rb[i]!)
    return {
      op: cell.op,
      size: cell.size,
      requests: cell.n,
      [a]: ra,
      [b]: rb,
      pair: cell.pair,
      ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
      goal: GOAL(cell),
    }
  })
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    chromium: version,
    loadavg: loadavg().map((x) => +x.toFixed(2)),
  }
  const result = {
    date: new Date().toISOString(),
    rounds: ROUNDS,
    machine,
    webCryptoAesGcmMBps: median(webCrypto),
    rows,
  }
  mkdirSync('.bench', { recursive: true })
  writeFileSync('.bench/browser.json', JSON.stringify(result, null, 2))
  console.log(`wrote .bench/browser.json (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  const sizeText = (n: number) => (n >= MiB ? `${n / MiB} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} B`)
  const rate = (xs: number[], size: number) => {
    const m = median(xs)
    return size >= MiB ? `${((m * size) / 1e6).toFixed(1)} MB/s` : `${m.toFixed(0)} req/s`
  }
  const lines = rows.map((r) => {
    const [a, b] = r.pair as [Target, Target]
    const verdict = r.goal === undefined ? '' : ` ≥ ${r.goal}: ${r.ratio.median >= r.goal ? 'met' : '**missed**'}`
    return `| ${a} vs ${b} | ${r.op} | ${sizeText(r.size)} | ${rate(r[a] as number[], r.size)} | ${rate(r[b] as number[], r.size)} | **${r.ratio.median.toFixed(2)}** (${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)})${verdict} |`
  })
  const section = `<!-- bench-browser:start -->
| compared | op | size | first | second | first × second (goal) |
| --- | --- | ---: | ---: | ---: | --- |
${lines.join('\n')}

Measured ${result.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (\`scripts/bench-browser.mts ${ROUNDS}\`): ${version}, headless, driven over a bare DevTools Protocol WebSocket; ${ROUNDS} rounds, the two targets of each row interleaved in alternating order; ${machine.cpus} × ${machine.cpu}, load average at the end ${machine.loadavg.join(' ')}. Sequential requests; figures are medians, ratios are per round (median and range). WebCrypto AES-256-GCM alone encrypts ${median(webCrypto).toFixed(0)} MB/s in the same page (16 MiB).
<!-- bench-browser:end -->`
  const doc = 'docs/benchmarks.md'
  const text = readFileSync(doc, 'utf8')
  writeFileSync(
    doc,
    text.includes('<!-- bench-browser:start -->')
      ? text.replace(/<!-- bench-browser:start -->[\s\S]*<!-- bench-browser:end -->/, section)
      : `${text.trimEnd()}\n\n## The emulator behind MSW in Chromium\n\n${section}\n`,
  )
} finally {
  chrome.kill()
  server.close()
  await new Promise((r) => setTimeout(r, 300))
  rmSync(profile, { recursive: true, force: true })
}
