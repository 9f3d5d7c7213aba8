#!/usr/bin/env node
/**
 * `node scripts/bench/noop-s3.mjs --port N`: the benchmark's upper limit. It answers every request with the
 * smallest response the AWS SDK accepts for PutObject and GetObject, and stores nothing but each key's
 * length (so GetObject returns as many bytes as were put, all zeros). It still reads every request body,
 * as any server must. Whatever the emulator spends beyond this is the cost of being an S3.
 */
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { port: { type: 'string', default: '3273' }, host: { type: 'string', default: '127.0.0.1' } },
})
const lengths = new Map()
let zeros = Buffer.alloc(0)
const ETAG = '"d41d8cd98f00b204e9800998ecf8427e"'

createServer((req, res) => {
  const path = req.url.split('?')[0]
  let received = 0
  req.on('data', (chunk) => (received += chunk.length))
  req.on('end', () => {
    const sse = req.headers['x-amz-server-side-encryption']
    const headers = { 'x-amz-request-id': 'NOOP', etag: ETAG, ...(sse ? { 'x-amz-server-side-encryption': sse } : {}) }
    if (req.method === 'PUT') {
      if (req.headers['x-amz-decoded-content-length']) received = Number(req.headers['x-amz-decoded-content-length'])
      lengths.set(path, received)
      res.writeHead(200, { ...headers, 'content-length': '0' }).end()
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      const length = lengths.get(path) ?? 0
      if (zeros.length < length) zeros = Buffer.alloc(length)
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': String(length),
        'last-modified': new Date().toUTCString(),
      })
      res.end(req.method === 'GET' ? zeros.subarray(0, length) : undefined)
    } else {
      res.writeHead(200, { ...headers, 'content-length': '0' }).end()
    }
  })
}).listen(Number(values.port), values.host, () =>
  console.log(`no-op S3 listening on http://${values.host}:${values.port}`),
)
