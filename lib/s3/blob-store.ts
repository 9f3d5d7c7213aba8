/**
 * Where the encrypted bodies of objects and parts live, apart from the metadata: a blob is the sealed
 * segments of one part (docs/at-rest-format.md), written once as it streams in and read back by range.
 * A blob becomes visible only when its writer commits, so a failed upload leaves nothing behind.
 * In memory here (the browser and tests); on disk with `--data-dir` (lib/adapters/node-fs/blob-files.ts).
 */

export interface BlobWriter {
  /** Appends bytes; the store may keep the array, so do not reuse it. */
  write(bytes: Uint8Array): Promise<void>
  /** Makes the blob durable and visible; returns its id. */
  commit(): Promise<string>
  /** Throws away what was written. Safe to call after a failure, and more than once. */
  abort(): Promise<void>
}

export interface BlobReader {
  readonly size: number
  /** `length` bytes from `offset` (fewer only at the end of the blob). */
  read(offset: number, length: number): Promise<Uint8Array>
  close(): Promise<void>
}

export interface BlobStore {
  create(): BlobWriter
  /** Throws BlobMissing when there is no such blob. */
  open(id: string): Promise<BlobReader>
  /**
   * The blob is no longer referenced. A store may defer the removal (the file store waits until the
   * metadata that no longer names it is saved); readers already open keep working.
   */
  delete(id: string): void
  /**
   * Keeps blobs readable until the returned function is called, even if they are deleted meanwhile: a GET
   * takes them in the same step as it finds the object, so a PUT or DELETE racing it cannot pull the body
   * from under it (it reads the old object whole). Optional: a store whose deletions wait anyway needs none.
   */
  retain?(ids: readonly string[]): () => void
}

/** A stored object names a blob that is not there: damage at rest, answered as 500 InternalError. */
export class BlobMissing extends Error {
  constructor(id: string) {
    super(`stored blob ${id} is missing`)
    this.name = 'BlobMissing'
  }
}

let counter = 0
/** Blob ids: unique within a store and safe as file names. */
export const newBlobId = (random: (n: number) => Uint8Array): string =>
  `${Date.now().toString(36)}-${(counter++).toString(36)}-${[...random(6)].map((b) => b.toString(16).padStart(2, '0')).join('')}`

interface MemoryBlob {
  chunks: Uint8Array[]
  /** offsets[i] = where chunks[i] starts. */
  offsets: number[]
  size: number
}

function readChunks(blob: MemoryBlob, offset: number, length: number): Uint8Array {
  const end = Math.min(blob.size, offset + length)
  if (offset >= end) return new Uint8Array(0)
  // Binary search for the chunk holding `offset`.
  let lo = 0
  let hi = blob.chunks.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (blob.offsets[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  const first = blob.chunks[lo]!
  const start = offset - blob.offsets[lo]!
  if (start + (end - offset) <= first.length) return first.subarray(start, start + (end - offset))
  const out = new Uint8Array(end - offset)
  let at = 0
  for (let i = lo; at < out.length; i++) {
    const chunk = blob.chunks[i]!
    const from = i === lo ? start : 0
    const piece = chunk.subarray(from, Math.min(chunk.length, from + out.length - at))
    out.set(piece, at)
    at += piece.length
  }
  return out
}

/** Blobs as lists of chunks in memory (no copy on write, no concatenation unless a read spans chunks). */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, MemoryBlob>()
  private readonly revisions = new Map<string, number>()
  /** Readers holding a blob (retain), and blobs deleted while held: removed when the last reader lets go. */
  private readonly holds = new Map<string, number>()
  private readonly doomed = new Set<string>()

  constructor(private readonly random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))) {}

  create(): BlobWriter {
    const blob: MemoryBlob = { chunks: [], offsets: [], size: 0 }
    let done = false
    return {
      write: async (bytes) => {
        if (done) throw new Error('blob writer is closed')
        if (bytes.length === 0) return
        blob.offsets.push(blob.size)
        blob.chunks.push(bytes)
        blob.size += bytes.length
      },
      commit: async () => {
        if (done) throw new Error('blob writer is closed')
        done = true
        const id = newBlobId(this.random)
        this.blobs.set(id, blob)
        return id
      },
      abort: async () => {
        done = true
        blob.chunks = []
      },
    }
  }

  async open(id: string): Promise<BlobReader> {
    const blob = this.blobs.get(id)
    if (!blob) throw new BlobMissing(id)
    return { size: blob.size, read: async (offset, length) => readChunks(blob, offset, length), close: async () => {} }
  }

  delete(id: string): void {
    if (this.holds.has(id)) this.doomed.add(id)
    else this.blobs.delete(id)
  }

  retain(ids: readonly string[]): () => void {
    for (const id of ids) this.holds.set(id, (this.holds.get(id) ?? 0) + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      for (const id of ids) {
        const left = (this.holds.get(id) ?? 1) - 1
        if (left > 0) this.holds.set(id, left)
        else {
          this.holds.delete(id)
          if (this.doomed.delete(id)) this.blobs.delete(id)
        }
      }
    }
  }

  /** Snapshots in the browser carry bodies inline: the whole blob, synchronously. */
  readAll(id: string): Uint8Array {
    const blob = this.blobs.get(id)
    if (!blob) throw new BlobMissing(id)
    return readChunks(blob, 0, blob.size)
  }

  /** Adds a whole blob (restoring a snapshot); returns its id. */
  put(bytes: Uint8Array, id = newBlobId(this.random)): string {
    this.blobs.set(id, { chunks: bytes.length ? [bytes] : [], offsets: bytes.length ? [0] : [], size: bytes.length })
    return id
  }

  has(id: string): boolean {
    return this.blobs.has(id)
  }

  /** Test hook and the Storage panel: the stored bytes of a blob, to look at or damage. */
  replace(id: string, bytes: Uint8Array): void {
    this.put(bytes, id)
    this.revisions.set(id, this.revision(id) + 1)
  }

  /** How many times a blob's bytes were replaced in place: a saved copy of an earlier revision is stale. */
  revision(id: string): number {
    return this.revisions.get(id) ?? 0
  }

  get count(): number {
    return this.blobs.size
  }
}
