// Totals the JSON reports of every test runner into the one line CI reads: "N passed, N failed, N skipped".
// Lists every skipped test with its reason first, so a silent skip cannot hide a broken install step.
// Exits 1 when anything failed, when a report is missing (its runner did not finish), or when no test ran.
import { existsSync, readFileSync } from 'node:fs'
import { relative } from 'node:path'

let passed = 0
let failed = 0
let skipped = 0
let missing = 0
const skips = new Map() // "runner: where — reason" → count

function noteSkip(runner, where, reason) {
  const line = `${runner}: ${where}${reason ? ` — ${reason}` : ''}`
  skips.set(line, (skips.get(line) ?? 0) + 1)
  skipped++
}

/** Playwright nests suites by file and describe; skipped tests carry their reason in a 'skip' annotation. */
function walkPlaywright(suite, file) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'skipped') continue
      const reason = (test.annotations ?? []).find((a) => a.type === 'skip')?.description
      noteSkip('playwright', `${file ?? suite.file}: ${spec.title}`, reason)
    }
  }
  for (const child of suite.suites ?? []) walkPlaywright(child, file ?? suite.file)
}

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: missing (that runner did not finish)`)
    missing++
    continue
  }
  const report = JSON.parse(readFileSync(file, 'utf8'))
  if (report.stats) {
    // Playwright: flaky tests passed on retry; unexpected ones failed.
    passed += report.stats.expected + report.stats.flaky
    failed += report.stats.unexpected
    for (const suite of report.suites ?? []) walkPlaywright(suite)
  } else {
    passed += report.numPassedTests
    failed += report.numFailedTests
    const runner = file.includes('node24') ? 'vitest (Node 24)' : 'vitest'
    for (const result of report.testResults ?? []) {
      for (const a of result.assertionResults ?? []) {
        if (a.status !== 'pending' && a.status !== 'skipped' && a.status !== 'todo') continue
        // Vitest keeps no skip reason: the describe titles of these suites name the missing tool.
        const where = `${relative(process.cwd(), result.name)}: ${[...a.ancestorTitles, a.title].join(' › ')}`
        noteSkip(runner, where, '')
      }
    }
  }
}
if (skips.size > 0) {
  console.log('Skipped:')
  for (const [line, count] of skips) console.log(`  ${line}${count > 1 ? ` (×${count})` : ''}`)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0)
