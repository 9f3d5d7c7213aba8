/**
 * `--data-dir`'s blob store: each part's sealed segments in their own file under DIR/blobs, never inside
 * state.json (which keeps metadata only). A file is written under a temporary name, flushed to disk and
 * renamed into place on commit, so a crash leaves either the whole blob or an orphan temporary file.
 * Deletions wait until the state.json that no longer names the blob has been written (sweep), so a crash
 * never leaves metadata pointing at a removed file; orphans from a crash are collected at start-up.
 * Files are 0600 and the folder 0700 (bodies are sealed, but their number and sizes are still the user's).
 * A renamed file's directory entry is made durable by syncDir(), once per journal batch that names it.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { syncFolder } from './state-dir'
import { join } from 'node:path'
import { BlobMissing, newBlobId, type BlobReader, type BlobStore, type BlobWriter } from '../../s3/blob-store'
import type { RandomSource } from '../../crypto/random'

const TMP = '.tmp-'

function joinChunks(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/** Runs a clean-up step, ignoring its failure (sync throws included): the original error is the one to report. */
const quietly = async (step: () => Promise<unknown> | undefined) => {
  try {
    await step()
  } catch {
    // nothing more to do: a leftover temporary file is collected at the next start
  }
}

export class FileBlobStore implements BlobStore {
  private pending = new Set<string>()
  /** Small committed blobs not yet written as files: they are in the journal (see takeFresh, spill). */
  private readonly inline = new Map<string, Uint8Array>()
  /** Bytes held in `inline`: a compaction is due when they grow large (they cost memory). */
  inlineBytesHeld = 0
  private fresh: string[] = []
  /** A blob was renamed into place since the last syncDir(). */
  private renamed = false

  constructor(
    readonly dir: string,
    private readonly random: RandomSource,
    /** Blobs up to this size are kept in memory and journalled instead of written as files (0: never). */
    private readonly inlineBytes = 0,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
  }

  private path = (id: string) => {
    if (!/^[a-z0-9-]+$/.test(id)) throw new BlobMissing(id) // never a path outside the folder
    return join(this.dir, id)
  }

  create(): BlobWriter {
    const id = newBlobId(this.random)
    const tmp = join(this.dir, `${TMP}${id}`)
    let handle: Awaited<ReturnType<typeof open>> | undefined
    let opening: Promise<Awaited<ReturnType<typeof open>>> | undefined
    let state: 'open' | 'committed' | 'aborted' = 'open'
    // Small bodies stay in memory and travel in the journal batch that names them (see takeFresh).
    let buffered: Uint8Array[] | undefined = []
    let bufferedBytes = 0
    const file = () => (opening ??= open(tmp, 'w', 0o600).then((h) => (handle = h)))
    const writeAll = async (h: NonNullable<typeof handle>, bytes: Uint8Array) => {
      let at = 0
      while (at < bytes.length) at += (await h.write(bytes, at, bytes.length - at)).bytesWritten
    }
    const explained = <T>(run: () => Promise<T>) => run().catch((error: unknown) => Promise.reject(this.explain(error)))
    return {
      write: (bytes) =>
        explained(async () => {
          if (state !== 'open') throw new Error('blob writer is closed')
          if (buffered && bufferedBytes + bytes.length <= this.inlineBytes) {
            buffered.push(bytes)
            bufferedBytes += bytes.length
            return
          }
          const h = await file()
          const spill = buffered ?? []
          buffered = undefined
          for (const chunk of spill) await writeAll(h, chunk)
          await writeAll(h, bytes)
        }),
      commit: () =>
        explained(async () => {
          if (state !== 'open') throw new Error('blob writer is closed')
          if (buffered) {
            state = 'committed'
            this.hold(id, joinChunks(buffered, bufferedBytes))
            this.fresh.push(id)
            return id
          }
          const h = await file()
          await h.sync()
          await h.close()
          handle = undefined
          await rename(tmp, this.path(id))
          this.renamed = true
          state = 'committed'
          return id
        }),
      abort: async () => {
        if (state !== 'open') return
        state = 'aborted'
        buffered = undefined
        if (opening) {
          await quietly(() => opening)
          await quietly(() => handle?.close())
          await quietly(() => unlink(tmp))
        }
      },
    }
  }

  /** Small blobs committed since the last call, with their bytes: the journal batch records them. */
  takeFresh(): [id: string, bytes: Uint8Array][] {
    const out: [string, Uint8Array][] = []
    for (const id of this.fresh) {
      const bytes = this.inline.get(id)
      if (bytes) out.push([id, bytes])
    }
    this.fresh = []
    return out
  }

