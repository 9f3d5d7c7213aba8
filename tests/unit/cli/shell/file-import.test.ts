/** Reading a dropped file into the virtual file system: streamed, with progress, refusing a stream of the wrong length. */
import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { fileTree, importPath, ImportError, readStream, type ImportProgress } from '@/lib/cli/shell/file-import'

const chunks = (...parts: number[][]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(new Uint8Array(p))
      controller.close()
    },
  })

describe('readStream', () => {
  it('collects the chunks into one buffer and reports progress after each', async () => {
    const seen: ImportProgress[] = []
    const bytes = await readStream(chunks([1, 2], [3], [4, 5, 6]), 6, (p) => seen.push(p))
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6])
    expect(seen).toEqual([
      { read: 2, total: 6 },
      { read: 3, total: 6 },
      { read: 6, total: 6 },
    ])
  })

  it('refuses a stream shorter or longer than the file said, and stops when cancelled', async () => {
    await expect(readStream(chunks([1, 2]), 3)).rejects.toThrow('cut short (2 of 3 bytes)')
    await expect(readStream(chunks([1, 2], [3, 4]), 3)).rejects.toThrow(ImportError)
    const abort = new AbortController()
    abort.abort()
    await expect(readStream(chunks([1]), 1, undefined, abort.signal)).rejects.toThrow('cancelled')
  })
})

describe('paths and the tree', () => {
  it('puts a dropped file in the directory, never outside it', () => {
    const vfs = new Vfs()
    expect(importPath(vfs, '~', 'report.pdf')).toBe('/home/learner/report.pdf')
    expect(importPath(vfs, '/home/learner', '../../etc/passwd')).toBe('/home/learner/.._.._etc_passwd')
    expect(importPath(vfs, '/home/learner', '..')).toBe('/home/learner/_')
  })

  it('lists directories before what they hold, depth first', () => {
    const vfs = new Vfs()
    vfs.mkdir('docs')
    vfs.write('docs/a.txt', new Uint8Array(3))
    vfs.write('b.bin', new Uint8Array(5))
    expect(fileTree(vfs, '/home/learner')).toEqual([
      { path: '/home/learner/b.bin', depth: 0, dir: false, size: 5 },
      { path: '/home/learner/docs', depth: 0, dir: true, size: 0 },
      { path: '/home/learner/docs/a.txt', depth: 1, dir: false, size: 3 },
    ])
  })
})
