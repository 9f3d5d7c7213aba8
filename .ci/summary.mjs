// Totals the JSON reports of every test runner into the one line CI reads: "N passed, N failed".
// Exits 1 when anything failed, when a report is missing (its runner did not finish), or when no test ran.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let missing = 0
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
  } else {
    passed += report.numPassedTests
    failed += report.numFailedTests
  }
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0)
