/**
 * `--data-dir`'s metadata files (docs/persistence.md): DIR/state.json, the last compacted state with its
 * generation number, and DIR/journal-<generation>.log, the batches committed since, appended and fsynced
 * before any request they hold is answered. Compaction writes a new state.json (temporary file, fsync,
 * rename, fsync of the folder) naming the next generation, whose empty journal exists before the rename,
 * so a crash at any point leaves one consistent pair. The folder is 0700 and every file 0600: the state
 * holds key material. A file that cannot be read as written is moved aside and start-up refused, with a
 * reason that never quotes the file (it may hold keys).
 */
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Entities } from '../../emulator/state-entities'
import { DamagedJournal, frame, parseJournal } from './journal-file'

export const STATE_FILE = 'state.json'
const FORMAT = 's3-playground-state'
const journalName = (generation: number) => `journal-${generation}.log`
const JOURNAL = /^journal-(\d+)\.log$/

type FileHandle = Awaited<ReturnType<typeof open>>
type Obj = Record<string, unknown>

/** Start-up refused: `message` is one line naming the file, the reason and where the file was moved. */
export class DamagedState extends Error {}

/** fsync of a folder, so that a rename or a new file in it survives a crash (not possible on every platform). */
export async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error
  } finally {
    await handle?.close()
  }
}

