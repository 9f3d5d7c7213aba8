/**
 * `npm run emulator -- --data-dir DIR` killed with SIGKILL (docs/persistence.md): an answered change is on
 * disk, so a restart has every acknowledged change byte for byte (SHA-256), and nothing unacknowledged is
 * half visible. Through the real server process, with kills the instant a status line arrives and at random
 * instants of a mixed load (PUT, multipart, DELETE, KMS). Bounded: a few rounds of under a second of load.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { call, kmsCall, killAll, startEmulator, type EmulatorProcess } from '../helpers/emulator-process'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-playground-crash-'))
  dirs.push(dir)
  return join(dir, 'data')
}
afterEach(killAll)
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const BUCKET = 'crash-bucket'
const kill = (server: EmulatorProcess) => server.child.kill('SIGKILL')

/** What a GET answers for `key` now: the body's SHA-256, or null when there is no such object. */
async function stored(port: number, key: string): Promise<string | null> {
  const got = await call(port, 'GET', `/${BUCKET}/${encodeURIComponent(key)}`)
  if (got.status === 404) return null
  expect(got.status, `GET ${key}`).toBe(200)
  expect(Number(got.headers['content-length']), `${key}: Content-Length`).toBe(got.body.length)
  return sha(got.body)
}

describe('--data-dir: a status line means the change is on disk', () => {
  it('PUT, SIGKILL the moment the status arrives, restart: every acknowledged object is there, byte for byte', async () => {
    const dir = tempDir()
    const acked = new Map<string, string>()
    const sent = new Map<string, string>()
    for (let round = 0; round < 2; round++) {
      const server = await startEmulator(['--data-dir', dir])
      if (round === 0) expect((await call(server.port, 'PUT', `/${BUCKET}`)).status).toBe(200)
      // Several PUTs at once; the first status line to arrive kills the server.
      const puts = Array.from({ length: 4 }, (_, i) => {
        const key = `round-${round}/object-${i}`
        const body = randomBytes(1 + ((round * 7919 + i * 104_729) % 65_536))
        sent.set(key, sha(body))
        return call(server.port, 'PUT', `/${BUCKET}/${key}`, body, {}, (status) => {
          if (status === 200) acked.set(key, sha(body))
          kill(server)
        }).catch(() => undefined)
      })
      await Promise.all(puts)
      await server.exited
    }
    expect(acked.size).toBeGreaterThanOrEqual(2)
    const server = await startEmulator(['--data-dir', dir])
    for (const [key, digest] of sent) {
      const now = await stored(server.port, key)
      if (acked.has(key)) expect(now, `${key} was acknowledged`).toBe(digest)
      else expect([null, digest], `${key} was not acknowledged: absent or whole`).toContain(now)
    }
  }, 60_000)
})

/** A key's acceptable states after a crash: the last acknowledged one, and the one in flight (if any). */
interface KeyState {
  acked: string | null
  inFlight?: string | null
}

describe('--data-dir: SIGKILL at random instants of a mixed load', () => {
  it('every acknowledged change is present and byte-exact; nothing unacknowledged is half visible', async () => {
    const dir = tempDir()
    const keys = new Map<string, KeyState>()
    const kmsKeys = new Set<string>()
    const ciphertexts: { blob: string; plain: string }[] = []
    let acknowledged = 0
    let seed = 12_345
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed % n
    }

    /** One worker's loop: random operations on its own keys until the server dies. */
    async function worker(port: number, w: number): Promise<void> {
      for (;;) {
        const key = `w${w}/k${random(5)}`
        const state = keys.get(key) ?? { acked: null }
        keys.set(key, state)
        const pick = random(100)
        try {
          if (pick < 40) {
            const body = randomBytes(random(20_000))
            state.inFlight = sha(body)
            const headers: Record<string, string> = random(2) ? { 'x-amz-server-side-encryption': 'aws:kms' } : {}
            const put = await call(port, 'PUT', `/${BUCKET}/${key}`, body, headers)
            if (put.status !== 200) return
            state.acked = state.inFlight
          } else if (pick < 55) {
            const body = randomBytes(1_000 + random(100_000))
            const created = await call(port, 'POST', `/${BUCKET}/${key}?uploads`)
            const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body.toString())?.[1]
            if (!uploadId) return
            const part = await call(port, 'PUT', `/${BUCKET}/${key}?partNumber=1&uploadId=${uploadId}`, body)
            if (part.status !== 200) return
            state.inFlight = sha(body)
            const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${String(part.headers.etag)}</ETag></Part></CompleteMultipartUpload>`
            const done = await call(port, 'POST', `/${BUCKET}/${key}?uploadId=${uploadId}`, xml)
            if (done.status !== 200 || !done.body.toString().includes('<CompleteMultipartUploadResult')) return
            state.acked = state.inFlight
          } else if (pick < 75) {
            state.inFlight = null
            const deleted = await call(port, 'DELETE', `/${BUCKET}/${key}`)
            if (deleted.status !== 204) return
            state.acked = null
          } else if (pick < 85 || kmsKeys.size === 0) {
            const created = await kmsCall(port, 'CreateKey', { Description: `worker ${w}` })
            if (created.status !== 200) return
            kmsKeys.add((created.json.KeyMetadata as { KeyId: string }).KeyId)
          } else {
            const plain = randomBytes(1 + random(64)).toString('base64')
            const keyId = [...kmsKeys][random(kmsKeys.size)]!
            const encrypted = await kmsCall(port, 'Encrypt', { KeyId: keyId, Plaintext: plain })
            if (encrypted.status !== 200) return
            ciphertexts.push({ blob: String(encrypted.json.CiphertextBlob), plain })
          }
          delete state.inFlight
          acknowledged++
        } catch {
          return // the server was killed: what was in flight stays in flight
        }
      }
    }

    for (let round = 0; round < 5; round++) {
      const server = await startEmulator(['--data-dir', dir])
      if (round > 0) await verify(server.port)
      else expect((await call(server.port, 'PUT', `/${BUCKET}`)).status).toBe(200)
      const workers = Promise.all([0, 1, 2, 3].map((w) => worker(server.port, w)))
      await new Promise((r) => setTimeout(r, 150 + random(600)))
      kill(server)
      await workers
      await server.exited
    }
    const last = await startEmulator(['--data-dir', dir])
    await verify(last.port)
    expect(acknowledged, 'the load ran').toBeGreaterThan(30)

    async function verify(port: number) {
      for (const [key, state] of keys) {
        const now = await stored(port, key)
        const allowed = 'inFlight' in state ? [state.acked, state.inFlight] : [state.acked]
        expect(allowed, `${key} after a crash`).toContain(now)
        // What is there now is what the next round builds on.
        state.acked = now
        delete state.inFlight
      }
      const listing = (await call(port, 'GET', `/${BUCKET}?list-type=2&max-keys=1000`)).body.toString()
      for (const [, key] of listing.matchAll(/<Key>([^<]*)<\/Key>/g))
        expect(keys.has(key!), `listed key ${key} was written by the load`).toBe(true)
      for (const keyId of kmsKeys) expect((await kmsCall(port, 'DescribeKey', { KeyId: keyId })).status).toBe(200)
      for (const { blob, plain } of ciphertexts) {
        const decrypted = await kmsCall(port, 'Decrypt', { CiphertextBlob: blob })
        expect([decrypted.status, decrypted.json.Plaintext]).toEqual([200, plain])
      }
    }
  }, 120_000)
})
