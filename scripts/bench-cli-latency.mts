/**
 * `npx tsx scripts/bench-cli-latency.mts [runs]`: how long `aws s3api head-object` takes in the browser,
 * from Enter to the end of its output (the terminal records it in data-last-ms), against the in-browser
 * emulator behind MSW, in the static build served locally. Prints p50/p95 and writes the table in
 * docs/benchmarks.md between the cli-latency markers. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { chromium } from '@playwright/test'

const RUNS = Number(process.argv[2] ?? 200)
const WARMUP = 20
const PORT = 3290
if (!existsSync('out/index.html')) throw new Error('no static build in out/: run `npm run build` first')

const server = spawn('node', ['scripts/serve-static.mjs', '--port', String(PORT)], { stdio: 'ignore' })
await new Promise((r) => setTimeout(r, 500))
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
const page = await browser.newPage()
await page.goto(`http://127.0.0.1:${PORT}/playground/`)
await page.waitForSelector('[data-testid="playground"][data-ready="true"]')
const terminal = page.locator('[data-testid="terminal"]')
const runs = async () => Number((await terminal.getAttribute('data-runs')) ?? 0)

async function type(line: string): Promise<number> {
  const before = await runs()
  await terminal.click()
  await page.keyboard.insertText(line)
  await page.keyboard.press('Enter')
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="terminal"]')?.getAttribute('data-runs')) > n,
    before,
  )
  return Number(await terminal.getAttribute('data-last-ms'))
}

for (const line of ['aws s3 mb s3://bench-bucket', 'echo hello > f.txt', 'aws s3 cp f.txt s3://bench-bucket/f.txt'])
  await type(line)
const times: number[] = []
for (let i = 0; i < WARMUP + RUNS; i++) {
  const ms = await type('aws s3api head-object --bucket bench-bucket --key f.txt')
  if (i >= WARMUP) times.push(ms)
}
await browser.close()
server.kill()

times.sort((a, b) => a - b)
const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!
const result = {
  runs: RUNS,
  p50: +pct(50).toFixed(1),
  p95: +pct(95).toFixed(1),
  max: +times.at(-1)!.toFixed(1),
  chromium: browser.version(),
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
}
console.log(JSON.stringify(result))

const doc = 'docs/benchmarks.md'
const section = `<!-- cli-latency:start -->
| what | runs | p50 | p95 | max | budget |
| --- | ---: | ---: | ---: | ---: | --- |
| \`aws s3api head-object\`, Enter to output, in Chromium ${result.chromium} | ${RUNS} | ${result.p50} ms | ${result.p95} ms | ${result.max} ms | p95 < 50 ms: ${result.p95 < 50 ? 'met' : '**missed**'} |

Measured ${result.date} with \`npm run bench\` (Node ${result.node}, headless Chromium, static build, ${WARMUP} warm-up runs).
<!-- cli-latency:end -->`
const text = readFileSync(doc, 'utf8')
const updated = text.includes('<!-- cli-latency:start -->')
  ? text.replace(/<!-- cli-latency:start -->[\s\S]*<!-- cli-latency:end -->/, section)
  : `${text.trimEnd()}\n\n## CLI latency in the browser\n\nThe time from pressing Enter to the end of the command's output, as the terminal measures it (the command goes through the simulated CLI, the AWS SDK, the MSW service worker and the emulator, and back).\n\n${section}\n`
writeFileSync(doc, updated)
