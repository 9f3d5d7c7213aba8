/** The real file system behind the CLI's FileSystem interface, for `npm run aws` in a terminal. */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { relative, resolve as resolvePath } from 'node:path'
import { homedir } from 'node:os'
import { VfsError, type FileSystem } from '../../cli/shell/vfs'

const MESSAGES: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  EACCES: 'Permission denied',
}

function wrap<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? ''
    throw new VfsError(MESSAGES[code] ?? (e as Error).message)
  }
}

export class NodeFileSystem implements FileSystem {
  cwd = process.cwd()

  resolve(path: string): string {
    return resolvePath(this.cwd, path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path)
  }
  display(path: string): string {
    const rel = relative(this.cwd, this.resolve(path))
    return rel.startsWith('..') ? this.resolve(path) : rel
  }
  isFile = (path: string) => existsSync(this.resolve(path)) && statSync(this.resolve(path)).isFile()
  isDir = (path: string) => existsSync(this.resolve(path)) && statSync(this.resolve(path)).isDirectory()
  exists = (path: string) => existsSync(this.resolve(path))
  read(path: string): Uint8Array {
    if (this.isDir(path)) throw new VfsError('Is a directory')
    return wrap(() => new Uint8Array(readFileSync(this.resolve(path))))
  }
  write(path: string, data: Uint8Array, append = false): void {
    wrap(() => (append ? appendFileSync : writeFileSync)(this.resolve(path), data))
  }
  remove(path: string): void {
    if (this.isDir(path)) throw new VfsError('Is a directory')
    wrap(() => rmSync(this.resolve(path)))
  }
  stat(path: string) {
    return wrap(() => {
      const st = statSync(this.resolve(path))
      return { size: st.size, mtime: st.mtime }
    })
  }
  mkdir(path: string): void {
    wrap(() => mkdirSync(this.resolve(path)))
  }
  list(path: string) {
    return wrap(() =>
      readdirSync(this.resolve(path), { withFileTypes: true })
        .map((d) => ({
          name: d.name,
          dir: d.isDirectory(),
          size: d.isFile() ? statSync(resolvePath(this.resolve(path), d.name)).size : 0,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    )
  }
}
