/**
 * `--data-dir` (docs/persistence.md): object bodies live in DIR/blobs, one file per part (FileBlobStore);
 * everything else is DIR/state.json (the last compaction) plus DIR/journal-<n>.log (each change since).
 *
 * A request that may change state is answered only once its change is on disk: the emulator's handle is
 * wrapped so that, after the operation ran, it waits for a journal batch taken after it to be written and
 * fsynced (with the blobs folder's entries). Concurrent requests share a batch: one fsync for all of them
 * (group commit). A batch holds only what changed (ChangeTracker), so a small PUT writes a small record
 * whatever the state's size; when the journal outgrows state.json, the next batch is a compaction instead.
 */
import { join } from 'node:path'
import { fromBase64, toBase64 } from '../../crypto/bytes'
import type { Emulator } from '../../emulator/create-emulator'
import { fromSnapshot, restoreKmsSnapshot } from '../../emulator/snapshot'
import { applyOp, ChangeTracker, composeSnapshot, emptyEntities, JournalDamage } from '../../emulator/state-entities'
import { createContext } from '../../protocol/context'
import { jsonError } from '../../protocol/json/respond'
import { renderS3Error } from '../../protocol/s3/errors'
import { internalError } from '../../s3/errors'
import { referencedBlobs } from '../../s3/referenced-blobs'
import { FileBlobStore } from '../node-fs/blob-files'
import { StateDir } from '../node-fs/state-dir'

export { DamagedState } from '../node-fs/state-dir'

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** The journal may grow to this size, or to state.json's, before a compaction rewrites state.json. */
const MIN_COMPACTION_BYTES = 4 << 20
/** Blobs up to this size travel in the journal batch (no file, no fsync of their own) until a compaction. */
const INLINE_BLOB_BYTES = 64 << 10
/** ...and are kept in memory until then: a compaction also comes when they add up to this. */
const MAX_INLINE_HELD = 64 << 20

export interface PersistenceOptions {
  /** Compact once the journal holds this many bytes (default: 4 MiB or state.json's size, if larger); tests make it tiny. */
  compactionBytes?: number
}

export interface Persistence {
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>
  /** Writes what is left and closes the journal (before exiting). */
  close(): Promise<void>
}

/** What the operator reads when a save fails: the cause in words, what is safe, and what happens next. */
export function saveFailed(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  const cause =
    code === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : code === 'EACCES' || code === 'EPERM'
        ? `permission denied (${code})`
        : String(error)
  return `[emulator] could not save state to ${dir}: ${cause}. What was saved before is intact; requests that changed state since answer 500 InternalError, and the next change tries again to save everything held in memory.`
}

function blobBytes(text: unknown): Uint8Array {
  const bytes = typeof text === 'string' ? fromBase64(text) : undefined
  if (!bytes) throw new JournalDamage('a record holds a malformed object body')
  return bytes
}

/** The answer to a request whose change could not be made durable (it may still be saved by a later batch). */
function notDurable(request: Request, emulator: Emulator): Response {
  const ctx = createContext(request, emulator.random)
  if (request.headers.has('x-amz-target'))
    return jsonError('KMSInternalException', 'The state could not be saved.', ctx.requestId, 500)
  return renderS3Error(internalError(), ctx)
}

/**
 * Loads DIR into the emulator and makes every later change durable before it is answered. Throws
 * DamagedState (a one-line message) when a file in DIR cannot be read as written.
 */
