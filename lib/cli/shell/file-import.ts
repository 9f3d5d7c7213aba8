/**
 * Bringing a real file's bytes into the virtual file system: read as a stream (never one big
 * arrayBuffer plus a copy), into one buffer of the announced size, reporting progress as it goes. And
 * the tree of files, for the Files panel. Framework-free: the browser passes `File.stream()`.
 */
import type { FileSystem } from './vfs'

export interface ImportProgress {
  read: number
  total: number
}

export class ImportError extends Error {
  override name = 'ImportError'
}

/**
 * Reads `stream` (of `size` bytes) fully. `onProgress` is called after each chunk; `signal` stops it.
 * A stream longer or shorter than announced is refused (the file changed while it was read).
 */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  size: number,
  onProgress: (p: ImportProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const out = new Uint8Array(size)
  const reader = stream.getReader()
  let read = 0
  try {
    for (;;) {
      if (signal?.aborted) throw new ImportError('the import was cancelled')
      const { done, value } = await reader.read()
      if (done) break
      if (read + value.length > size) throw new ImportError(`the file grew while it was read (more than ${size} bytes)`)
      out.set(value, read)
      read += value.length
      onProgress({ read, total: size })
    }
  } finally {
    reader.releaseLock()
  }
  if (read !== size) throw new ImportError(`the file was cut short (${read} of ${size} bytes)`)
  return out
}

/** Where a dropped file goes: `name` in `dir`, with path separators and `..` taken out of the name. */
export function importPath(fs: FileSystem, dir: string, name: string): string {
  const safe = name.replace(/[/\\]/g, '_').replace(/^\.+$/, '_') || 'file'
  return fs.resolve(`${fs.resolve(dir)}/${safe}`)
}

export interface TreeEntry {
  path: string
  /** Depth below `/`; directories are listed before what they hold. */
  depth: number
  dir: boolean
  size: number
}

/** Every directory and file under `root`, depth first, as ls sorts them. */
export function fileTree(fs: FileSystem, root = '/', depth = 0, out: TreeEntry[] = []): TreeEntry[] {
  for (const entry of fs.list(root)) {
    const path = root === '/' ? `/${entry.name}` : `${root}/${entry.name}`
    out.push({ path, depth, dir: entry.dir, size: entry.size })
    if (entry.dir) fileTree(fs, path, depth + 1, out)
  }
  return out
}
