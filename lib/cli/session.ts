/** A terminal session: files, environment, history and the aws CLI wired to a target, with no UI. */
import { createClients, emulatorTarget, type Clients, type Target } from '../sdk/clients'
import { recordExchanges, type ExchangeSink } from '../sdk/recorder'
import { describeTarget, isRealTarget, toTarget, type TargetConfig, type TargetStore } from '../sdk/target-config'
import { ProfileNotFound } from './aws/profiles'
import type { Io } from './aws/io'
import { runLine, type Shell } from './shell/run-line'
import { Vfs, type FileSystem } from './shell/vfs'

/** The exit status of a command stopped with Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130

export interface SessionOptions {
  /** A fixed target (scripts, tests). */
  target?: Target
  /** The live current target (the page): every command uses what it holds when it runs. */
  targets?: TargetStore
  /** What `--profile emulator` means here: the in-page emulator by default, or the emulator's HTTP host in tests. */
  emulator?: Target
  /** Where exchanges with a real target are recorded (the service worker never sees them). */
  onExchange?: ExchangeSink
  /** Asks the learner a yes/no question in the terminal (destructive commands on a real target). */
  confirm?: (question: string) => Promise<boolean>
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
  const profiles = new Map<string, TargetConfig>()
  const emulator = options.emulator ?? options.target ?? emulatorTarget()
  /** The config a profile names: `default` (or none) is the current target; `emulator` is always the emulator. */
  const configOf = (profile?: string): { target: Target; config?: TargetConfig } => {
    if (profile === 'emulator') return { target: emulator }
    if (profile && profile !== 'default') {
      const config = profiles.get(profile)
      if (!config) throw new ProfileNotFound(profile)
      return { target: toTarget(config), config }
    }
    if (options.targets) {
      const config = options.targets.get()
      return config.kind === 'emulator' ? { target: { ...emulator, region: config.region } } : { target: toTarget(config), config }
    }
    return { target: options.target ?? emulator }
  }
  const clientsFor = ({ endpointUrl, region, profile }: { endpointUrl?: string; region?: string; profile?: string }): Clients => {
    const { target: base, config } = configOf(profile)
    const target = { ...base, ...(endpointUrl ? { endpoint: endpointUrl, endpoints: undefined } : {}), ...(region ? { region } : {}) }
    // The key stays in memory with the clients it names; it holds the credentials, so it is never logged.
    const id = JSON.stringify(target)
    let clients = cache.get(id)
    if (!clients) {
      cache.set(id, (clients = createClients(target)))
      const real = (endpointUrl !== undefined && !/\.emulator\.invalid(:\d+)?(\/|$)/.test(endpointUrl)) || (config !== undefined && isRealTarget(config))
      if (options.onExchange && real) recordExchanges(clients, options.onExchange, endpointUrl ?? (config ? describeTarget(config) : 'custom endpoint'))
    }
    return clients
  }
  const shell: Shell = {
    vfs: options.files ?? new Vfs(),
    env: { HOME: '/home/learner', USER: 'learner', '?': '0' },
    history: [],
    ...(options.clear ? { clear: options.clear } : {}),
    ...(options.tty ? { tty: true } : {}),
    aws: {
      clients: clientsFor,
      config: {},
      profiles,
      ...(options.targets ? { targets: options.targets } : {}),
      ...(options.confirm ? { confirm: options.confirm } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
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