export async function attachPersistence(
  emulator: Emulator,
  dir: string,
  options: PersistenceOptions = {},
): Promise<Persistence> {
  const { store, loaded } = await StateDir.open(dir)
  const blobs = new FileBlobStore(join(dir, 'blobs'), emulator.random, INLINE_BLOB_BYTES)
  emulator.s3.blobs = blobs
  const capacity = emulator.cloudtrail.options.capacity ?? 10_000
  let snapshot: unknown = loaded.legacy
  if (!snapshot && (loaded.entities || loaded.batches.length)) {
    const entities = loaded.entities ?? emptyEntities()
    try {
      for (const batch of loaded.batches)
        for (const op of batch) {
          const blob = op as { blob?: unknown; bytes?: unknown }
          if (typeof blob.blob !== 'string') applyOp(entities, op)
          else blobs.adopt(blob.blob, blobBytes(blob.bytes))
        }
    } catch (error) {
      await store.refuseJournal(error instanceof JournalDamage ? error.message : 'a record does not apply')
    }
    snapshot = composeSnapshot(entities, capacity)
  }
  if (snapshot) {
    try {
      const restored = fromSnapshot(snapshot, emulator.s3.options, blobs)
      emulator.s3.buckets.clear()
      for (const [name, bucket] of restored.buckets) emulator.s3.buckets.set(name, bucket)
      emulator.s3.keyring.replaceWith(restored.keyring.list())
      restoreKmsSnapshot(snapshot, emulator)
    } catch {
      // The message of a failed restore may quote the state (key material): it is not passed on.
      await store.refuseRestore('its contents do not restore to a valid state')
    }
  }
  blobs.collect(referencedBlobs(emulator.s3))
  await store.start()

  const tracker = new ChangeTracker(emulator)
  // Without a state.json of this format (a new folder, or one from before the journal), the first batch is a
  // compaction: the journal records changes to a state.json, so there must be one.
  let compactionDue = !loaded.entities
  if (!compactionDue) tracker.captureAll()

  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = []
  let running: Promise<void> | undefined
  let closed = false

  const batch = async () => {
    const limit = options.compactionBytes ?? Math.max(MIN_COMPACTION_BYTES, store.stateBytes)
    if (compactionDue || store.journalBytes > limit || blobs.inlineBytesHeld > MAX_INLINE_HELD) {
      // Deletions asked for before this capture are safe once it is on disk: it no longer names them.
      const deletable = blobs.takePending()
      const entities = tracker.captureAll()
      blobs.takeFresh() // spill() writes these (and every small blob still in memory) as files
      compactionDue = true
      const spilled = await blobs.spill(new Set(deletable))
      await store.compact(entities)
      blobs.release(spilled)
      compactionDue = false
      await blobs.sweep(deletable)
      return
    }
    // Small blobs first: the entries that name them come after them in the same record.
    const fresh = blobs.takeFresh().map(([id, bytes]) => ({ blob: id, bytes: toBase64(bytes) }))
    const ops = [...fresh, ...tracker.changes()]
    if (ops.length === 0) return
    try {
      await blobs.syncDir()
      await store.append(ops)
    } catch (error) {
      // The journal may end in a torn record now: start a new generation from the whole state.
      compactionDue = true
      throw error
    }
  }
  const kick = () => {
    if (running || waiting.length === 0) return
    const these = waiting
    waiting = []
    running = batch()
      .then(
        () => these.forEach((w) => w.resolve()),
        (error: unknown) => {
          console.error(saveFailed(dir, error))
          these.forEach((w) => w.reject(error))
        },
      )
      .finally(() => {
        running = undefined
        kick()
      })
  }
  /** Resolves once a batch taken after this call is on disk. */
  const sync = () =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject })
      kick()
    })

  const inner = emulator.handle.bind(emulator)
  emulator.handle = async (request) => {
    const response = await inner(request)
    if (READS.has(request.method)) return response
    try {
      if (closed) throw new Error('closed')
      await sync()
    } catch {
      await response.body?.cancel().catch(() => {})
      return notDurable(request, emulator)
    }
    return response
  }

  if (compactionDue) await sync().catch(() => undefined)
  return {
    flush: () => sync().catch(() => undefined),
    close: async () => {
      await sync().catch(() => undefined)
      closed = true
      tracker.stop()
      await store.close()
    },
  }
}
