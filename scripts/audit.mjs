#!/usr/bin/env node
/**
 * `npm run audit` (part of `npm test`): `npm audit --omit=dev` must find no advisory in the production
 * dependencies, except those accepted in docs/security.md ("Accepted advisories", by GHSA id, each with
 * its reason). When the advisory database cannot be reached (offline, or a registry mirror without the
 * audit endpoint) it says so and passes: the check needs the network, the rest of the suite does not.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 60_000 })
let report
try {
  report = JSON.parse(run.stdout)
} catch {
  report = undefined
}
if (!report || report.statusCode || report.error || !report.metadata) {
  const why =
    report?.message ??
    report?.error?.summary ??
    run.error?.message ??
    (run.stderr.trim().split('\n').at(-1) || 'no answer')
  console.log(`npm audit skipped: the advisory database could not be reached (${why})`)
  process.exit(0)
}

const accepted = new Set(
  readFileSync('docs/security.md', 'utf8').match(/GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/g) ?? [],
)
const found = []
for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of v.via) {
    if (typeof via !== 'object') continue // reached through another package, reported there
    const id = /GHSA-[a-z0-9-]+/.exec(via.url ?? '')?.[0] ?? via.source
    if (!accepted.has(id))
      found.push(
        `${name} ${v.range}: ${via.severity} ${id} ${via.title}${v.fixAvailable ? ' (fix available: npm audit fix)' : ''}`,
      )
  }
}
const total = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total ?? '?'
if (found.length === 0) {
  console.log(
    `npm audit: no advisory in ${total} production dependencies${accepted.size ? ` (${accepted.size} accepted in docs/security.md)` : ''}`,
  )
  process.exit(0)
}
console.error(
  `npm audit: ${found.length} advisories in production dependencies:\n  ${found.join('\n  ')}\nUpgrade, or accept one in docs/security.md with its reason.`,
)
process.exit(1)
