/** scripts/serve-static.mjs on a small export made here: what a static host sends, gzipped when the client accepts it. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'serve-static-'))
const PORT = 3400 + (process.pid % 500)
const script = 'self.__x = "' + 'a'.repeat(5000) + '"'
let server: ChildProcess

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: PORT, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', reject)
      .end()
  })
}

beforeAll(async () => {
  mkdirSync(join(dir, '_next', 'static'), { recursive: true })
  mkdirSync(join(dir, 'learn'))
  writeFileSync(
    join(dir, 'index.html'),
    '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>home</title>',
  )
  writeFileSync(join(dir, 'learn', 'index.html'), '<!DOCTYPE html><title>learn</title>')
  writeFileSync(join(dir, '404.html'), '<!DOCTYPE html><title>not found</title>')
  writeFileSync(
    join(dir, 'scratchpad-sandbox.html'),
    '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>sandbox</title>',
  )
  writeFileSync(join(dir, '_next', 'static', 'app.js'), script)
  writeFileSync(join(dir, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  server = spawn(process.execPath, ['scripts/serve-static.mjs', '--port', String(PORT), '--dir', dir], {
    stdio: 'ignore',
  })
  for (let i = 0; i < 100; i++) {
    if (
      await get('/').then(
        () => true,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('serve-static did not start')
})
afterAll(() => {
  server?.kill()
  rmSync(dir, { recursive: true, force: true })
})

describe('serve-static.mjs', () => {
  it('gzips text for clients that accept it, and sends it as is to those that do not', async () => {
    const zipped = await get('/_next/static/app.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.body.length).toBeLessThan(script.length / 10)
    expect(gunzipSync(zipped.body).toString()).toBe(script)
    expect(zipped.headers.vary).toBe('Accept-Encoding')
    const plain = await get('/_next/static/app.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
  })

  it("caches Next's hashed files for a year, and pages not at all", async () => {
    expect((await get('/_next/static/app.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await get('/')).headers['cache-control']).toBeUndefined()
  })

  it('sends the page policy as a header, with frame-ancestors, compressed or not', async () => {
    for (const h of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const page = await get('/', h)
      expect(page.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'")
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    }
  })

  it("the scratchpad's sandbox gets its own policy as a header, without frame-ancestors (the playground frames it)", async () => {
    const sandbox = await get('/scratchpad-sandbox.html')
    expect(sandbox.headers['content-security-policy']).toBe("default-src 'none'")
  })

  it('dir/ is dir/index.html; anything else is 404.html with 404; binary files go as they are', async () => {
    expect((await get('/learn/')).body.toString()).toContain('<title>learn</title>')
    const missing = await get('/nope/', { 'accept-encoding': 'gzip' })
    expect(missing.status).toBe(404)
    expect(gunzipSync(missing.body).toString()).toContain('not found')
    const png = await get('/icon.png', { 'accept-encoding': 'gzip' })
    expect(png.headers['content-encoding']).toBeUndefined()
    expect([...png.body]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('never serves a file outside its directory', async () => {
    const up = await get('/../../etc/passwd')
    expect(up.status).toBe(404)
  })
})
