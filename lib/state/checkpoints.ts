/**
 * Named checkpoints of the whole playground, for live demos and for "Reset this lesson": a checkpoint is
 * the same JSON text a save holds (playground-state.ts), so it carries no more secrets than a save does.
 * Framework-free: the browser keeps them in IndexedDB (components/playground/state/checkpoint-idb.ts),
 * tests in memory (`memoryCheckpointStore`).
 */

export interface CheckpointMeta {
  id: string
  name: string
  /** ISO time it was taken. */
  createdAt: string
  /** Set on the automatic checkpoint taken when a lesson is first opened. */
  lesson?: string
  /** Length of the saved text, to show how big it is. */
  size: number
}

export interface CheckpointStore {
  list(): Promise<CheckpointMeta[]>
  get(id: string): Promise<string | undefined>
  put(meta: CheckpointMeta, text: string): Promise<void>
  delete(id: string): Promise<void>
}

export interface CheckpointDeps {
  store: CheckpointStore
  /** The playground as save text, now. */
  capture(): string
  /** Puts save text back into the live playground (throws when it cannot be used, leaving it as it was). */
  restore(text: string): void | Promise<void>
  now?: () => Date
  newId?: () => string
}

export class CheckpointError extends Error {
  override name = 'CheckpointError'
}

const lessonId = (slug: string) => `lesson:${slug}`

/** Save, list, restore and delete checkpoints; one automatic checkpoint per lesson. */
export class Checkpoints {
  private readonly listeners = new Set<() => void>()
  private readonly now: () => Date
  private readonly newId: () => string

  constructor(private readonly deps: CheckpointDeps) {
    this.now = deps.now ?? (() => new Date())
    this.newId = deps.newId ?? (() => `cp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`)
  }

  /** Called after every change to the list (the UI re-reads it). */
  subscribe(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }
  private changed() {
    for (const cb of this.listeners) cb()
  }

  /** Every checkpoint, newest first; lesson checkpoints included (they carry `lesson`). */
  async list(): Promise<CheckpointMeta[]> {
    return (await this.deps.store.list()).sort((a, b) =>
      a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0,
    )
  }

  async save(name: string): Promise<CheckpointMeta> {
    const trimmed = name.trim()
    if (!trimmed) throw new CheckpointError('a checkpoint needs a name')
    return this.put({ id: this.newId(), name: trimmed.slice(0, 120) })
  }

  private async put(partial: Pick<CheckpointMeta, 'id' | 'name' | 'lesson'>): Promise<CheckpointMeta> {
    const text = this.deps.capture()
    const meta: CheckpointMeta = { ...partial, createdAt: this.now().toISOString(), size: text.length }
    if (meta.lesson === undefined) delete meta.lesson
    await this.deps.store.put(meta, text)
    this.changed()
    return meta
  }

  async restore(id: string): Promise<CheckpointMeta> {
    const meta = (await this.deps.store.list()).find((m) => m.id === id)
    const text = await this.deps.store.get(id)
    if (!meta || text === undefined) throw new CheckpointError(`there is no checkpoint ${id}`)
    await this.deps.restore(text)
    return meta
  }

  async delete(id: string): Promise<void> {
    await this.deps.store.delete(id)
    this.changed()
  }

  /** The automatic checkpoint of a lesson, if it has been taken. */
  async lessonCheckpoint(slug: string): Promise<CheckpointMeta | undefined> {
    return (await this.deps.store.list()).find((m) => m.id === lessonId(slug))
  }

  /** Taken the first time a lesson is opened (never again), so "Reset this lesson" has a start to go back to. */
  async ensureLessonCheckpoint(slug: string, title: string): Promise<CheckpointMeta> {
    return (
      (await this.lessonCheckpoint(slug)) ?? this.put({ id: lessonId(slug), name: `Start of “${title}”`, lesson: slug })
    )
  }

  /**
   * The lesson's start is now: a workshop preset sets the lesson up, and "Reset this lesson" must come back to the
   * preset's scenario, not to what the playground held before it.
   */
  async setLessonStart(slug: string, title: string): Promise<CheckpointMeta> {
    return this.put({ id: lessonId(slug), name: `Start of “${title}”`, lesson: slug })
  }

  /** The other lessons first opened after this one: resetting it undoes what was done in them too. */
  async lessonsOpenedSince(slug: string): Promise<CheckpointMeta[]> {
    const all = await this.deps.store.list()
    const mine = all.find((m) => m.id === lessonId(slug))
    return mine ? all.filter((m) => m.lesson && m.lesson !== slug && m.createdAt > mine.createdAt) : []
  }

  /** Back to the state the playground was in when the lesson was first opened. */
  async resetLesson(slug: string): Promise<CheckpointMeta> {
    if (!(await this.lessonCheckpoint(slug))) throw new CheckpointError(`the lesson ${slug} has no starting checkpoint`)
    return this.restore(lessonId(slug))
  }
}

/** Checkpoints kept in memory: for tests, and where the browser has no IndexedDB. */
export function memoryCheckpointStore(): CheckpointStore {
  const items = new Map<string, { meta: CheckpointMeta; text: string }>()
  return {
    list: async () => [...items.values()].map((i) => ({ ...i.meta })),
    get: async (id) => items.get(id)?.text,
    put: async (meta, text) => void items.set(meta.id, { meta: { ...meta }, text }),
    delete: async (id) => void items.delete(id),
  }
}
