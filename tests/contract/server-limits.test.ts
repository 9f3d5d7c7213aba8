/**
 * The Node server's limits over raw sockets (docs/security.md): S3's header and PUT size limits with S3's
 * errors, slow clients answered RequestTimeout and disconnected, slow but steady uploads left alone, and
 * loopback unless another host is asked for.
 */
import { connect, type Socket } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulatorServer, listen } from '@/lib/adapters/node-http/server'
import { S3_LIMITS } from '@/lib/adapters/node-http/limits'
import { createEmulator } from '@/lib/emulator/create-emulator'

const limits = { ...S3_LIMITS, headersTimeoutMs: 400, idleTimeoutMs: 400 }
let server: Server
let port: number

beforeAll(async () => {
  server = createEmulatorServer(createEmulator(), undefined, limits)
  port = await listen(server, { port: 0 })
  const put = await fetch(`http://127.0.0.1:${port}/limits-bucket`, { method: 'PUT' })
  expect(put.status).toBe(200)
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Opens a socket, lets `act` write to it, and resolves with everything the server sent until it closed. */
function exchange(act: (socket: Socket) => unknown, timeoutMs = 5000): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const socket = connect(port, '127.0.0.1')
    let text = ''
    socket.on('data', (d) => (text += d.toString('latin1')))
    socket.on('close', () => resolve({ text, ms: performance.now() - started }))
    socket.on('error', () => undefined) // a reset after the answer is expected
    socket.on('connect', () => void Promise.resolve(act(socket)).catch(reject))
    setTimeout(() => {
      socket.destroy()
      reject(new Error(`no close after ${timeoutMs} ms; got: ${text.slice(0, 300)}`))
    }, timeoutMs)
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('header section', () => {
  it('over 8 KiB: 400 RequestHeaderSectionTooLarge with MaxSizeAllowed, and the connection closes', async () => {
    const { text } = await exchange((s) =>
      s.write(`GET /limits-bucket HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-meta-big: ${'a'.repeat(9000)}\r\n\r\n`),
    )
    expect(text).toMatch(/^HTTP\/1\.1 400 /)
    expect(text).toContain('<Code>RequestHeaderSectionTooLarge</Code>')
    expect(text).toContain('<MaxSizeAllowed>8192</MaxSizeAllowed>')
    expect(text).toMatch(/x-amz-request-id: [0-9A-F]{16}/)
  })

  it('under 8 KiB: served as usual', async () => {
    const { text } = await exchange((s) =>
      s.write(
        `GET /limits-bucket HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-meta-big: ${'a'.repeat(6000)}\r\nconnection: close\r\n\r\n`,
      ),
    )
    expect(text).toMatch(/^HTTP\/1\.1 200 /)
    expect(text).toContain('<ListBucketResult')
  })
})

describe('PUT size', () => {
  const huge = 5 * 1024 ** 3 + 1

  it('over 5 GiB with Expect: 100-continue: EntityTooLarge, and no 100 Continue (the body is never asked for)', async () => {
    const { text } = await exchange((s) =>
      s.write(
        `PUT /limits-bucket/big HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${huge}\r\nexpect: 100-continue\r\n\r\n`,
      ),
    )
    expect(text).not.toContain('100 Continue')
    expect(text).toMatch(/^HTTP\/1\.1 400 /)
    expect(text).toContain('<Code>EntityTooLarge</Code>')
    expect(text).toContain(`<ProposedSize>${huge}</ProposedSize>`)
    expect(text).toContain('<MaxSizeAllowed>5368709120</MaxSizeAllowed>')
  })

  it('over 5 GiB without Expect: refused before the body, and the connection closes', async () => {
    const { text } = await exchange(async (s) => {
      s.write(`PUT /limits-bucket/big HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${huge}\r\n\r\n`)
      s.write(Buffer.alloc(64 * 1024))
    })
    expect(text).toContain('<Code>EntityTooLarge</Code>')
    const head = await fetch(`http://127.0.0.1:${port}/limits-bucket/big`, { method: 'HEAD' })
    expect(head.status).toBe(404)
  })

  it('exactly 5 GiB declared is not refused up front', async () => {
    const { text } = await exchange(async (s) => {
      s.write(
        `PUT /limits-bucket/ok HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${5 * 1024 ** 3}\r\nexpect: 100-continue\r\n\r\n`,
      )
      await sleep(200)
      s.destroy()
    })
    expect(text).toContain('100 Continue')
    expect(text).not.toContain('EntityTooLarge')
  })
})

describe('slow clients', () => {
  it('headers that never end: 400 RequestTimeout after the headers timeout, then the server hangs up', async () => {
    const { text, ms } = await exchange((s) =>
      s.write('GET /limits-bucket HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-date: 2026'),
    )
    expect(text).toMatch(/^HTTP\/1\.1 400 /)
    expect(text).toContain('<Code>RequestTimeout</Code>')
    expect(ms).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50)
    expect(ms).toBeLessThan(3000)
  })

  it('a body that stops arriving: 400 RequestTimeout after the idle timeout, and nothing is stored', async () => {
    const { text, ms } = await exchange((s) => {
      s.write('PUT /limits-bucket/stalled HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 100\r\n\r\n')
      s.write('0123456789')
    })
    expect(text).toMatch(/^HTTP\/1\.1 400 /)
    expect(text).toContain('<Code>RequestTimeout</Code>')
    expect(ms).toBeGreaterThanOrEqual(limits.idleTimeoutMs - 50)
    const head = await fetch(`http://127.0.0.1:${port}/limits-bucket/stalled`, { method: 'HEAD' })
    expect(head.status).toBe(404)
  })

  it('a slow but steady upload, longer in total than the idle timeout, completes', async () => {
    const pieces = 8
    const { text, ms } = await exchange(async (s) => {
      s.write(
        `PUT /limits-bucket/steady HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: ${pieces * 10}\r\nconnection: close\r\n\r\n`,
      )
      for (let i = 0; i < pieces; i++) {
        await sleep(limits.idleTimeoutMs / 3)
        s.write('x'.repeat(10))
      }
    })
    expect(ms).toBeGreaterThan(limits.idleTimeoutMs * 2)
    expect(text).toMatch(/^HTTP\/1\.1 200 /)
    const get = await fetch(`http://127.0.0.1:${port}/limits-bucket/steady`)
    expect(await get.text()).toBe('x'.repeat(pieces * 10))
  })
})

describe('binding', () => {
  it('listens on loopback unless a host is given', async () => {
    const other = createEmulatorServer(createEmulator())
    await listen(other, { port: 0 })
    const address = other.address()
    await new Promise<void>((r) => other.close(() => r()))
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
  })
})
