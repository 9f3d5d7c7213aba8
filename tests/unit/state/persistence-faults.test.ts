/**
 * The browser's save path (components/playground/state/persistence.ts) with failures injected through its
 * RecordStore seam: a full quota (QuotaExceededError) or an aborted transaction at any save, between any
 * two changes. The stored record must always be the last save that succeeded, whole, and restore into a
 * fresh emulator; the learner gets a clear message, and saving resumes when the store works again.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Persistence, saveErrorMessage, startPersistence } from '@/components/playground/state/persistence'
import type { RecordStore } from '@/components/playground/state/idb'
import { Vfs } from '@/lib/cli/shell/vfs'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import type { SessionShell } from '@/lib/state/session'

const shellOf = () =>
  ({ vfs: new Vfs(), env: { HOME: '/home/learner' }, history: [], aws: { config: {} } }) as unknown as SessionShell
const send = (e: Emulator, method: string, path: string, body?: string) =>
  e.handle(new Request(`https://s3.emulator.invalid${path}`, { method, ...(body !== undefined ? { body } : {}) }))

type Failure = 'none' | 'quota' | 'abort'
/** An in-memory IndexedDB record: a put either replaces it whole or fails and leaves it as it was (one transaction). */
class FaultyStore implements RecordStore {
  record: string | undefined
  next: Failure = 'none'
  async get() {
    return this.record
  }
  async put(text: string) {
    const failure = this.next
    this.next = 'none'
    if (failure === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    if (failure === 'abort')
      throw new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError')
    this.record = text
  }
  async delete() {
    this.record = undefined
  }
}

/** The objects a playground holds, read through handle() (what a learner would see). */
async function objects(e: Emulator): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const list = await send(e, 'GET', '/saved-bucket?list-type=2')
  if (list.status !== 200) return out
  for (const [, key] of (await list.text()).matchAll(/<Key>([^<]+)<\/Key>/g))
    out[key!] = await (await send(e, 'GET', `/saved-bucket/${key}`)).text()
  return out
}

describe('IndexedDB save path under failure', () => {
  it('a full quota: a clear message, and the previous save kept whole', async () => {
    const store = new FaultyStore()
    const emulator = createEmulator()
    const persistence = new Persistence(emulator, shellOf(), store)
    await send(emulator, 'PUT', '/saved-bucket')
    await send(emulator, 'PUT', '/saved-bucket/a.txt', 'first')
    await persistence.saveNow()
    const saved = store.record
    expect(persistence.get().state).toBe('saved')

    await send(emulator, 'PUT', '/saved-bucket/a.txt', 'second')
    store.next = 'quota'
    await persistence.saveNow()
    expect(persistence.get().state).toBe('error')
    expect(persistence.get().message).toMatch(/storage for the playground is full/)
    expect(persistence.get().message).toMatch(/last save is kept/)
    expect(store.record).toBe(saved)

    // What a reload would restore: the previous save, complete.
    const fresh = createEmulator()
    await startPersistence(fresh, shellOf(), store)
    expect(await objects(fresh)).toEqual({ 'a.txt': 'first' })

    // Space again: the next save has everything.
    await persistence.saveNow()
    expect(persistence.get().state).toBe('saved')
    const after = createEmulator()
    await startPersistence(after, shellOf(), store)
    expect(await objects(after)).toEqual({ 'a.txt': 'second' })
  })

  it('any other failure says so and keeps the last save', () => {
    expect(saveErrorMessage(new DOMException('The transaction was aborted', 'AbortError'))).toMatch(
      /^Could not save in this browser: The transaction was aborted\. Your last save is kept/,
    )
  })

  it('failures injected between any two changes: the record is always the last successful save, and restores', async () => {
    const step = fc.record({
      key: fc.constantFrom('a', 'b', 'c'),
      body: fc.string({ maxLength: 40 }),
      remove: fc.boolean(),
      failure: fc.constantFrom<Failure>('none', 'none', 'quota', 'abort'),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const store = new FaultyStore()
        const emulator = createEmulator()
        const persistence = new Persistence(emulator, shellOf(), store)
        await send(emulator, 'PUT', '/saved-bucket')
        let lastSaved: Record<string, string> | undefined
        for (const s of steps) {
          if (s.remove) await send(emulator, 'DELETE', `/saved-bucket/${s.key}`)
          else await send(emulator, 'PUT', `/saved-bucket/${s.key}`, s.body)
          store.next = s.failure
          await persistence.saveNow()
          if (s.failure === 'none') {
            expect(persistence.get().state).toBe('saved')
            lastSaved = await objects(emulator)
          } else expect(persistence.get().state).toBe('error')
        }
        const fresh = createEmulator()
        const restored = await startPersistence(fresh, shellOf(), store)
        expect(restored.get().damaged).toBeUndefined()
        expect(await objects(fresh)).toEqual(lastSaved ?? {})
      }),
      { numRuns: 25 },
    )
  })
})
