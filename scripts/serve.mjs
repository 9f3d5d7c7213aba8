#!/usr/bin/env node
// `npm run serve`: the site as users get it. Builds the static export when out/ is missing or older than its
// sources (about a minute), then serves it with scripts/serve-static.mjs. Arguments go to the server (--port).
import { spawnSync } from 'node:child_process'
import { staleReason } from './build-freshness.mjs'

const reason = staleReason(process.cwd())
if (reason) {
  console.log(`Building the site (${reason}); this takes about a minute, once.`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
} else console.log('The static build in out/ is up to date.')
// serve-static reads its flags (--port, --host) from this process's own argv.
await import('./serve-static.mjs')
