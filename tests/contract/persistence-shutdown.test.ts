/**
 * `npm run emulator -- --data-dir DIR` stops promptly (docs/persistence.md): SIGTERM in the middle of a
 * burst of PUTs into a sizeable state ends the process within 2 seconds (the bound for Ctrl-C and
 * service managers), and everything answered before it is there after a restart.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { call, killAll, startEmulator } from '../helpers/emulator-process'

const root = mkdtempSync(join(tmpdir(), 's3-playground-shutdown-'))
afterEach(killAll)
afterAll(() => rmSync(root, { recursive: true, force: true }))
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe('--data-dir shutdown', () => {
  it('SIGTERM during a burst exits within 2 s, and every answered PUT survives it', async () => {
    const dir = join(root, 'data')
    const server = await startEmulator(['--data-dir', dir])
    expect((await call(server.port, 'PUT', '/burst')).status).toBe(200)
    const acked = new Map<string, string>()
    const note = { 'x-amz-meta-note': 'n'.repeat(1_500) }
    let stopping = false
    let signalled = 0
    const worker = async (w: number) => {
      for (let i = 0; i < 100 && !stopping; i++) {
        const key = `w${w}-${i}`
        const body = randomBytes(64)
        try {
          const put = await call(server.port, 'PUT', `/burst/${key}`, body, note)
          if (put.status === 200) acked.set(key, sha(body))
        } catch {
          return
        }
        if (acked.size >= 200 && !signalled) {
          signalled = performance.now()
          server.child.kill('SIGTERM')
        }
      }
    }
    const workers = Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)))
    const exit = await server.exited
    const ms = performance.now() - signalled
    stopping = true
    await workers
    expect(signalled, 'the burst reached 200 answered PUTs').toBeGreaterThan(0)
    expect(exit.code, 'exited by itself, cleanly').toBe(0)
    expect(ms, 'milliseconds from SIGTERM to exit').toBeLessThan(2_000)

    const again = await startEmulator(['--data-dir', dir])
    for (const [key, digest] of acked) {
      const got = await call(again.port, 'GET', `/burst/${key}`)
      expect([key, got.status, sha(got.body)]).toEqual([key, 200, digest])
    }
  }, 60_000)
})