  /** A small blob read back from the journal at start-up. */
  adopt(id: string, bytes: Uint8Array): void {
    this.path(id) // the same id rules as files
    this.hold(id, bytes)
  }

  /**
   * Writes the small blobs held in memory as files (each fsynced, then the folder), before a compaction
   * drops the journal that holds them; then they are read from their files. Returns what to release.
   */
  async spill(except: Set<string>): Promise<string[]> {
    const ids = [...this.inline.keys()].filter((id) => !except.has(id))
    for (const id of ids) await this.writeFile(id, this.inline.get(id)!)
    await this.syncDir()
    return ids
  }

  /** After the compaction that follows spill(): the files are the copies now. */
  release(ids: string[]): void {
    for (const id of ids) this.unhold(id)
  }

  private hold(id: string, bytes: Uint8Array): void {
    this.unhold(id)
    this.inline.set(id, bytes)
    this.inlineBytesHeld += bytes.length
  }

  private unhold(id: string): boolean {
    const bytes = this.inline.get(id)
    if (!bytes) return false
    this.inline.delete(id)
    this.inlineBytesHeld -= bytes.length
    return true
  }

  private async writeFile(id: string, bytes: Uint8Array): Promise<void> {
    const tmp = join(this.dir, `${TMP}${id}`)
    const handle = await open(tmp, 'w', 0o600)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, this.path(id))
    this.renamed = true
  }

  async open(id: string): Promise<BlobReader> {
    const held = this.inline.get(id)
    if (held)
      return {
        size: held.length,
        read: async (offset, length) =>
          held.subarray(Math.min(offset, held.length), Math.min(held.length, offset + length)),
        close: async () => undefined,
      }
    let handle: Awaited<ReturnType<typeof open>>
    try {
      handle = await open(this.path(id), 'r')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissing(id)
      throw e
    }
    const { size } = await handle.stat()
    return {
      size,
      read: async (offset, length) => {
        const want = Math.max(0, Math.min(length, size - offset))
        const out = new Uint8Array(want)
        let at = 0
        while (at < want) {
          const { bytesRead } = await handle.read(out, at, want - at, offset + at)
          if (bytesRead === 0) break
          at += bytesRead
        }
        return at === want ? out : out.subarray(0, at)
      },
      close: () => handle.close(),
    }
  }

  /** Makes the names of blobs committed so far durable (before a journal batch that refers to them). */
  async syncDir(): Promise<void> {
    if (!this.renamed) return
    this.renamed = false
    try {
      await syncFolder(this.dir)
    } catch (error) {
      this.renamed = true
      throw error
    }
  }

  /** Deferred until sweep(): see the file comment. */
  delete(id: string): void {
    this.pending.add(id)
  }

  /** The deletions asked for so far; remove them with sweep() once the metadata is saved. */
  takePending(): string[] {
    const ids = [...this.pending]
    this.pending = new Set()
    return ids
  }

  async sweep(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (this.unhold(id)) continue
      await quietly(() => unlink(this.path(id)))
    }
  }

  /** A failed body write, told to the operator in words (the request itself answers 500 InternalError). */
  private explain(error: unknown): unknown {
    const code = (error as NodeJS.ErrnoException).code
    const cause =
      code === 'ENOSPC'
        ? 'the disk is full (ENOSPC)'
        : code === 'EACCES' || code === 'EPERM'
          ? `permission denied (${code})`
          : String(error)
    console.error(
      `[emulator] could not store an object body in ${this.dir}: ${cause}. Nothing was stored for this request; what was stored before is intact.`,
    )
    return error
  }

  /** Synchronous write of a whole blob: restoring an inline (version 1) state.json at start-up. */
  put(bytes: Uint8Array): string {
    const id = newBlobId(this.random)
    const tmp = join(this.dir, `${TMP}${id}`)
    const fd = openSync(tmp, 'w', 0o600)
    try {
      let at = 0
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, this.path(id))
    this.renamed = true
    return id
  }

  readAll(id: string): Uint8Array {
    const held = this.inline.get(id)
    if (held) return held
    try {
      return new Uint8Array(readFileSync(this.path(id)))
    } catch {
      throw new BlobMissing(id)
    }
  }

  /** Removes temporary files and blobs no stored object or upload names (left by a crash). Returns how many. */
  collect(referenced: Set<string>): number {
    let removed = 0
    for (const id of this.inline.keys())
      if (!referenced.has(id)) {
        this.unhold(id)
        removed++
      }
    for (const name of readdirSync(this.dir)) {
      if (name.startsWith(TMP) || !referenced.has(name)) {
        unlinkSync(join(this.dir, name))
        removed++
      }
    }
    return removed
  }
}
