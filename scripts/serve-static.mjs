#!/usr/bin/env node
// Serves the static export in out/ the way a plain static host (or an S3 website bucket) would:
// files as they are, `dir/` → `dir/index.html`, and 404.html for anything else. Pages carry their
// Content-Security-Policy (scripts/csp.mjs put it in a <meta>); it is sent as a header too, with what only a
// header can say: no framing by other sites. Text is sent gzipped to clients that accept it, and Next's
// content-hashed files are cached for a year, as any production static host (CloudFront, nginx, Pages) does.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: 'out' } } })
const root = values.dir
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No static build in ${root}/. Run \`npm run build\` first.`)
  process.exit(1)
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain', '.woff2': 'font/woff2', '.map': 'application/json' }

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map'])
/** Gzipped files, made on first request (level 9) and kept while the file is unchanged. */
const gzipped = new Map()
function gzipOf(file, body) {
  const { mtimeMs } = statSync(file)
  const hit = gzipped.get(file)
  if (hit && hit.mtimeMs === mtimeMs && hit.length === body.length) return hit.bytes
  const bytes = gzipSync(body, { level: 9 })
  gzipped.set(file, { mtimeMs, length: body.length, bytes })
  return bytes
}

createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
  let file = join(root, path)
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  const found = existsSync(file) && statSync(file).isFile()
  if (!found) file = join(root, '404.html')
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const headers = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }
  if (path.startsWith('/_next/static/')) headers['cache-control'] = 'public, max-age=31536000, immutable'
  if (extname(file) === '.html') {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(readFileSync(file, 'utf8'))?.[1]
    if (policy) headers['content-security-policy'] = `${policy}; frame-ancestors 'none'`
  }
  if (COMPRESSIBLE.has(extname(file))) {
    const body = readFileSync(file)
    headers.vary = 'Accept-Encoding'
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const bytes = gzipOf(file, body)
      res.writeHead(found ? 200 : 404, { ...headers, 'content-encoding': 'gzip', 'content-length': bytes.length }).end(req.method === 'HEAD' ? undefined : bytes)
    } else res.writeHead(found ? 200 : 404, { ...headers, 'content-length': body.length }).end(req.method === 'HEAD' ? undefined : body)
    return
  }
  res.writeHead(found ? 200 : 404, headers)
  createReadStream(file).pipe(res)
}).listen(Number(values.port), values.host, () => console.log(`Serving ${root}/ on http://${values.host}:${values.port}`))
