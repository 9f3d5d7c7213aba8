/**
 * lib/state/durable-output.ts: a command's output is shown only once the state it reports is saved, and a
 * command is over (drained) only when its last change is saved. With the browser's Persistence and a
 * session on a real emulator: at the instant any output is shown, the stored record already holds what
 * that output reports, so a reload at that instant loses nothing.
 */
import { describe, expect, it } from 'vitest'
import { Persistence } from '@/components/playground/state/persistence'
import type { RecordStore } from '@/components/playground/state/idb'
import { createSession } from '@/lib/cli/session'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { durableOutput } from '@/lib/state/durable-output'
import { emulatorTarget } from '@/lib/sdk/clients'
import { startEmulator } from '../../helpers/server'

const deferred = () => {
  let resolve!: () => void
  let reject!: (e: unknown) => void
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('durableOutput', () => {
  it('shows a write only after a save that started after it has finished', async () => {
    const shown: string[] = []
    const saves: ReturnType<typeof deferred>[] = []
    const log: string[] = []
    const d = durableOutput({ out: (t) => shown.push(String(t)), err: (t) => shown.push(`E:${t}`) }, () => {
      log.push(`save after ${shown.length} shown`)
      saves.push(deferred())
      return saves.at(-1)!.promise
    })
    d.io.out('one')
    d.io.err('two')
    await tick()
    expect(shown).toEqual([])
    expect(saves).toHaveLength(1) // one burst, one save
    saves[0]!.resolve()
    await tick()
    expect(shown).toEqual(['one', 'E:two'])
    d.io.out('three')
    await tick()
    expect(shown).toEqual(['one', 'E:two'])
    saves[1]!.resolve()
    const drained = d.drained()
    await tick()
    expect(shown).toEqual(['one', 'E:two', 'three'])
    let over = false
    void drained.then(() => (over = true))
    await tick()
    expect(over).toBe(false) // the last save still runs
    saves[2]!.resolve()
    await drained
    expect(log).toHaveLength(3)
  })

  it('a failed save still shows the output, in order', async () => {
    const shown: string[] = []
    const d = durableOutput({ out: (t) => shown.push(String(t)), err: () => {} }, () =>
      Promise.reject(new DOMException('full', 'QuotaExceededError')),
    )
    d.io.out('a')
    d.io.out('b')
    await d.drained()
    expect(shown).toEqual(['a', 'b'])
  })
})

/** An in-memory record store, as IndexedDB: a put replaces the record when it completes. */
class MemoryStore implements RecordStore {
  record: string | undefined
  async get() {
    return this.record
  }
  async put(text: string) {
    await tick()
    this.record = text
  }
  async delete() {
    this.record = undefined
  }
}

describe('with the browser persistence and a real session', () => {
  it('at the instant each output shows, the saved record already holds what it reports', async () => {
    const running = await startEmulator()
    try {
      const session = createSession({ target: emulatorTarget(running.endpoint), timeZone: 'UTC' })
      const store = new MemoryStore()
      // The page saves the in-page emulator; here that is the HTTP host's emulator the session talks to.
      const persistence = new Persistence(running.emulator, session.shell, store)
      running.emulator.events.subscribe(() => persistence.schedule())
      const checks: string[] = []
      for (let i = 0; i < 6; i++) {
        const line = i % 2 ? `echo kept-${i} > f${i}.txt && echo wrote-f${i}` : `aws s3 mb s3://durable-${i}`
        const expected = i % 2 ? `/home/learner/f${i}.txt` : `"durable-${i}"`
        let shownWithout = false
        const d = durableOutput(
          {
            out: (t) => {
              const text = typeof t === 'string' ? t : fromUtf8(t)
              if (text.trim() && !(store.record ?? '').includes(expected)) shownWithout = true
              checks.push(text.trim())
            },
            err: () => {},
          },
          () => persistence.saveNow(),
        )
        expect(await session.run(line, d.io)).toBe(0)
        await d.drained()
        expect(shownWithout, line).toBe(false)
        expect(store.record).toContain(expected)
      }
      expect(checks).toEqual([
        'make_bucket: durable-0',
        'wrote-f1',
        'make_bucket: durable-2',
        'wrote-f3',
        'make_bucket: durable-4',
        'wrote-f5',
      ])
    } finally {
      await running.close()
    }
  })
})
