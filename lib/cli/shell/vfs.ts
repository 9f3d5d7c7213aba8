/**
 * The learner's files: an in-memory tree of byte files under a home directory. Paths resolve like a
 * shell's (relative to the working directory, `.`, `..`, `~`).
 */

export const HOME = '/home/learner'

export class VfsError extends Error {}

/** What commands need of a file system: the in-memory one in the browser, the real one headless. */
export interface FileSystem {
  cwd: string
  resolve(path: string): string
  display(path: string): string
  isFile(path: string): boolean
  isDir(path: string): boolean
  exists(path: string): boolean
  /** Throws VfsError with the coreutils wording ("No such file or directory", "Is a directory"). */
  read(path: string): Uint8Array
  write(path: string, data: Uint8Array, append?: boolean): void
  remove(path: string): void
  mkdir(path: string): void
  list(path: string): { name: string; dir: boolean; size: number }[]
  /** Size and last modification time of a file (sync compares them with S3's). */
  stat(path: string): { size: number; mtime: Date }
}

export class Vfs implements FileSystem {
  private readonly files = new Map<string, Uint8Array>()
  private readonly modified = new Map<string, Date>()
  private readonly dirs = new Set<string>(['/', '/home', HOME])
  cwd = HOME

  resolve(path: string): string {
    const abs = path.startsWith('/')
      ? path
      : path === '~' || path.startsWith('~/')
        ? HOME + path.slice(1)
        : `${this.cwd}/${path}`
    const parts: string[] = []
    for (const part of abs.split('/')) {
      if (part === '' || part === '.') continue
      if (part === '..') parts.pop()
      else parts.push(part)
    }
    return '/' + parts.join('/')
  }

  /** How a path is shown back to the user: relative to the working directory when it is inside it. */
  display(path: string): string {
    const abs = this.resolve(path)
    return abs.startsWith(this.cwd + '/') ? abs.slice(this.cwd.length + 1) : abs
  }

  isFile = (path: string) => this.files.has(this.resolve(path))
  isDir = (path: string) => this.dirs.has(this.resolve(path))
  exists = (path: string) => this.isFile(path) || this.isDir(path)

  read(path: string): Uint8Array {
    const abs = this.resolve(path)
    const data = this.files.get(abs)
    if (data) return data
    throw new VfsError(this.dirs.has(abs) ? 'Is a directory' : 'No such file or directory')
  }

  write(path: string, data: Uint8Array, append = false): void {
    const abs = this.resolve(path)
    if (this.dirs.has(abs)) throw new VfsError('Is a directory')
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/'
    if (!this.dirs.has(parent)) throw new VfsError('No such file or directory')
    const before = append ? this.files.get(abs) : undefined
    if (before) {
      const joined = new Uint8Array(before.length + data.length)
      joined.set(before)
      joined.set(data, before.length)
      this.files.set(abs, joined)
    } else this.files.set(abs, data)
    this.modified.set(abs, new Date())
  }

  stat(path: string): { size: number; mtime: Date } {
    const abs = this.resolve(path)
    return { size: this.read(abs).length, mtime: this.modified.get(abs) ?? new Date(0) }
  }

  remove(path: string): void {
    const abs = this.resolve(path)
    if (this.dirs.has(abs)) throw new VfsError('Is a directory')
    if (!this.files.delete(abs)) throw new VfsError('No such file or directory')
    this.modified.delete(abs)
  }

  mkdir(path: string): void {
    const abs = this.resolve(path)
    if (this.exists(abs)) throw new VfsError('File exists')
    const parent = abs.slice(0, abs.lastIndexOf('/')) || '/'
    if (!this.dirs.has(parent)) throw new VfsError('No such file or directory')
    this.dirs.add(abs)
  }

  /** Entries directly inside a directory, sorted as ls sorts them. */
  list(path: string): { name: string; dir: boolean; size: number }[] {
    const abs = this.resolve(path)
    if (!this.dirs.has(abs)) throw new VfsError('No such file or directory')
    const prefix = abs === '/' ? '/' : abs + '/'
    const direct = (p: string) =>
      p.startsWith(prefix) && p.length > prefix.length && !p.slice(prefix.length).includes('/')
    return [
      ...[...this.dirs].filter(direct).map((d) => ({ name: d.slice(prefix.length), dir: true, size: 0 })),
      ...[...this.files]
        .filter(([p]) => direct(p))
        .map(([p, data]) => ({ name: p.slice(prefix.length), dir: false, size: data.length })),
    ].sort((a, b) => (a.name < b.name ? -1 : 1))
  }

  /** Back to an empty home directory (a checkpoint or a shared scenario replaces every file). */
  clear(): void {
    this.files.clear()
    this.modified.clear()
    this.dirs.clear()
    for (const d of ['/', '/home', HOME]) this.dirs.add(d)
    this.cwd = HOME
  }

  /** Every file, for snapshots and share links. */
  entries(): [string, Uint8Array][] {
    return [...this.files]
  }
}
