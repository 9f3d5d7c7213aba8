/**
 * Everything a learner builds in the playground, as one JSON document: the emulator's snapshot (buckets,
 * encrypted objects, KMS keys, CloudTrail) and the terminal session. The browser keeps it in IndexedDB
 * and exports it as a file; both go through these functions.
 *
 * The emulator part holds the emulator's own key material (S3 root keys, KMS key versions), as --data-dir
 * does: without it no stored object could be read back. It never holds an SSE-C key (S3 keeps a salted
 * HMAC), a data key in plaintext, or anything the learner typed as a secret (session.ts).
 */
import { createEmulator, type Emulator } from '../emulator/create-emulator'
import { fromSnapshot, restoreKmsSnapshot, toSnapshot } from '../emulator/snapshot'
import { Vfs } from '../cli/shell/vfs'
import { MemoryBlobStore } from '../s3/blob-store'
import {
  applySession,
  captureSession,
  safeSavedSession,
  sessionProblem,
  type SavedSession,
  type SessionShell,
} from './session'
import type { PartsWrite, SavePlan, StoredParts } from './stored-parts'

export const SAVE_FORMAT = 's3-encryption-playground'
export const SAVE_VERSION = 1

export interface SavedPlayground {
  format: typeof SAVE_FORMAT
  version: number
  savedAt: string
  session: SavedSession
  emulator: unknown
  /** The browser's own save only (stored-parts.ts): blob id → the stored part holding its sealed bytes. */
  blobs?: Record<string, string>
}

/** Stored parts by name, read back with a save that names them. */
export type Parts = ReadonlyMap<string, Uint8Array>

/** A saved record that cannot be used, with a reason a learner can act on. */
export class SavedStateError extends Error {
  override name = 'SavedStateError'
}

/** The whole playground, self-contained (exports, links, checkpoints); with a plan, bodies and large files are named instead (captureStored). */
export function capturePlayground(
  emulator: Emulator,
  shell: SessionShell,
  now = new Date(),
  plan?: SavePlan,
): SavedPlayground {
  return {
    format: SAVE_FORMAT,
    version: SAVE_VERSION,
    savedAt: now.toISOString(),
    session: captureSession(shell, plan?.external),
    emulator: toSnapshot(emulator.s3, emulator, plan ? 'blobs' : 'inline'),
    ...(plan ? { blobs: plan.blobs } : {}),
  }
}

/**
 * The save the browser keeps: object bodies and large files named, not inlined (stored-parts.ts). Returns
 * the document and the parts to write with it; an export or a link uses capturePlayground (self-contained).
 */
export function captureStored(
  emulator: Emulator,
  shell: SessionShell,
  parts: StoredParts,
  now = new Date(),
): { text: string; write: PartsWrite } {
  const plan = parts.plan(emulator.s3)
  return { text: JSON.stringify(capturePlayground(emulator, shell, now, plan)), write: plan.write }
}

/** Parses JSON text (or an already parsed value) and checks its outline; throws SavedStateError. */
export function parsePlayground(input: string | unknown): SavedPlayground {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch {
      throw new SavedStateError('it is not valid JSON (the file or record is damaged or cut short)')
    }
  }
  const v = value as Partial<SavedPlayground> | null
  if (typeof v !== 'object' || v === null || v.format !== SAVE_FORMAT)
    throw new SavedStateError('it is not a playground save (its "format" is not s3-encryption-playground)')
  if (v.version !== SAVE_VERSION)
    throw new SavedStateError(
      `it was saved in format version ${String(v.version)}, and this playground reads version ${SAVE_VERSION}`,
    )
  const problem = sessionProblem(v.session)
  if (problem) throw new SavedStateError(problem)
  if (typeof v.emulator !== 'object' || v.emulator === null) throw new SavedStateError('the emulator state is missing')
  if (
    v.blobs !== undefined &&
    (typeof v.blobs !== 'object' || v.blobs === null || !Object.values(v.blobs).every((k) => typeof k === 'string'))
  )
    throw new SavedStateError('the list of stored bodies is damaged')
  // What came from outside keeps no more than a capture would (an old export, an edited file).
  return { ...(v as SavedPlayground), session: safeSavedSession(v.session as SavedSession) }
}

/** The bodies a save names, in a fresh store (no copies); throws when one is not in `parts`. */
function storedBodies(
  saved: SavedPlayground,
  emulator: Emulator,
  parts: Parts | undefined,
): MemoryBlobStore | undefined {
  if (!saved.blobs) return undefined
  const store = new MemoryBlobStore(emulator.s3.options.random)
  for (const [id, key] of Object.entries(saved.blobs)) {
    const bytes = parts?.get(key)
    if (!bytes) throw new Error(`the stored body ${id} is missing`)
    store.put(bytes, id)
  }
  return store
}

function restoreInPlace(saved: SavedPlayground, emulator: Emulator, shell: SessionShell, parts?: Parts): void {
  const restored = fromSnapshot(saved.emulator, emulator.s3.options, storedBodies(saved, emulator, parts))
  emulator.s3.buckets.clear()
  for (const [name, bucket] of restored.buckets) emulator.s3.buckets.set(name, bucket)
  emulator.s3.keyring.replaceWith(restored.keyring.list())
  emulator.s3.blobs = restored.blobs
  restoreKmsSnapshot(saved.emulator, emulator)
  applySession(saved.session, shell, parts)
}

/** Restores a save into a throwaway emulator and shell: throws SavedStateError when it cannot be used. */
export function checkPlayground(saved: SavedPlayground, parts?: Parts): void {
  const scratch = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
  try {
    restoreInPlace(saved, createEmulator(), scratch, parts)
  } catch (error) {
    throw new SavedStateError(
      `the saved state cannot be restored: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/**
 * Restores a save into a live emulator and shell. It is tried on a scratch copy first, so a damaged save
 * throws SavedStateError and leaves the live state as it was.
 */
export function restorePlayground(
  saved: SavedPlayground,
  emulator: Emulator,
  shell: SessionShell,
  parts?: Parts,
): void {
  checkPlayground(saved, parts)
  restoreInPlace(saved, emulator, shell, parts)
}

/**
 * Like restorePlayground, but the shell's files and aws settings become exactly the saved ones (a restore
 * at start adds to an empty shell; a checkpoint or a shared scenario replaces a live one).
 */
export function replacePlayground(saved: SavedPlayground, emulator: Emulator, shell: SessionShell): void {
  checkPlayground(saved)
  if (shell.vfs instanceof Vfs) shell.vfs.clear()
  const config = (shell.aws as { config?: Record<string, string> }).config
  if (config) for (const k of Object.keys(config)) delete config[k]
  restoreInPlace(saved, emulator, shell)
}
