/**
 * Keeps the playground in IndexedDB: restore at start, save a moment after every command and request,
 * and the learner's actions (export, import, reset, recover from a damaged record). Browser only.
 */
import type { Emulator } from '@/lib/emulator/create-emulator'
import {
  capturePlayground,
  captureStored,
  checkPlayground,
  parsePlayground,
  replacePlayground,
  restorePlayground,
  SavedStateError,
} from '@/lib/state/playground-state'
import type { SessionShell } from '@/lib/state/session'
import { StoredParts } from '@/lib/state/stored-parts'
import type { RecordStore } from './idb'

export interface SaveStatus {
  /** off: this browser cannot store; paused: a damaged record waits for the learner's decision. */
  state: 'off' | 'idle' | 'saving' | 'saved' | 'error' | 'paused'
  /** Saves completed so far (tests wait on it). */
  count: number
  /** A change is waiting to be saved. */
  pending: boolean
  at?: number
  message?: string
  /** Set when the stored record could not be restored: the reason, and the record as it was. */
  damaged?: { reason: string; raw: string }
  restoredFrom?: string
  /** Another tab changed the saved record since this one last saved: saving here waits for the learner. */
  otherTab?: boolean
}

const DEBOUNCE_MS = 300

/** The learner's words for a failed save. The stored record is untouched by a failed write (one transaction). */
export function saveErrorMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'QuotaExceededError')
    return "Not saved: this browser's storage for the playground is full. Your last save is kept; the changes since are only in this tab. Download your work to keep it, or free space (delete checkpoints, or other sites' data) and the next change saves."
  return `Could not save in this browser: ${error instanceof Error ? error.message : String(error)}. Your last save is kept; the next change tries again.`
}

export class Persistence {
  private status: SaveStatus
  private readonly listeners = new Set<() => void>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> = Promise.resolve()
  private holds = 0
  /** What the store holds beside the record, when it keeps parts (incremental saves); else every save is whole. */
  readonly parts: StoredParts | undefined

  constructor(
    private readonly emulator: Emulator,
    private readonly shell: SessionShell,
    private readonly store: RecordStore | undefined,
    initial: Partial<SaveStatus> = {},
  ) {
    this.status = { state: store ? 'idle' : 'off', count: 0, pending: false, ...initial }
    this.parts = store?.getWithParts ? new StoredParts() : undefined
  }

  /** Called after this tab changes the stored record (other-tabs.ts tells the other tabs). */
  onChanged: () => void = () => {}

  get = () => this.status
  subscribe = (cb: () => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }
  private set(patch: Partial<SaveStatus>) {
    this.status = { ...this.status, ...patch }
    for (const cb of this.listeners) cb()
  }

  /**
   * While held (a terminal command runs), changes only mark the state pending: a multipart upload of
   * 100 MiB answers a request every few hundred ms, and saving the whole playground between its parts
   * would stall it. The save happens once, when the last hold is released.
   */
  hold = () => {
    this.holds++
  }
  release = () => {
    this.holds = Math.max(0, this.holds - 1)
    if (this.holds === 0 && this.status.pending) this.schedule()
  }

  /** Saves a moment from now; many changes in a row make one write. */
  schedule = () => {
    if (!this.store || this.status.state === 'paused') return
    if (!this.status.pending) this.set({ pending: true })
    if (this.holds > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.saveNow(), DEBOUNCE_MS)
  }

  saveNow(): Promise<void> {
    const store = this.store
    if (!store || this.status.state === 'paused') return this.writing
    clearTimeout(this.timer)
    this.writing = this.writing.then(async () => {
      // A change made while this write runs schedules the next one, which clears pending.
      this.set({ state: 'saving', pending: false })
      try {
        if (this.parts) {
          // Only what changed since the last save goes in with the document (stored-parts.ts).
          const { text, write } = captureStored(this.emulator, this.shell, this.parts)
          await store.put(text, write)
          this.parts.committed(write)
        } else await store.put(this.exportText())
        this.set({ state: 'saved', count: this.status.count + 1, at: Date.now() })
        this.onChanged()
      } catch (error) {
        this.set({ state: 'error', message: saveErrorMessage(error) })
      }
    })
    return this.writing
  }

