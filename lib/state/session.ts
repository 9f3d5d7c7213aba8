/**
 * The terminal session as saved data: working directory, environment, history, aws configuration and
 * files. Secrets are left out (secrets.ts): a saved session can be exported and handed around.
 */
import type { Shell } from '../cli/shell/run-line'
import { fromBase64, toBase64 } from '../crypto/bytes'
import { safeSession } from './secrets'

export interface SavedSession {
  cwd: string
  env: Record<string, string>
  history: string[]
  awsConfig: Record<string, string>
  dirs: string[]
  files: SavedFile[]
  /** Files left out because they held a secret; listed so the learner knows why they are missing. */
  omitted: string[]
}

/** A saved file: its bytes inline (exports, links), or the name of a stored part (the browser's own save: stored-parts.ts). */
export type SavedFile = { path: string; base64: string } | { path: string; part: string }

/** Names a file's bytes kept apart from the document, or returns undefined to keep them inline. */
export type FileExternalizer = (bytes: Uint8Array) => string | undefined

export type SessionShell = Pick<Shell, 'vfs' | 'env' | 'history' | 'aws'>

/** Every directory and file under `/`, depth first. */
function walk(shell: SessionShell, dir = '/', out = { dirs: [] as string[], files: [] as string[] }) {
  for (const entry of shell.vfs.list(dir)) {
    const path = dir === '/' ? `/${entry.name}` : `${dir}/${entry.name}`
    if (entry.dir) {
      out.dirs.push(path)
      walk(shell, path, out)
    } else out.files.push(path)
  }
  return out
}

/**
 * Whether an absolute path is one of the secret files history named. A relative name was typed in some
 * directory the history does not record, so any file whose path ends with it counts (more left out, never less).
 */
function secretPaths(typed: string[], resolve: (path: string) => string): (path: string) => boolean {
  const exact = new Set(typed.map(resolve))
  const tails = typed.filter((t) => !t.startsWith('/')).map((t) => '/' + t.replace(/^(\.\.?\/)+/, ''))
  return (path) => exact.has(path) || tails.some((t) => path.endsWith(t))
}

export function captureSession(shell: SessionShell, external?: FileExternalizer): SavedSession {
  const safe = safeSession(shell.history, shell.env)
  const secretFiles = secretPaths(safe.files, (f) => shell.vfs.resolve(f))
  const { dirs, files } = walk(shell)
  const config = (shell.aws as { config?: Record<string, string | undefined> }).config ?? {}
  return {
    cwd: shell.vfs.cwd,
    env: safe.env,
    history: safe.history,
    // Only the session's own settings: credentials set with `aws configure set` live in the target, in memory.
    awsConfig: Object.fromEntries(
      Object.entries(config).filter(
        (e): e is [string, string] => (e[0] === 'region' || e[0] === 'output') && typeof e[1] === 'string',
      ),
    ),
    dirs,
    files: files
      .filter((f) => !secretFiles(f))
      .map((path) => {
        const bytes = shell.vfs.read(path)
        const part = external?.(bytes)
        return part ? { path, part } : { path, base64: toBase64(bytes) }
      }),
    omitted: files.filter(secretFiles),
  }
}

/**
 * A saved session read from outside (an imported file, a record written by an older version) passed
 * through the same filter as a capture: its history and variables keep only what is safe, and files it
 * used as secrets are left out. Idempotent on what captureSession wrote.
 */
export function safeSavedSession(saved: SavedSession): SavedSession {
  const safe = safeSession(saved.history, saved.env)
  const cwd = saved.cwd.endsWith('/') ? saved.cwd : `${saved.cwd}/`
  const secret = secretPaths(safe.files, (f) => (f.startsWith('/') ? f : cwd + f))
  const omitted = saved.files.filter((f) => secret(f.path)).map((f) => f.path)
  return {
    ...saved,
    history: safe.history,
    env: safe.env,
    files: saved.files.filter((f) => !secret(f.path)),
    omitted: [...(saved.omitted ?? []), ...omitted],
  }
}

/** Puts a saved session into a live shell (its files are added to what is there); `parts` holds stored parts by name. */
export function applySession(saved: SavedSession, shell: SessionShell, parts?: ReadonlyMap<string, Uint8Array>): void {
  for (const dir of [...saved.dirs].sort((a, b) => a.length - b.length)) if (!shell.vfs.isDir(dir)) shell.vfs.mkdir(dir)
  for (const f of saved.files) {
    const bytes = 'part' in f ? parts?.get(f.part) : fromBase64(f.base64)
    if (!bytes)
      throw new Error(
        'part' in f
          ? `the saved file ${f.path} is missing from storage`
          : `the saved file ${f.path} holds invalid base64`,
      )
    shell.vfs.write(f.path, bytes)
  }
  if (shell.vfs.isDir(saved.cwd)) shell.vfs.cwd = saved.cwd
  for (const k of Object.keys(shell.env)) delete shell.env[k]
  Object.assign(shell.env, saved.env)
  shell.history.splice(0, shell.history.length, ...saved.history)
  const config = (shell.aws as { config?: Record<string, string> }).config
  if (config) Object.assign(config, saved.awsConfig)
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string')

/** Why `value` is not a saved session, or undefined when it is one. */
export function sessionProblem(value: unknown): string | undefined {
  const s = value as Partial<SavedSession> | null
  if (typeof s !== 'object' || s === null) return 'the terminal session is missing'
  if (typeof s.cwd !== 'string') return 'the working directory is missing'
  if (!isStringMap(s.env)) return 'the environment is not a map of strings'
  if (!isStrings(s.history)) return 'the history is not a list of lines'
  if (!isStringMap(s.awsConfig ?? {})) return 'the aws configuration is not a map of strings'
  if (!isStrings(s.dirs)) return 'the directory list is damaged'
  const fileOk = (f: Partial<{ path: string; base64: string; part: string }> | null) =>
    typeof f?.path === 'string' && (typeof f.base64 === 'string' || typeof f.part === 'string')
  if (!Array.isArray(s.files) || !s.files.every(fileOk)) return 'the file list is damaged'
  return undefined
}
