#!/usr/bin/env node
/**
 * First-load JS of a few routes, raw and gzip, from the last `next build`.
 * Next 16 dropped the column from its build output; `.next/diagnostics/route-bundle-stats.json` lists each
 * route's first-load chunks, and this gzips each chunk (level 9, as static hosts commonly serve them).
 * Usage: npm run build && node scripts/bench/first-load-js.mjs [route ...]   (default: / /learn/<first lesson> /playground)
 */
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const stats = JSON.parse(readFileSync('.next/diagnostics/route-bundle-stats.json', 'utf8'))
const rows = Array.isArray(stats) ? stats : Object.entries(stats).map(([route, v]) => ({ route, ...v }))
const routeOf = (r) => r.route ?? r.page ?? r.path
const firstLesson = rows.map(routeOf).find((r) => /^\/learn\/[^[]/.test(r)) ?? '/learn/[slug]'
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ['/', firstLesson, '/playground']

const chunkFile = (p) => [join('.next', p), p, join('.next', 'static', p)].find((f) => existsSync(f))
const kib = (n) => (n / 1024).toFixed(1)
console.log('| route | chunks | raw KiB | gzip KiB |')
console.log('| --- | ---: | ---: | ---: |')
for (const route of wanted) {
  const row =
    rows.find((r) => routeOf(r) === route) ??
    rows.find((r) => routeOf(r) === route.replace(/\/learn\/.*/, '/learn/[slug]'))
  if (!row) {
    console.log(`| ${route} | not in the build | | |`)
    continue
  }
  let raw = 0
  let gz = 0
  for (const p of row.firstLoadChunkPaths) {
    const file = chunkFile(p)
    if (!file) throw new Error(`chunk ${p} not found`)
    const bytes = readFileSync(file)
    raw += bytes.length
    gz += gzipSync(bytes, { level: 9 }).length
  }
  console.log(`| ${routeOf(row)} | ${row.firstLoadChunkPaths.length} | ${kib(raw)} | ${kib(gz)} |`)
}