async function writeDurably(file: string, data: string | Buffer): Promise<void> {
  const handle = await open(file, 'w', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** What a data folder held at start-up. */
export interface Loaded {
  /** The compacted state as entities (undefined: none yet), or a snapshot of the format before the journal. */
  entities?: Entities
  legacy?: unknown
  /** The journal's batches, each a list of ops, in order. */
  batches: unknown[][]
}

function entitiesFrom(raw: Obj): Entities {
  const trail = raw.trail as { records?: unknown; times?: unknown } | undefined
  if (
    typeof raw.s3 !== 'object' ||
    typeof raw.kms !== 'object' ||
    !Array.isArray(trail?.records) ||
    !Array.isArray(trail.times) ||
    !Array.isArray(raw.buckets)
  )
    throw new Error('missing parts')
  const buckets = new Map<string, Entities['buckets'] extends Map<string, infer B> ? B : never>()
  for (const b of raw.buckets as { name: unknown; header: unknown; entries: unknown }[]) {
    if (typeof b?.name !== 'string' || typeof b.header !== 'object' || !Array.isArray(b.entries))
      throw new Error('bad bucket')
    const entries = new Map<string, { field: string; key: unknown; value: Obj }>()
    for (const [field, key, value] of b.entries as [string, unknown, Obj][])
      entries.set(JSON.stringify([field, key]), { field, key, value })
    buckets.set(b.name, { header: b.header as Obj, entries })
  }
  return {
    s3: raw.s3 as Obj,
    kms: raw.kms as Obj,
    trail: { records: trail.records, times: trail.times as number[] },
    buckets,
  }
}

function entitiesTo(e: Entities, generation: number): string {
  return JSON.stringify({
    format: FORMAT,
    generation,
    s3: e.s3,
    kms: e.kms,
    trail: e.trail,
    buckets: [...e.buckets].map(([name, b]) => ({
      name,
      header: b.header,
      entries: [...b.entries.values()].map(({ field, key, value }) => [field, key, value]),
    })),
  })
}

export class StateDir {
  private generation = 0
  private journal?: FileHandle
  /** Bytes in the current journal, and in the last state.json: compaction is due when the first outgrows the second. */
  journalBytes = 0
  stateBytes = 0

  private constructor(readonly dir: string) {}

  /** Creates the folder (0700) if needed and reads what it holds. Throws DamagedState. */
  static async open(dir: string): Promise<{ store: StateDir; loaded: Loaded }> {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const store = new StateDir(dir)
    return { store, loaded: await store.load() }
  }

  private path = (name: string) => join(this.dir, name)

  /** Moves a damaged file aside (kept, never shown) and refuses to start. */
  private async refuse(name: string, reason: string, alsoAside: string[] = []): Promise<never> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = `${name}.damaged-${stamp}`
    await rename(this.path(name), this.path(aside))
    for (const other of alsoAside)
      await rename(this.path(other), this.path(`${other}.damaged-${stamp}`)).catch(() => {})
    throw new DamagedState(
      `[emulator] refusing to start: ${this.path(name)} is damaged (${reason}); it was moved aside to ${aside}` +
        ` (contents not shown: they may hold key material). Start again to begin without it, or put a backup in its place.`,
    )
  }

  /** The journal's changes do not apply: it is moved aside. */
  refuseJournal(reason: string): Promise<never> {
    return this.refuse(journalName(this.generation), reason)
  }

  /** State and journal read well but do not restore: both are moved aside. */
  async refuseRestore(reason: string): Promise<never> {
    const names = await readdir(this.dir)
    const journal = journalName(this.generation)
    const journals = names.includes(journal) ? [journal] : []
    return names.includes(STATE_FILE) ? this.refuse(STATE_FILE, reason, journals) : this.refuse(journal, reason)
  }

  private async load(): Promise<Loaded> {
    const names = await readdir(this.dir)
    const journals = names.filter((n) => JOURNAL.test(n))
    // A compaction that crashed before its rename left this; the state it held is in the journal too.
    if (names.includes(`${STATE_FILE}.tmp`)) await unlink(this.path(`${STATE_FILE}.tmp`))
    let entities: Entities | undefined
    let legacy: unknown
    if (names.includes(STATE_FILE)) {
      const text = await readFile(this.path(STATE_FILE), 'utf8')
      this.stateBytes = Buffer.byteLength(text)
      let raw: Obj
      try {
        raw = JSON.parse(text) as Obj
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not an object')
      } catch {
        return this.refuse(STATE_FILE, 'not valid JSON', journals)
      }
      if (raw.format === FORMAT) {
        if (!Number.isSafeInteger(raw.generation) || (raw.generation as number) < 0)
          return this.refuse(STATE_FILE, 'no valid generation number', journals)
        this.generation = raw.generation as number
        try {
          entities = entitiesFrom(raw)
        } catch {
          return this.refuse(STATE_FILE, 'its parts are not the shape this emulator writes', journals)
        }
      } else if (raw.version === 1 || raw.version === 2) legacy = raw
      else return this.refuse(STATE_FILE, 'not a state file this emulator can read', journals)
    }
    // Journals of other generations: an older one outlived a compaction, a newer one is the empty journal
    // a compaction made before it crashed. Either way it holds nothing the state lacks.
    for (const name of journals) {
      const generation = Number(JOURNAL.exec(name)![1])
      if (generation === this.generation && !legacy) continue
      if (generation > this.generation && (await stat(this.path(name))).size > 0)
        return this.refuse(name, 'a journal newer than state.json', [])
      await unlink(this.path(name))
    }
    const current = journalName(this.generation)
    let batches: unknown[][] = []
    if (journals.includes(current) && !legacy) {
      const bytes = await readFile(this.path(current))
      let parsed
      try {
        parsed = parseJournal(bytes)
      } catch (error) {
        return this.refuse(current, error instanceof DamagedJournal ? error.message : 'unreadable')
      }
      const ops = parsed.records.map((r) => (r as { ops?: unknown }).ops)
      if (!ops.every(Array.isArray)) return this.refuse(current, 'a record holds no list of changes')
      batches = ops as unknown[][]
      this.journalBytes = parsed.goodLength
      if (parsed.torn) {
        // The last batch was cut short by a crash, so never acknowledged: drop it before appending more.
        const handle = await open(this.path(current), 'r+')
        try {
          await handle.truncate(parsed.goodLength)
          await handle.sync()
        } finally {
          await handle.close()
        }
      }
    }
    return { ...(entities ? { entities } : {}), ...(legacy ? { legacy } : {}), batches }
  }

  /** Opens the current journal for appending (after load, and once the state was restored). */
  async start(): Promise<void> {
    const created = !(await readdir(this.dir)).includes(journalName(this.generation))
    this.journal = await open(this.path(journalName(this.generation)), 'a', 0o600)
    if (created) await syncFolder(this.dir)
  }

  /** Appends one batch and waits until it is on disk. */
  async append(ops: unknown[]): Promise<void> {
    if (!this.journal) throw new Error('journal not open')
    const bytes = frame({ ops })
    await this.journal.write(bytes)
    await this.journal.datasync()
    this.journalBytes += bytes.length
  }

  /** Writes `entities` as the new state.json of the next generation, with a new empty journal. */
  async compact(entities: Entities): Promise<void> {
    const next = this.generation + 1
    const journal = await open(this.path(journalName(next)), 'w', 0o600)
    try {
      await journal.sync()
      const text = entitiesTo(entities, next)
      const tmp = this.path(`${STATE_FILE}.tmp`)
      await writeDurably(tmp, text)
      await rename(tmp, this.path(STATE_FILE))
      await syncFolder(this.dir)
      this.stateBytes = Buffer.byteLength(text)
    } catch (error) {
      await journal.close().catch(() => {})
      throw error
    }
    const old = this.journal
    const oldName = journalName(this.generation)
    this.journal = journal
    this.generation = next
    this.journalBytes = 0
    await old?.close().catch(() => {})
    await unlink(this.path(oldName)).catch(() => {})
  }

  async close(): Promise<void> {
    await this.journal?.close()
    this.journal = undefined
  }

  toString(): string {
    return basename(this.dir)
  }
}
