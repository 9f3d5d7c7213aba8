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
import { applySession, captureSession, sessionProblem, type SavedSession, type SessionShell } from './session'

export const SAVE_FORMAT = 's3-encryption-playground'
export const SAVE_VERSION = 1

export interface SavedPlayground {
  format: typeof SAVE_FORMAT
  version: number
  savedAt: string
  session: SavedSession
  emulator: unknown
}

/** A saved record that cannot be used, with a reason a learner can act on. */
export class SavedStateError extends Error {
  override name = 'SavedStateError'
}

export function capturePlayground(emulator: Emulator, shell: SessionShell, now = new Date()): SavedPlayground {
  return { format: SAVE_FORMAT, version: SAVE_VERSION, savedAt: now.toISOString(), session: captureSession(shell), emulator: toSnapshot(emulator.s3, emulator) }
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
  if (typeof v !== 'object' || v === null || v.format !== SAVE_FORMAT) throw new SavedStateError('it is not a playground save (its "format" is not s3-encryption-playground)')
  if (v.version !== SAVE_VERSION) throw new SavedStateError(`it was saved in format version ${String(v.version)}, and this playground reads version ${SAVE_VERSION}`)
  const problem = sessionProblem(v.session)
  if (problem) throw new SavedStateError(problem)
  if (typeof v.emulator !== 'object' || v.emulator === null) throw new SavedStateError('the emulator state is missing')
  return v as SavedPlayground
}

function restoreInPlace(saved: SavedPlayground, emulator: Emulator, shell: SessionShell): void {
  const restored = fromSnapshot(saved.emulator, emulator.s3.options)
  emulator.s3.buckets.clear()
  for (const [name, bucket] of restored.buckets) emulator.s3.buckets.set(name, bucket)
  emulator.s3.keyring.replaceWith(restored.keyring.list())
  emulator.s3.blobs = restored.blobs
  restoreKmsSnapshot(saved.emulator, emulator)
  applySession(saved.session, shell)
}

/** Restores a save into a throwaway emulator and shell: throws SavedStateError when it cannot be used. */
export function checkPlayground(saved: SavedPlayground): void {
  const scratch = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
  try {
    restoreInPlace(saved, createEmulator(), scratch)
  } catch (error) {
    throw new SavedStateError(`the saved state cannot be restored: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * Restores a save into a live emulator and shell. It is tried on a scratch copy first, so a damaged save
 * throws SavedStateError and leaves the live state as it was.
 */
export function restorePlayground(saved: SavedPlayground, emulator: Emulator, shell: SessionShell): void {
  checkPlayground(saved)
  restoreInPlace(saved, emulator, shell)
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
