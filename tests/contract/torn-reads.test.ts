/**
 * No torn reads in memory mode (issue 14, item 6): GETs racing PUTs and DELETEs of the same key, through the
 * real HTTP server, each see a whole old object, a whole new one, or 404 — never a 500 or a cut body. Before
 * the fix a replaced object's blob was deleted while a reader was between finding the object and reading it.
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../helpers/server'

let server: RunningEmulator
beforeAll(async () => {
  // Small segments: a read takes many steps, so the writers get between them.
  server = await startEmulator({ segmentBytes: 4096 })
  expect((await fetch(`${server.endpoint}/race-bucket`, { method: 'PUT' })).status).toBe(200)
})
afterAll(() => server.close())

const versions = [0, 1, 2, 3].map((v) => Buffer.alloc(96 * 1024 + v * 1000, 0x41 + v))
const digests = new Set(versions.map((b) => createHash('sha256').update(b).digest('hex')))
const url = () => `${server.endpoint}/race-bucket/hot-key`

it('every GET racing PUT and DELETE sees a whole object or 404', async () => {
  expect((await fetch(url(), { method: 'PUT', body: versions[0] })).status).toBe(200)
  const outcomes: string[] = []
  let stop = false
  const writer = async (offset: number) => {
    for (let i = 0; !stop && i < 200; i++) {
      const r =
        (i + offset) % 4 === 3
          ? await fetch(url(), { method: 'DELETE' })
          : await fetch(url(), { method: 'PUT', body: versions[(i + offset) % 4] })
      expect(r.status).toBeLessThan(300)
      await r.arrayBuffer()
    }
  }
  const reader = async () => {
    for (let i = 0; i < 40; i++) {
      const r = await fetch(url())
      try {
        const body = Buffer.from(await r.arrayBuffer())
        if (r.status === 200)
          outcomes.push(digests.has(createHash('sha256').update(body).digest('hex')) ? 'whole' : 'torn')
        else outcomes.push(String(r.status))
      } catch {
        outcomes.push('cut')
      }
    }
  }
  const writers = [writer(0), writer(1)]
  await Promise.all([reader(), reader(), reader(), reader()])
  stop = true
  await Promise.all(writers)
  expect(outcomes).toHaveLength(160)
  expect(outcomes.filter((o) => o !== 'whole' && o !== '404')).toEqual([])
  expect(outcomes).toContain('whole')
})
