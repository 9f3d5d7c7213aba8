/**
 * `npx tsx scripts/bench-dsse.mts [MiB] [rounds] [--browser]`: the numbers in docs/benchmarks.md, in Node,
 * or with --browser in headless Chromium (the playground's real runtime; CHROMIUM=path, default
 * /usr/bin/chromium): the benchmark is bundled with esbuild and served from 127.0.0.1, a secure context.
 */
import { createServer } from 'node:http'
// esbuild comes with tsx, which runs this script.
import { build } from 'esbuild'
import { chromium } from '@playwright/test'
import { runDsseBench } from './bench/dsse-bench'

const args = process.argv.slice(2).filter((a) => a !== '--browser')
const MiB = Number(args[0] ?? 8)
const rounds = Number(args[1] ?? 5)

async function inBrowser() {
  const bundle = await build({
    stdin: {
      contents: "import { runDsseBench } from './dsse-bench'; (globalThis as any).runDsseBench = runDsseBench",
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
        .end('<!doctype html><script type="module" src="/bench.js"></script>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => 'runDsseBench' in globalThis)
    const result = await page.evaluate(
      ([m, r]) => (globalThis as unknown as { runDsseBench: typeof runDsseBench }).runDsseBench(m!, r!),
      [MiB, rounds],
    )
    return { runtime: `Chromium ${browser.version()}`, ...result }
  } finally {
    await browser.close()
    server.close()
  }
}

const result = process.argv.includes('--browser')
  ? await inBrowser()
  : { runtime: `Node ${process.version}`, ...(await runDsseBench(MiB, rounds)) }
console.log(JSON.stringify(result, null, 2))
