/**
 * Real files dropped or chosen into the terminal's file system (browser only): each read as a stream
 * (`File.stream()`) with its progress kept here, so any view can show the bars.
 */
import { importPath, readStream } from '@/lib/cli/shell/file-import'
import type { Runtime } from '../runtime'
import { emulatorChanged } from '../use-emulator'
import { downloadBlob } from '../state/download'

export interface FileImport {
  id: number
  name: string
  path: string
  read: number
  total: number
  state: 'reading' | 'done' | 'failed'
  error?: string
  /** Progress updates shown so far (a test checks the bar moved). */
  updates: number
  ms?: number
}

/** How often the bar is redrawn at most, in ms: reading is faster than painting. */
const REDRAW_MS = 50

export class FileImports {
  private items: FileImport[] = []
  private readonly listeners = new Set<() => void>()
  private nextId = 1

  all = () => this.items
  subscribe = (cb: () => void) => {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }
  private update(id: number, patch: Partial<FileImport>) {
    this.items = this.items.map((i) => (i.id === id ? { ...i, ...patch } : i))
    for (const cb of this.listeners) cb()
  }
  clearFinished() {
    this.items = this.items.filter((i) => i.state === 'reading')
    for (const cb of this.listeners) cb()
  }

  /** Reads each file into the working directory (a file of the same name is replaced, as cp does). */
  async add(runtime: Runtime, files: Iterable<File>): Promise<void> {
    const { vfs } = runtime.session.shell
    const jobs = [...files].map((file) => {
      const item: FileImport = {
        id: this.nextId++,
        name: file.name,
        path: importPath(vfs, vfs.cwd, file.name),
        read: 0,
        total: file.size,
        state: 'reading',
        updates: 0,
      }
      this.items = [...this.items, item]
      return { file, item }
    })
    for (const cb of this.listeners) cb()
    for (const { file, item } of jobs) {
      const started = performance.now()
      let drawn = 0
      let updates = 0
      try {
        const bytes = await readStream(file.stream(), file.size, ({ read }) => {
          const now = performance.now()
          if (now - drawn < REDRAW_MS && read < file.size) return
          drawn = now
          updates++
          this.update(item.id, { read, updates })
        })
        vfs.write(item.path, bytes)
        this.update(item.id, { read: file.size, state: 'done', updates: updates + 1, ms: performance.now() - started })
        emulatorChanged(runtime.emulator)
        runtime.persistence.schedule()
      } catch (error) {
        this.update(item.id, { state: 'failed', error: error instanceof Error ? error.message : String(error) })
      }
    }
  }
}

const byRuntime = new WeakMap<Runtime, FileImports>()
export function importsOf(runtime: Runtime): FileImports {
  let imports = byRuntime.get(runtime)
  if (!imports) byRuntime.set(runtime, (imports = new FileImports()))
  return imports
}

/** Offers a file of the virtual file system as a download. */
export function downloadFile(bytes: Uint8Array, name: string): void {
  downloadBlob(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }), name)
}
