/**
 * `npm run bench:crypto [-- --node | --browser] [--sizes 64K,1M,64M,512M] [--rounds 5] [--memory 256M] [--only TEXT]
 * [--memory-only] [--write] [--render (only redraw the tables from the JSON files)]`:
 * the crypto benchmark (scripts/bench/crypto-bench.ts) in Node and in headless Chromium (bundled with esbuild,
 * served from 127.0.0.1 so WebCrypto is available; CHROMIUM=path, default /usr/bin/chromium). Memory is the
 * resident set of the process doing the work, Node's own or Chromium's renderer, read from /proc/PID/status
 * with its peak (VmHWM) reset through /proc/PID/clear_refs before each measurement (Linux, as root or owner).
 * Writes docs/benchmarks/crypto-<runtime>.json and the table between the bench-crypto markers in
 * docs/benchmarks.md (a partial run, with --only or other sizes, writes neither unless --write is given).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { build } from 'esbuild'
import { chromium } from '@playwright/test'
import {
  runCryptoBench,
  runMemoryScenarios,
  MiB,
  KiB,
  type BenchRow,
  type MemoryProbe,
  type MemoryRow,
  type RunResult,
} from './bench/crypto-bench'
import { renderCryptoTables } from './bench/crypto-report'

const { values } = parseArgs({
  options: {
    node: { type: 'boolean', default: false },
    browser: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '64K,1M,64M,512M' },
    rounds: { type: 'string', default: '5' },
    memory: { type: 'string', default: '256M' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    'memory-only': { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
  },
})
const size = (s: string) =>
  Number.parseFloat(s) * (s.toUpperCase().endsWith('K') ? KiB : s.toUpperCase().endsWith('M') ? MiB : 1)
const sizes = values.sizes.split(',').map(size)
const rounds = Number(values.rounds)
const memoryBytes = size(values.memory)
const fullRun = !values.only && !values['memory-only'] && values.sizes === '64K,1M,64M,512M'
const runtimes =
  values.node || values.browser
    ? [...(values.node ? ['node'] : []), ...(values.browser ? ['chromium'] : [])]
    : ['node', 'chromium']

/** /proc/PID/status VmRSS and VmHWM, with the peak reset by writing 5 to /proc/PID/clear_refs. */
function procProbe(pid: number | 'self'): MemoryProbe {
  const field = (text: string, name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024
  return {
    async reset() {
      writeFileSync(`/proc/${pid}/clear_refs`, '5')
    },
    async read() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8')
      return { rss: field(status, 'VmRSS'), peak: field(status, 'VmHWM') }
    },
  }
}

const log = (line: string) => console.log(line)

async function inNode(): Promise<RunResult> {
  const probe = procProbe('self')
  const rows = values['memory-only']
    ? []
    : await runCryptoBench({ sizes, rounds, probe, log, ...(values.only ? { only: values.only } : {}) })
  const memory = values.only ? [] : await runMemoryScenarios(memoryBytes, probe, log)
  return {
    runtime: `Node ${process.version}`,
    date: new Date().toISOString(),
    sizes,
    rounds,
    rows,
    memory,
    loadAverage: (await import('node:os')).loadavg(),
  }
}

async function inChromium(): Promise<RunResult> {
  const bundle = await build({
    stdin: {
      contents: "import { benchPage } from './crypto-page'; Object.assign(globalThis, { benchPage })",
      resolveDir: new URL('./bench', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  })
  const js = bundle.outputFiles[0]!.text
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>bench:crypto</title><script type="module" src="/bench.js"></script>')
  })
  const port = Number(process.env.BENCH_PORT ?? 0)
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--js-flags=--expose-gc'],
  })
  try {
    const page = await browser.newPage()
    page.on('console', (m) => console.log(`[page] ${m.text()}`))
    await page.goto(`http://127.0.0.1:${address.port}/`)
    await page.waitForFunction(() => 'benchPage' in globalThis)
    // The page's renderer: the one whose resident set grows when the page fills 192 MiB.
    const cdp = await browser.newBrowserCDPSession()
    const renderers = async () =>
      ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }).processInfo
        .filter((p) => p.type === 'renderer')
        .map((p) => p.id)
    const rss = async (pid: number) => (await procProbe(pid).read()).rss
    const before = new Map(await Promise.all((await renderers()).map(async (pid) => [pid, await rss(pid)] as const)))
    await page.evaluate(
      () => ((globalThis as Record<string, unknown>).marker = new Uint8Array(192 * 1024 * 1024).fill(1)),
    )
    const grown = await Promise.all([...before].map(async ([pid, was]) => [pid, (await rss(pid)) - was] as const))
    const pid = grown.sort((a, b) => b[1] - a[1])[0]![0]
    await page.evaluate(() => delete (globalThis as Record<string, unknown>).marker)
    const probe = procProbe(pid)
    await page.exposeFunction('probeReset', () => probe.reset())
    await page.exposeFunction('probeRead', () => probe.read())
    await page.exposeFunction('benchLog', (line: string) => log(line))
    // The page side builds its probe and log from the exposed functions (bench/crypto-page.ts): a function
    // passed to evaluate() must not define functions itself (tsx's transform would name them with a helper
    // the page lacks).
    const rows = values['memory-only']
      ? []
      : ((await page.evaluate((a) => (globalThis as unknown as { benchPage(x: unknown): unknown }).benchPage(a), {
          kind: 'throughput',
          sizes,
          rounds,
          ...(values.only ? { only: values.only } : {}),
        })) as BenchRow[])
    const memory = values.only
      ? []
      : ((await page.evaluate((a) => (globalThis as unknown as { benchPage(x: unknown): unknown }).benchPage(a), {
          kind: 'memory',
          bytes: memoryBytes,
        })) as MemoryRow[])
    return {
      runtime: `Chromium ${browser.version()}`,
      date: new Date().toISOString(),
      sizes,
      rounds,
      rows,
      memory,
      loadAverage: (await import('node:os')).loadavg(),
    }
  } finally {
    await browser.close()
    server.close()
  }
}

const results: RunResult[] = []
for (const runtime of values.render ? [] : runtimes) {
  console.log(`\n== ${runtime} ==`)
  const result = runtime === 'node' ? await inNode() : await inChromium()
  results.push(result)
  if (fullRun || values.write) {
    mkdirSync('docs/benchmarks', { recursive: true })
    writeFileSync(`docs/benchmarks/crypto-${runtime}.json`, JSON.stringify(result, null, 2) + '\n')
  }
}
if (fullRun || values.write || values.render) {
  const doc = readFileSync('docs/benchmarks.md', 'utf8')
  const stored = ['node', 'chromium'].flatMap((r) => {
    try {
      return [JSON.parse(readFileSync(`docs/benchmarks/crypto-${r}.json`, 'utf8')) as RunResult]
    } catch {
      return []
    }
  })
  const table = `<!-- bench-crypto:start -->\n${renderCryptoTables(stored)}\n<!-- bench-crypto:end -->`
  const next = /<!-- bench-crypto:start -->[\s\S]*<!-- bench-crypto:end -->/.test(doc)
    ? doc.replace(/<!-- bench-crypto:start -->[\s\S]*<!-- bench-crypto:end -->/, table)
    : `${doc.trimEnd()}\n\n${table}\n`
  writeFileSync('docs/benchmarks.md', next)
  console.log('\nwrote docs/benchmarks/crypto-*.json and the bench-crypto table in docs/benchmarks.md')
}
