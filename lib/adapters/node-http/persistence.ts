/**
 * `--data-dir`: object bodies live in DIR/blobs, one file per part (FileBlobStore), and DIR/state.json
 * holds everything else (metadata, keys, KMS, CloudTrail), loaded at start and written back after every
 * request that changed state. state.json is written to a temporary file that is renamed over the old
 * one, so a crash never leaves half a file; blob files are complete before the metadata names them.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Emulator } from '../../emulator/create-emulator'
import { fromSnapshot, restoreKmsSnapshot, toSnapshot } from '../../emulator/snapshot'
import { referencedBlobs } from '../../s3/referenced-blobs'
import { FileBlobStore } from '../node-fs/blob-files'

const READS = new Set(['GET', 'HEAD'])

export interface Persistence {
  /** Resolves once every change so far is on disk (call before exiting). */
  flush(): Promise<void>
}

/** What the operator reads when a save fails: the cause in words, what is safe, and what happens next. */
export function saveFailed(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const cause =
    code === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : code === 'EACCES' || code === 'EPERM'
        ? `permission denied (${code})`
        : String(error)
  return `[emulator] could not save state to ${file}: ${cause}. What was saved before is intact; the latest changes are only in memory, and the next change tries again (free some space, or they are lost when the emulator stops).`
}

export async function attachPersistence(emulator: Emulator, dir: string): Promise<Persistence> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'state.json')
  const blobs = new FileBlobStore(join(dir, 'blobs'), emulator.random)
  emulator.s3.blobs = blobs
  const save = async () => {
    // Deletions asked for before this snapshot are safe once it is on disk: it no longer names them.
    const deletable = blobs.takePending()
    const tmp = `${file}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(toSnapshot(emulator.s3, emulator, 'blobs')))
    await rename(tmp, file)
    await blobs.sweep(deletable)
  }
  let migrated = false
  try {
    const saved: unknown = JSON.parse(await readFile(file, 'utf8'))
    const restored = fromSnapshot(saved, emulator.s3.options, blobs)
    emulator.s3.buckets.clear()
    for (const [name, bucket] of restored.buckets) emulator.s3.buckets.set(name, bucket)
    emulator.s3.keyring.replaceWith(restored.keyring.list())
    restoreKmsSnapshot(saved, emulator)
    // A state.json from before blob files held the bodies inline: they are files now, so rewrite it.
    migrated = (saved as { version?: number }).version === 1
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  if (migrated) await save()
  blobs.collect(referencedBlobs(emulator.s3))
  let writing = Promise.resolve()
  emulator.events.subscribe((event) => {
    if (READS.has(event.method) || event.status >= 300) return
    // Serialise writes: each one snapshots the state as it is when its turn comes.
    writing = writing
      .then(save)
      // A failed write (disk full, folder removed) is reported, and the next change tries again.
      .catch((error: unknown) => console.error(saveFailed(file, error)))
  })
  return { flush: () => writing }
}
