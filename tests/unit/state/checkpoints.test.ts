/**
 * Checkpoints: save the whole playground under a name, list, restore, delete; one automatic checkpoint per
 * lesson that "Reset this lesson" goes back to. Restores replace buckets, keys, files and history exactly.
 */
import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { capturePlayground, replacePlayground, parsePlayground } from '@/lib/state/playground-state'
import { CheckpointError, Checkpoints, memoryCheckpointStore } from '@/lib/state/checkpoints'
import type { SessionShell } from '@/lib/state/session'
import { harness } from '../../helpers/handle'

const utf8 = (s: string) => new TextEncoder().encode(s)
const text = (b: Uint8Array) => new TextDecoder().decode(b)

function setup() {
  const h = harness()
  const shell = {
    vfs: new Vfs(),
    env: { HOME: '/home/learner' },
    history: [],
    aws: { config: {} },
  } as unknown as SessionShell
  let t = Date.parse('2026-11-28T10:00:00Z')
  const checkpoints = new Checkpoints({
    store: memoryCheckpointStore(),
    capture: () => JSON.stringify(capturePlayground(h.emulator, shell)),
    restore: (saved) => replacePlayground(parsePlayground(saved), h.emulator, shell),
    now: () => new Date((t += 1000)),
  })
  return { h, shell, checkpoints }
}

const buckets = (h: ReturnType<typeof harness>) => [...h.emulator.s3.buckets.keys()].sort()

describe('checkpoints', () => {
  it('saves, lists newest first, restores exactly and deletes', async () => {
    const { h, shell, checkpoints } = setup()
    let changes = 0
    checkpoints.subscribe(() => changes++)
    await h.send('PUT', '/before')
    await h.send('PUT', '/before/a.txt', { body: 'first' })
    shell.vfs.write('notes.txt', utf8('at the checkpoint'))
    shell.history.push('aws s3 mb s3://before')
    const first = await checkpoints.save('  Before the demo  ')
    expect(first).toMatchObject({ name: 'Before the demo', createdAt: '2026-11-28T10:00:01.000Z' })
    expect(first.size).toBeGreaterThan(100)

    await h.send('PUT', '/after')
    await h.send('PUT', '/before/a.txt', { body: 'overwritten' })
    shell.vfs.write('notes.txt', utf8('changed'))
    shell.vfs.write('later.txt', utf8('made after'))
    shell.history.push('aws s3 mb s3://after')
    const second = await checkpoints.save('After')
    expect((await checkpoints.list()).map((c) => c.name)).toEqual(['After', 'Before the demo'])

    await checkpoints.restore(first.id)
    expect(buckets(h)).toEqual(['before'])
    expect(await (await h.send('GET', '/before/a.txt')).text()).toBe('first')
    expect(text(shell.vfs.read('notes.txt'))).toBe('at the checkpoint')
    expect(shell.vfs.isFile('later.txt')).toBe(false)
    expect(shell.history).toEqual(['aws s3 mb s3://before'])

    await checkpoints.restore(second.id)
    expect(buckets(h)).toEqual(['after', 'before'])
    await checkpoints.delete(first.id)
    expect((await checkpoints.list()).map((c) => c.id)).toEqual([second.id])
    expect(changes).toBe(3)
    await expect(checkpoints.restore(first.id)).rejects.toThrow(CheckpointError)
    await expect(checkpoints.save('   ')).rejects.toThrow('needs a name')
  })

  it('takes a lesson checkpoint once, and resets the lesson to it', async () => {
    const { h, shell, checkpoints } = setup()
    await h.send('PUT', '/earlier')
    const start = await checkpoints.ensureLessonCheckpoint('sse-kms', 'SSE-KMS')
    expect(start).toMatchObject({ lesson: 'sse-kms', name: 'Start of “SSE-KMS”' })
    await h.send('PUT', '/in-lesson')
    shell.history.push('aws s3 mb s3://in-lesson')
    // Opening the lesson again keeps the first starting point.
    expect((await checkpoints.ensureLessonCheckpoint('sse-kms', 'SSE-KMS')).createdAt).toBe(start.createdAt)
    await checkpoints.resetLesson('sse-kms')
    expect(buckets(h)).toEqual(['earlier'])
    expect(shell.history).toEqual([])
    await expect(checkpoints.resetLesson('other')).rejects.toThrow('no starting checkpoint')
  })

  it("a workshop preset becomes the lesson's start; lessons opened since are named before a reset", async () => {
    const { h, checkpoints } = setup()
    await h.send('PUT', '/before-preset')
    await checkpoints.ensureLessonCheckpoint('sse-c', 'SSE-C')
    await h.send('DELETE', '/before-preset')
    await h.send('PUT', '/preset-bucket')
    await checkpoints.setLessonStart('sse-c', 'SSE-C')
    await checkpoints.ensureLessonCheckpoint('dsse', 'DSSE-KMS')
    await h.send('PUT', '/in-lesson')
    await checkpoints.resetLesson('sse-c')
    expect(buckets(h)).toEqual(['preset-bucket'])
    expect((await checkpoints.lessonsOpenedSince('sse-c')).map((m) => m.name)).toEqual(['Start of “DSSE-KMS”'])
    expect(await checkpoints.lessonsOpenedSince('dsse')).toEqual([])
  })

  it('a damaged checkpoint leaves the live playground as it was', async () => {
    const h = harness()
    const shell = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
    const store = memoryCheckpointStore()
    const checkpoints = new Checkpoints({
      store,
      capture: () => '{}',
      restore: (saved) => replacePlayground(parsePlayground(saved), h.emulator, shell),
    })
    await h.send('PUT', '/live')
    await store.put(
      { id: 'bad', name: 'bad', createdAt: '2026-01-01T00:00:00Z', size: 2 },
      '{"format":"s3-encryption-playground","version":1}',
    )
    await expect(checkpoints.restore('bad')).rejects.toThrow('terminal session is missing')
    expect(buckets(h)).toEqual(['live'])
  })
})
