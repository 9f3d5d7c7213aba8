/**
 * Page budgets, measured on the static build (made first when there is none):
 * - first-load JS per route, gzip: the chunks Next lists for each route in .next/diagnostics/route-bundle-stats.json,
 *   each gzipped at level 9 and summed (what a browser with an empty cache downloads before the page is interactive);
 * - Lighthouse 12.2.3 (the `lighthouse` devDependency) against out/ served locally by scripts/serve-static.mjs, in
 *   the system Chromium (CHROME_PATH, default /usr/bin/chromium, headless), default config (mobile, simulated
 *   throttling), performance and accessibility, on /, /learn/, every lesson, /cheat-sheet/ and /playground/.
 * Writes the table into docs/benchmarks.md between the bench-pages markers.
 *
 * Usage: tsx scripts/bench-pages.mts [runs per page, default 1; the median is reported]
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

const ROOT = join(import.meta.dirname, '..')
const PORT = Number(process.env.BENCH_PAGES_PORT ?? 3251)
const RUNS = Number(process.argv[2] ?? 1)
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const BUDGET = { performance: 95, accessibility: 100, firstLoadKiB: 200 }

// On a fresh clone there is no build yet: make one, so `npm run bench` runs start to end anywhere.
if (
  !existsSync(join(ROOT, 'out', 'index.html')) ||
  !existsSync(join(ROOT, '.next', 'diagnostics', 'route-bundle-stats.json'))
) {
  console.log('No static build yet: running `npm run build` first.')
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) {
    console.error('`npm run build` failed: no page figures.')
    process.exit(1)
  }
}
if (!existsSync(CHROME)) {
  console.error(`No Chromium at ${CHROME}: install it (apt-get install chromium) or set CHROME_PATH.`)
  process.exit(1)
}

interface RouteStats {
  route: string
  firstLoadChunkPaths: string[]
}
const stats = JSON.parse(
  readFileSync(join(ROOT, '.next', 'diagnostics', 'route-bundle-stats.json'), 'utf8'),
) as RouteStats[]
const gzipKiB = (route: string) => {
  const r = stats.find((s) => s.route === route)
  if (!r) throw new Error(`no bundle stats for ${route}`)
  return (
    r.firstLoadChunkPaths.reduce((n, p) => n + gzipSync(readFileSync(join(ROOT, p)), { level: 9 }).length, 0) / 1024
  )
}

const lessons = readdirSync(join(ROOT, 'out', 'learn'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(ROOT, 'out', 'learn', e.name, 'index.html')))
  .map((e) => e.name)
const pages: { path: string; route: string; lesson: boolean }[] = [
  { path: '/', route: '/', lesson: false },
  { path: '/learn/', route: '/learn', lesson: false },
  ...lessons.map((slug) => ({ path: `/learn/${slug}/`, route: '/learn/[slug]', lesson: true })),
  { path: '/cheat-sheet/', route: '/cheat-sheet', lesson: false },
  { path: '/playground/', route: '/playground', lesson: false },
]

const server = spawn(process.execPath, [join(ROOT, 'scripts', 'serve-static.mjs'), '--port', String(PORT)], {
  cwd: ROOT,
  stdio: 'ignore',
})
const base = `http://127.0.0.1:${PORT}`
for (let i = 0; ; i++) {
  if (
    await fetch(base).then(
      (r) => r.ok,
      () => false,
    )
  )
    break
  if (i > 50) throw new Error('the static server did not start')
  await new Promise((r) => setTimeout(r, 100))
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROME,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
})

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    chrome.kill()
    server.kill()
    process.exit(130)
  })

interface Row {
  path: string
  js: number
  performance: number
  accessibility: number
  fcp: number
  lcp: number
  tbt: number
  cls: number
  failedAudits: string[]
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const rows: Row[] = []
try {
  for (const page of pages) {
    const runs: Row[] = []
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(base + page.path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      })
      if (!result) throw new Error(`lighthouse returned nothing for ${page.path}`)
      const { categories, audits } = result.lhr
      const a11yFails = Object.values(audits).filter(
        (a) => a.score === 0 && result.lhr.categories.accessibility!.auditRefs.some((r) => r.id === a.id),
      )
      runs.push({
        path: page.path,
        js: gzipKiB(page.route),
        performance: Math.round((categories.performance!.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility!.score ?? 0) * 100),
        fcp: audits['first-contentful-paint']!.numericValue ?? NaN,
        lcp: audits['largest-contentful-paint']!.numericValue ?? NaN,
        tbt: audits['total-blocking-time']!.numericValue ?? NaN,
        cls: audits['cumulative-layout-shift']!.numericValue ?? NaN,
        failedAudits: a11yFails.map((a) => a.id),
      })
    }
    const row: Row = {
      ...runs[0]!,
      performance: median(runs.map((r) => r.performance)),
      accessibility: median(runs.map((r) => r.accessibility)),
      fcp: median(runs.map((r) => r.fcp)),
      lcp: median(runs.map((r) => r.lcp)),
      tbt: median(runs.map((r) => r.tbt)),
      cls: median(runs.map((r) => r.cls)),
    }
    rows.push(row)
    console.log(
      `${page.path.padEnd(34)} JS ${row.js.toFixed(0).padStart(4)} KiB  perf ${row.performance}  a11y ${row.accessibility}  LCP ${(row.lcp / 1000).toFixed(2)} s  TBT ${row.tbt.toFixed(0)} ms${row.failedAudits.length ? `  a11y fails: ${row.failedAudits.join(', ')}` : ''}`,
    )
  }
} finally {
  await chrome.kill()
  server.kill()
}

const meets = (r: Row, lesson: boolean) =>
  !lesson
    ? ''
    : r.performance >= BUDGET.performance && r.accessibility >= BUDGET.accessibility && r.js <= BUDGET.firstLoadKiB
      ? 'yes'
      : 'NO'
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)}, Lighthouse 12.2.3, ${RUNS} run(s) per page (median), Chromium ${CHROME}, default (mobile) config.`,
  '',
  '| page | first-load JS (KiB gzip) | performance | accessibility | FCP (s) | LCP (s) | TBT (ms) | CLS | lesson budget met |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (r, i) =>
      `| \`${r.path}\` | ${r.js.toFixed(0)} | ${r.performance} | ${r.accessibility} | ${(r.fcp / 1000).toFixed(2)} | ${(r.lcp / 1000).toFixed(2)} | ${r.tbt.toFixed(0)} | ${r.cls.toFixed(3)} | ${meets(r, pages[i]!.lesson)} |`,
  ),
].join('\n')

const docs = join(ROOT, 'docs', 'benchmarks.md')
const START = '<!-- bench-pages:start -->'
const END = '<!-- bench-pages:end -->'
const text = readFileSync(docs, 'utf8')
if (!text.includes(START)) throw new Error(`docs/benchmarks.md has no ${START} marker`)
writeFileSync(
  docs,
  text.slice(0, text.indexOf(START) + START.length) + '\n' + table + '\n' + text.slice(text.indexOf(END)),
)
console.log(`\nWrote the table to docs/benchmarks.md.`)
const missed = rows.filter((r, i) => meets(r, pages[i]!.lesson) === 'NO')
if (missed.length)
  console.log(
    `Lesson pages over budget (performance >= ${BUDGET.performance}, accessibility ${BUDGET.accessibility}, JS <= ${BUDGET.firstLoadKiB} KiB): ${missed.map((r) => r.path).join(', ')}`,
  )
