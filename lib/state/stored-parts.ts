/**
 * Incremental saves. The browser's own save (not an export or a link) names object bodies and large files
 * instead of holding them, and keeps each as a record of its own, written once: after a 100 MiB upload,
 * the next command saves a few kilobytes of JSON instead of the whole playground as base64 again.
 * A part's name changes whenever its bytes can have: object bodies are named by blob id and revision
 * (MemoryBlobStore.replace), files by the identity of the array the file system holds (writes replace it).
 */
import { toHex } from '../crypto/bytes'
import { MemoryBlobStore } from '../s3/blob-store'
import { referencedBlobs } from '../s3/referenced-blobs'
import type { S3State } from '../s3/state'
import type { FileExternalizer } from './session'

/** Files smaller than this stay inline in the document: a record of their own would cost more than it saves. */
export const INLINE_FILE_BYTES = 64 * 1024

/** What one save writes beside its document: the parts not stored yet, and every part it names (the others can go). */
export interface PartsWrite {
  add: Map<string, Uint8Array>
  keep: Set<string>
}

/** One save's plan: the document's map of blob id → part, how files are named, and what to write. */
export interface SavePlan {
  blobs: Record<string, string>
  external: FileExternalizer
  write: PartsWrite
}

/** Which parts the store holds, as far as this tab knows. */
export class StoredParts {
  private held = new Set<string>()
  private readonly fileKeys = new WeakMap<Uint8Array, string>()
  private readonly session = toHex(crypto.getRandomValues(new Uint8Array(6)))
  private counter = 0

  plan(s3: S3State): SavePlan {
    const store = s3.blobs
    if (!(store instanceof MemoryBlobStore)) throw new Error('incremental saves need the in-memory blob store')
    const write: PartsWrite = { add: new Map(), keep: new Set() }
    const need = (key: string, bytes: () => Uint8Array) => {
      write.keep.add(key)
      if (!this.held.has(key) && !write.add.has(key)) write.add.set(key, bytes())
      return key
    }
    const blobs: Record<string, string> = {}
    for (const id of referencedBlobs(s3)) blobs[id] = need(`blob:${id}:${store.revision(id)}`, () => store.readAll(id))
    const external: FileExternalizer = (bytes) => {
      if (bytes.length < INLINE_FILE_BYTES) return undefined
      let key = this.fileKeys.get(bytes)
      if (!key) this.fileKeys.set(bytes, (key = `file:${this.session}-${(this.counter++).toString(36)}`))
      return need(key, () => bytes)
    }
    return { blobs, external, write }
  }

  /** The save went through: the store holds exactly what it kept. */
  committed(write: PartsWrite): void {
    this.held = new Set(write.keep)
  }

  /** Parts read back at start: held already, and a file restored from one is the same array, so it is not written again. */
  adopt(parts: ReadonlyMap<string, Uint8Array>): void {
    for (const [key, bytes] of parts) {
      this.held.add(key)
      if (key.startsWith('file:')) this.fileKeys.set(bytes, key)
    }
  }

  /** The store was changed by someone else (another tab, an import, a reset): write every part again. */
  forget(): void {
    this.held.clear()
  }
}
