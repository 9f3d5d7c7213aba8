#!/usr/bin/env node
/**
 * Post-build step of `npm run build`: gives every page of the static export in out/ a strict
 * Content-Security-Policy as its first <head> element, with the SHA-256 of each of that page's inline
 * scripts (Next's bootstrap and RSC payload), so no other inline script can run. A meta policy works on
 * any static host, an S3 bucket included; scripts/serve-static.mjs also sends it as a header, adding what
 * only headers can carry (frame-ancestors). docs/security.md explains each directive.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SANDBOX_FILE } from './scratchpad-sandbox.mjs'

/** Where the playground may send requests: itself, the emulator's never-resolving hosts (answered by the
 * service worker; plain http too, for the in-transit lesson's requests without TLS), AWS itself for the
 * real-account target, an emulator on this machine, and what PLAYGROUND_CONNECT_SRC adds at build time
 * (space-separated sources, e.g. a team's MinIO: `PLAYGROUND_CONNECT_SRC='https://minio.lab:9000'`). */
export const CONNECT_SRC = [
  "'self'",
  'https://*.emulator.invalid',
  'https://emulator.invalid',
  'http://*.emulator.invalid',
  'http://emulator.invalid',
  'https://*.amazonaws.com',
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
]

/** The extra sources of PLAYGROUND_CONNECT_SRC: scheme://host[:port] each; anything else stops the build. */
export function extraSources(value = process.env.PLAYGROUND_CONNECT_SRC ?? '') {
  const sources = value.split(/\s+/).filter(Boolean)
  const bad = sources.filter((source) => !/^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d+|\*))?\/?$/i.test(source))
  if (bad.length) throw new Error(`PLAYGROUND_CONNECT_SRC: not a scheme://host[:port] source: ${bad.join(' ')}`)
  return sources
}

export function policyFor(scriptHashes, extra = extraSources()) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`.trim(),
    // React, xterm and Monaco set style attributes and inject <style>; hashes cannot cover attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${[...CONNECT_SRC, ...extra].join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g
const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\/?>/

export function addPolicy(html) {
  const clean = html.replace(META, '')
  const hashes = new Set()
  for (const [, attrs, body] of clean.matchAll(INLINE_SCRIPT)) {
    // Data blocks (JSON-LD, type="application/json") are never run, so they need no hash.
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1]
    if (type && !/^(text|application)\/(javascript|ecmascript)$|^module$/.test(type)) continue
    hashes.add(createHash('sha256').update(body, 'utf8').digest('base64'))
  }
  const policy = policyFor([...hashes].sort())
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}"/>`
  if (!/<head[^>]*>/.test(clean)) throw new Error('page has no <head>')
  // Right after <meta charset> when it opens <head> (it must stay in the first 1024 bytes), before any script.
  const charset = /<head[^>]*>\s*<meta charSet="utf-8"\/?>/i
  const at = charset.test(clean) ? charset : /<head[^>]*>/
  return { html: clean.replace(at, (head) => head + meta), policy, inlineScripts: hashes.size }
}

function* htmlFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* htmlFiles(path)
    else if (name.endsWith('.html')) yield path
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] ?? 'out'
  let pages = 0
  let scripts = 0
  for (const file of htmlFiles(root)) {
    // The scratchpad's sandbox carries its own, stricter policy (scripts/scratchpad-sandbox.mjs).
    if (file.endsWith(SANDBOX_FILE)) continue
    const { html, inlineScripts } = addPolicy(readFileSync(file, 'utf8'))
    writeFileSync(file, html)
    pages++
    scripts += inlineScripts
  }
  console.log(`Content-Security-Policy added to ${pages} pages in ${root}/ (${scripts} inline scripts hashed)`)
}