  exportText(): string {
    return JSON.stringify(capturePlayground(this.emulator, this.shell))
  }

  /** Checks a file fully (on a scratch emulator) before it replaces anything; the caller reloads. Throws SavedStateError. */
  async importText(text: string): Promise<void> {
    const saved = parsePlayground(text)
    checkPlayground(saved)
    if (!this.store)
      throw new SavedStateError('this browser does not allow saving, so an import would not survive the reload')
    this.stop()
    this.parts?.forget()
    // The parsed save, not the file: what the file held beyond a capture (a secret in its history) is not stored.
    await this.store.put(JSON.stringify(saved))
    this.onChanged()
  }

  /**
   * Replaces the live playground with save text (a checkpoint, a shared scenario) and saves it. A text that
   * cannot be used throws SavedStateError and changes nothing. `changed` tells the panels to look again.
   */
  async replaceWith(text: string, changed: () => void = () => {}): Promise<void> {
    replacePlayground(parsePlayground(text), this.emulator, this.shell)
    changed()
    if (this.status.state === 'paused' && !this.status.damaged) this.set({ state: 'idle', otherTab: false })
    await this.saveNow()
  }

  /** Forgets everything saved; the caller reloads. */
  async reset(): Promise<void> {
    this.stop()
    this.parts?.forget()
    await this.store?.delete()
    this.onChanged()
  }

  /** The damaged record is dropped; this session (a fresh one) is saved from now on. */
  async discardDamaged(): Promise<void> {
    this.parts?.forget()
    await this.store?.delete()
    this.set({ state: 'idle', damaged: undefined })
    await this.saveNow()
  }

  /** Another tab saved (or reset, or imported): stop, so this tab never silently writes over that. */
  otherTabChanged(): void {
    if (this.status.state === 'off' || this.status.damaged) return
    this.stop()
    this.set({ otherTab: true })
  }

  /** The learner chose this tab's work over the other tab's. */
  keepThisTab(): Promise<void> {
    // The other tab may have removed parts this one wrote: write them all again.
    this.parts?.forget()
    this.set({ state: 'idle', otherTab: false })
    return this.saveNow()
  }

  private stop() {
    clearTimeout(this.timer)
    this.set({ state: 'paused' })
  }
}

const reason = (error: unknown) =>
  error instanceof SavedStateError
    ? error.message
    : `it could not be read (${error instanceof Error ? error.message : String(error)})`

/**
 * Restores what this browser saved into the fresh emulator and shell. A damaged record is kept as it is,
 * and saving pauses, until the learner decides (download it, or start fresh).
 */
export async function startPersistence(
  emulator: Emulator,
  shell: SessionShell,
  store: RecordStore | undefined,
): Promise<Persistence> {
  let record: unknown
  let parts: Map<string, Uint8Array> | undefined
  try {
    if (store?.getWithParts) ({ record, parts } = await store.getWithParts())
    else record = await store?.get()
  } catch {
    return new Persistence(emulator, shell, undefined, {
      message: 'This browser does not let the playground save (IndexedDB is off): your work lasts until you reload.',
    })
  }
  if (record === undefined) return new Persistence(emulator, shell, store)
  try {
    const saved = parsePlayground(record)
    restorePlayground(saved, emulator, shell, parts)
    const persistence = new Persistence(emulator, shell, store, { restoredFrom: saved.savedAt })
    if (parts && saved.blobs) persistence.parts?.adopt(parts)
    return persistence
  } catch (error) {
    const raw = typeof record === 'string' ? record : safeJson(record)
    return new Persistence(emulator, shell, store, { state: 'paused', damaged: { reason: reason(error), raw } })
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
