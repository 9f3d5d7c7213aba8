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
import { SANDBOX_FILE } from './scratchpad-sandbox.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    dir: { type: 'string', default: 'out' },
  },
})
const root = values.dir
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No static build in ${root}/. Run \`npm run build\` first.`)
  process.exit(1)
}
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map'])
/** Text files as read, with their gzip (level 9) made on first request; kept while the file is unchanged. */
const texts = new Map()
function textOf(file) {
  const { mtimeMs, size } = statSync(file)
  let hit = texts.get(file)
  if (!hit || hit.mtimeMs !== mtimeMs || hit.size !== size)
    texts.set(file, (hit = { mtimeMs, size, body: readFileSync(file), gzip: undefined }))
  return hit
}
const gzipOf = (text) => (text.gzip ??= gzipSync(text.body, { level: 9 }))

createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
  let file = join(root, path)
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  const found = existsSync(file) && statSync(file).isFile()
  if (!found) file = join(root, '404.html')
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const headers = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }
  if (path.startsWith('/_next/static/')) headers['cache-control'] = 'public, max-age=31536000, immutable'
  if (!COMPRESSIBLE.has(extname(file))) {
    res.writeHead(found ? 200 : 404, headers)
    createReadStream(file).pipe(res)
    return
  }
  const text = textOf(file)
  if (extname(file) === '.html') {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(text.body.toString('utf8'))?.[1]
    // The scratchpad's sandbox is framed by the playground itself; as an opaque origin it holds nothing to protect.
    if (policy)
      headers['content-security-policy'] = file.endsWith(SANDBOX_FILE) ? policy : `${policy}; frame-ancestors 'none'`
  }
  headers.vary = 'Accept-Encoding'
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
  const bytes = gzip ? gzipOf(text) : text.body
  if (gzip) headers['content-encoding'] = 'gzip'
  res
    .writeHead(found ? 200 : 404, { ...headers, 'content-length': bytes.length })
    .end(req.method === 'HEAD' ? undefined : bytes)
}).listen(Number(values.port), values.host, () =>
  console.log(`Serving ${root}/ on http://${values.host}:${values.port}`),
)
