/** A terminal session: files, environment, history and the aws CLI wired to a target, with no UI. */
import { createClients, type Clients, type Target } from '../sdk/clients'
import type { Io } from './aws/io'
import { runLine, type Shell } from './shell/run-line'
import { Vfs, type FileSystem } from './shell/vfs'

/** The exit status of a command stopped with Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130

export interface SessionOptions {
  target: Target
  timeZone?: string
  clear?: () => void
  /** The files commands see; an in-memory tree by default. */
  files?: FileSystem
  /** Output is shown in a terminal (ls columns and colours). */
  tty?: boolean
}

export interface Session {
  shell: Shell
  /**
   * Runs a line and records it in the history. When `signal` aborts (Ctrl-C) the command's output stops
   * and the line ends with exit code 130, as a shell reports SIGINT.
   */
  run(line: string, io: Io, signal?: AbortSignal): Promise<number>
  /** What `clear` (and Ctrl-L) does: the terminal sets this. */
  setClear(clear: () => void): void
  /** The terminal's width, for table output. */
  setColumns(columns: number): void
}

export function createSession(options: SessionOptions): Session {
  const cache = new Map<string, Clients>()
  const clientsFor = ({ endpointUrl, region }: { endpointUrl?: string; region?: string }): Clients => {
    const target = { ...options.target, ...(endpointUrl ? { endpoint: endpointUrl } : {}), ...(region ? { region } : {}) }
    const id = JSON.stringify([target.endpoint, target.endpoints, target.region])
    let clients = cache.get(id)
    if (!clients) cache.set(id, (clients = createClients(target)))
    return clients
  }
  const shell: Shell = {
    vfs: options.files ?? new Vfs(),
    env: { HOME: '/home/learner', USER: 'learner', '?': '0' },
    history: [],
    ...(options.clear ? { clear: options.clear } : {}),
    ...(options.tty ? { tty: true } : {}),
    aws: { clients: clientsFor, config: {}, ...(options.timeZone ? { timeZone: options.timeZone } : {}) },
  }
  return {
    shell,
    setClear(clear) {
      shell.clear = clear
    },
    setColumns(columns) {
      shell.aws.columns = columns
    },
    run(line, io, signal) {
      if (line.trim()) shell.history.push(line)
      if (!signal) return runLine(shell, line, io)
      let live = true
      const guarded: Io = { out: (t) => live && io.out(t), err: (t) => live && io.err(t) }
      const interrupted = new Promise<number>((resolve) => signal.addEventListener('abort', () => resolve(INTERRUPTED), { once: true }))
      return Promise.race([runLine(shell, line, guarded), interrupted]).then((code) => {
        live = false
        if (code === INTERRUPTED) shell.env['?'] = String(INTERRUPTED)
        return code
      })
    },
  }
}
