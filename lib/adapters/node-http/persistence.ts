/**
 * `--data-dir`: load DIR/state.json at start, and write it back after every request that changed state.
 * Writes go to a temporary file that is renamed over the old one, so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/create-emulator'
import { fromSnapshot, restoreKmsSnapshot, toSnapshot } from '../../emulator/snapshot'

const READS = new Set(['GET', 'HEAD'])

export interface Persistence {
  /** Resolves once every change so far is on disk (call before exiting). */
  flush(): Promise<void>
}

/** What the operator reads when a save fails: the cause in words, what is safe, and what happens next. */
export function saveFailed(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const cause = code === 'ENOSPC' ? 'the disk is full (ENOSPC)' : code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : String(error)
  return `[emulator] could not save state to ${file}: ${cause}. What was saved before is intact; the latest changes are only in memory, and the next change tries again (free some space, or they are lost when the emulator stops).`
}

export async function attachPersistence(emulator: Emulator, dir: string): Promise<Persistence> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'state.json')
  try {
    const saved: unknown = JSON.parse(await readFile(file, 'utf8'))
    const restored = fromSnapshot(saved, emulator.s3.options)
    emulator.s3.buckets.clear()
    for (const [name, bucket] of restored.buckets) emulator.s3.buckets.set(name, bucket)
    emulator.s3.keyring.replaceWith(restored.keyring.list())
    restoreKmsSnapshot(saved, emulator)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  let writing = Promise.resolve()
  emulator.events.subscribe((event) => {
    if (READS.has(event.method) || event.status >= 300) return
    // Serialise writes: each one snapshots the state as it is when its turn comes.
    writing = writing
      .then(async () => {
        const tmp = `${file}.${process.pid}.tmp`
        await writeFile(tmp, JSON.stringify(toSnapshot(emulator.s3, emulator)))
        await rename(tmp, file)
      })
      // A failed write (disk full, folder removed) is reported, and the next change tries again.
      .catch((error: unknown) => console.error(saveFailed(file, error)))
  })
  return { flush: () => writing }
}
