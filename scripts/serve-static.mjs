#!/usr/bin/env node
// Serves the static export in out/ the way a plain static host (or an S3 website bucket) would:
// files as they are, `dir/` → `dir/index.html`, and 404.html for anything else. Pages carry their
// Content-Security-Policy (scripts/csp.mjs put it in a <meta>); it is sent as a header too, with what only a
// header can say: no framing by other sites.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { port: { type: 'string', default: '3000' }, host: { type: 'string', default: '127.0.0.1' }, dir: { type: 'string', default: 'out' } } })
const root = values.dir
if (!existsSync(join(root, 'index.html'))) {
  console.error(`No static build in ${root}/. Run \`npm run build\` first.`)
  process.exit(1)
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain', '.woff2': 'font/woff2', '.map': 'application/json' }

createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
  let file = join(root, path)
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
  const found = existsSync(file) && statSync(file).isFile()
  if (!found) file = join(root, '404.html')
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const headers = { 'content-type': type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }
  if (extname(file) === '.html') {
    const html = readFileSync(file, 'utf8')
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]
    if (policy) headers['content-security-policy'] = `${policy}; frame-ancestors 'none'`
    res.writeHead(found ? 200 : 404, headers).end(html)
    return
  }
  res.writeHead(found ? 200 : 404, headers)
  createReadStream(file).pipe(res)
}).listen(Number(values.port), values.host, () => console.log(`Serving ${root}/ on http://${values.host}:${values.port}`))
