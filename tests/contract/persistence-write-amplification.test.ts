/**
 * --data-dir writes O(change) per change, not O(state) (docs/persistence.md): the bytes handed to the file
 * system for a small PUT are the same with a few objects stored as with hundreds (counted by wrapping
 * node:fs, tests/helpers/faulty-fs.ts, so any on-disk layout is measured).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { faults } from '../helpers/faulty-fs'

vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../helpers/faulty-fs')).faultyPromises(await importOriginal()),
)
vi.mock('node:fs', async (importOriginal) => (await import('../helpers/faulty-fs')).faultyFs(await importOriginal()))

const { attachPersistence } = await import('@/lib/adapters/node-http/persistence')
const { createEmulator } = await import('@/lib/emulator/create-emulator')

const root = mkdtempSync(join(tmpdir(), 's3-playground-amplification-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const du = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, d) => sum + (d.isDirectory() ? du(join(dir, d.name)) : statSync(join(dir, d.name)).size),
    0,
  )

describe('--data-dir write amplification', () => {
  it('a one-byte PUT writes as many bytes into a large state as into a small one', async () => {
    faults.reset()
    const dir = join(root, 'data')
    const emulator = createEmulator()
    const persistence = await attachPersistence(emulator, dir)
    const put = (key: string, headers: Record<string, string> = {}) =>
      emulator.handle(new Request(`http://127.0.0.1:4566/bucket/${key}`, { method: 'PUT', body: 'x', headers }))
    expect((await emulator.handle(new Request('http://127.0.0.1:4566/bucket', { method: 'PUT' }))).status).toBe(200)

    /** Bytes written per one-byte PUT, over 20 PUTs of new keys. */
    const perPut = async (tag: string) => {
      const before = faults.bytes
      for (let i = 0; i < 20; i++) expect((await put(`${tag}-${i}`)).status).toBe(200)
      return (faults.bytes - before) / 20
    }
    const small = await perPut('small')
    const sizeSmall = du(dir)

    // Grow the state: 600 objects with 1.5 KB of metadata each (concurrently, so batches are shared).
    const note = { 'x-amz-meta-note': 'n'.repeat(1_500) }
    for (let at = 0; at < 600; at += 50)
      await Promise.all(Array.from({ length: 50 }, (_, i) => put(`filler-${at + i}`, note)))
    const sizeLarge = du(dir)
    expect(sizeLarge, 'the state grew').toBeGreaterThan(sizeSmall + 900_000)

    const large = await perPut('large')
    expect(small).toBeGreaterThan(0)
    expect(large, `bytes per PUT: ${small} with a small state, ${large} with ${sizeLarge} bytes stored`).toBeLessThan(
      small * 1.25 + 256,
    )
    await persistence.close()
  }, 60_000)
})
