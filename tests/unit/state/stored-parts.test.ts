/**
 * Incremental saves (lib/state/stored-parts.ts, captureStored, and the browser's save path through a
 * store that keeps parts): a save writes only the bodies and large files it has not stored yet, restores
 * exactly, and a failure at any save leaves the last good save whole.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RecordStore } from '@/components/playground/state/idb'
import { Persistence, startPersistence } from '@/components/playground/state/persistence'
import { Vfs } from '@/lib/cli/shell/vfs'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { MemoryBlobStore } from '@/lib/s3/blob-store'
import { captureStored, parsePlayground, restorePlayground, SavedStateError } from '@/lib/state/playground-state'
import type { SessionShell } from '@/lib/state/session'
import { INLINE_FILE_BYTES, StoredParts, type PartsWrite } from '@/lib/state/stored-parts'

const shellOf = () =>
  ({ vfs: new Vfs(), env: { HOME: '/home/learner' }, history: [], aws: { config: {} } }) as unknown as SessionShell
const send = (e: Emulator, method: string, path: string, body?: string | Uint8Array) =>
  e.handle(
    new Request(`https://s3.emulator.invalid${path}`, {
      method,
      ...(body !== undefined ? { body: body as BodyInit } : {}),
    }),
  )
const big = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed) & 255)

async function objects(e: Emulator): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const list = await send(e, 'GET', '/bkt?list-type=2')
  if (list.status !== 200) return out
  for (const [, key] of (await list.text()).matchAll(/<Key>([^<]+)<\/Key>/g)) {
    const body = new Uint8Array(await (await send(e, 'GET', `/bkt/${key}`)).arrayBuffer())
    out[key!] = Buffer.from(body).toString('base64')
  }
  return out
}

/** An in-memory IndexedDB: the record and its parts, replaced together or not at all. */
class PartsStore implements RecordStore {
  record: string | undefined
  parts = new Map<string, Uint8Array>()
  writes: string[] = []
  fail = false
  async get() {
    return this.record
  }
  async getWithParts() {
    return { record: this.record, parts: new Map(this.parts) }
  }
  async put(text: string, write?: PartsWrite) {
    if (this.fail) {
      this.fail = false
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    const next = new Map(write ? [...this.parts].filter(([k]) => write.keep.has(k)) : [])
    for (const [k, v] of write?.add ?? []) next.set(k, v)
    this.writes.push(...(write?.add.keys() ?? []))
    this.record = text
    this.parts = next
  }
  async delete() {
    this.record = undefined
    this.parts.clear()
  }
}

describe('captureStored', () => {
  it('names bodies and large files instead of inlining them, and restores exactly', async () => {
    const e = createEmulator()
    const shell = shellOf()
    await send(e, 'PUT', '/bkt')
    await send(e, 'PUT', '/bkt/small.txt', 'hello')
    await send(e, 'PUT', '/bkt/large.bin', big(300_000))
    shell.vfs.write('/home/learner/big.bin', big(INLINE_FILE_BYTES, 7))
    shell.vfs.write('/home/learner/note.txt', new TextEncoder().encode('short'))
    const parts = new StoredParts()
    const { text, write } = captureStored(e, shell, parts)
    expect(text.length).toBeLessThan(20_000) // no body and no large file in the document
    expect([...write.add.keys()].filter((k) => k.startsWith('blob:'))).toHaveLength(2)
    expect([...write.add.keys()].filter((k) => k.startsWith('file:'))).toHaveLength(1)
    expect(text).toContain('"base64"') // the small file stays inline

    const fresh = createEmulator()
    const freshShell = shellOf()
    restorePlayground(parsePlayground(text), fresh, freshShell, write.add)
    expect(await objects(fresh)).toEqual(await objects(e))
    expect(freshShell.vfs.read('/home/learner/big.bin')).toEqual(big(INLINE_FILE_BYTES, 7))
    expect(new TextDecoder().decode(freshShell.vfs.read('/home/learner/note.txt'))).toBe('short')
  })

  it('writes only what changed: nothing again, a new body, a rewritten file, a body damaged in place', async () => {
    const e = createEmulator()
    const shell = shellOf()
    await send(e, 'PUT', '/bkt')
    await send(e, 'PUT', '/bkt/one', big(100_000))
    shell.vfs.write('/home/learner/f.bin', big(100_000))
    const parts = new StoredParts()
    const first = captureStored(e, shell, parts).write
    parts.committed(first)
    expect(first.add.size).toBe(2)

    const again = captureStored(e, shell, parts).write
    expect(again.add.size).toBe(0)
    expect(again.keep).toEqual(first.keep)

    await send(e, 'PUT', '/bkt/two', 'second object')
    shell.vfs.write('/home/learner/f.bin', big(100_000, 3))
    const changed = captureStored(e, shell, parts).write
    parts.committed(changed)
    expect(changed.add.size).toBe(2)
    expect([...changed.add.keys()].some((k) => first.keep.has(k))).toBe(false)
    expect(changed.keep.size).toBe(3) // one, two, the new f.bin; the old f.bin is no longer kept

    // The Storage panel's "damage a byte" replaces a blob under the same id: saved again, under a new name.
    const store = e.s3.blobs as MemoryBlobStore
    const id = Object.keys(parsePlayground(captureStored(e, shell, parts).text).blobs ?? {})[0]!
    store.replace(id, new Uint8Array(store.readAll(id)).fill(1))
    const damaged = captureStored(e, shell, parts).write
    expect([...damaged.add.keys()]).toEqual([expect.stringMatching(new RegExp(`^blob:${id}:1$`))])

    await send(e, 'DELETE', '/bkt/one')
    expect(captureStored(e, shell, parts).write.keep.size).toBe(2)
  })

  it('a part missing from storage: a clear error, nothing restored', async () => {
    const e = createEmulator()
    const shell = shellOf()
    await send(e, 'PUT', '/bkt')
    await send(e, 'PUT', '/bkt/k', 'body')
    shell.vfs.write('/home/learner/f.bin', big(70_000))
    const { text, write } = captureStored(e, shell, new StoredParts())
    for (const missing of write.add.keys()) {
      const without = new Map([...write.add].filter(([k]) => k !== missing))
      const live = createEmulator()
      expect(() => restorePlayground(parsePlayground(text), live, shellOf(), without)).toThrow(SavedStateError)
      expect(live.s3.buckets.size).toBe(0)
    }
  })
})

describe('the save path with a store that keeps parts', () => {
  it('a reload restores everything, and the next save writes nothing it already has', async () => {
    const store = new PartsStore()
    const e = createEmulator()
    const shell = shellOf()
    const persistence = new Persistence(e, shell, store)
    await send(e, 'PUT', '/bkt')
    await send(e, 'PUT', '/bkt/k', big(200_000))
    shell.vfs.write('/home/learner/f.bin', big(80_000))
    await persistence.saveNow()
    expect(store.writes).toHaveLength(2)

    const fresh = createEmulator()
    const freshShell = shellOf()
    const restored = await startPersistence(fresh, freshShell, store)
    expect(restored.get().damaged).toBeUndefined()
    expect(await objects(fresh)).toEqual(await objects(e))
    expect(freshShell.vfs.read('/home/learner/f.bin')).toEqual(big(80_000))
    store.writes = []
    await send(fresh, 'PUT', '/bkt/small', 'x')
    await restored.saveNow()
    expect(store.writes).toHaveLength(1)
    expect(store.parts.size).toBe(3)
  })

  it('a record whose part is gone reads as damaged, with the reason, and is kept until the learner decides', async () => {
    const store = new PartsStore()
    const e = createEmulator()
    await send(e, 'PUT', '/bkt')
    await send(e, 'PUT', '/bkt/k', 'body')
    await new Persistence(e, shellOf(), store).saveNow()
    store.parts.clear()
    const restored = await startPersistence(createEmulator(), shellOf(), store)
    expect(restored.get().state).toBe('paused')
    expect(restored.get().damaged?.reason).toMatch(/stored body .* is missing/)
    expect(store.record).toBeDefined()
  })

  it('failures between any two changes: a reload always gets the last successful save, whole', async () => {
    const step = fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      size: fc.constantFrom(5, 70_000),
      remove: fc.boolean(),
      file: fc.boolean(),
      fail: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const store = new PartsStore()
        const e = createEmulator()
        const shell = shellOf()
        const persistence = new Persistence(e, shell, store)
        await send(e, 'PUT', '/bkt')
        let last: { objects: Record<string, string>; files: Record<string, string> } | undefined
        let n = 0
        for (const s of steps) {
          n++
          if (s.file) shell.vfs.write(`/home/learner/${s.key}`, big(s.size, n))
          else if (s.remove) await send(e, 'DELETE', `/bkt/${s.key}`)
          else await send(e, 'PUT', `/bkt/${s.key}`, big(s.size, n))
          store.fail = s.fail
          await persistence.saveNow()
          if (!s.fail) {
            const files: Record<string, string> = {}
            for (const f of ['a', 'b', 'c'])
              if (shell.vfs.isFile(`/home/learner/${f}`))
                files[f] = Buffer.from(shell.vfs.read(`/home/learner/${f}`)).toString('base64')
            last = { objects: await objects(e), files }
          }
        }
        const fresh = createEmulator()
        const freshShell = shellOf()
        const restored = await startPersistence(fresh, freshShell, store)
        expect(restored.get().damaged).toBeUndefined()
        expect(await objects(fresh)).toEqual(last?.objects ?? {})
        const files: Record<string, string> = {}
        for (const f of ['a', 'b', 'c'])
          if (freshShell.vfs.isFile(`/home/learner/${f}`))
            files[f] = Buffer.from(freshShell.vfs.read(`/home/learner/${f}`)).toString('base64')
        expect(files).toEqual(last?.files ?? {})
      }),
      { numRuns: 30 },
    )
  })
})
