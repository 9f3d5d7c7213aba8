/** A terminal session: files, environment, history and the aws CLI wired to a target, with no UI. */
import { createClients, emulatorTarget, type Clients, type Target } from '../sdk/clients'
import { recordExchanges, type ExchangeSink } from '../sdk/recorder'
import { describeTarget, isRealTarget, TargetStore, toTarget, type TargetConfig } from '../sdk/target-config'
import { CreatedResources, trackCreations } from '../sdk/tracker'
import { ProfileNotFound } from './aws/profiles'
import type { Io } from './aws/io'
import { INTERRUPTED_CODE } from './interrupt'
import { runLine, type Shell } from './shell/run-line'
import { Vfs, type FileSystem } from './shell/vfs'

/** The exit status of a command stopped with Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = INTERRUPTED_CODE

/** How long a line waits for a stopped command to finish its cleanup (an AbortMultipartUpload) before it runs anyway. */
export const CLEANUP_WAIT_MS = 10_000

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
  /** The page's Content-Security-Policy (a meta tag in the static build): explains connections it refuses. */
  connectPolicy?: string
  /** The page's origin, when commands run in a page (components pass it in: lib/ never reads `location`). */
  pageOrigin?: string
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
   * and the line ends at once with exit code 130, as a shell reports SIGINT; the command sees the signal
   * (`io.signal`) and cleans up on its way out, and the next line waits for that cleanup (`settled`).
   */
  run(line: string, io: Io, signal?: AbortSignal): Promise<number>
  /** Resolves when every command started so far has ended, a stopped one's cleanup included. */
  settled(): Promise<void>
  /** What `clear` (and Ctrl-L) does: the terminal sets this. */
  setClear(clear: () => void): void
  /** The terminal's width, for table output. */
  setColumns(columns: number): void
  /** How the terminal asks a yes/no question (destructive commands on a real target). */
  setConfirm(confirm: (question: string) => Promise<boolean>): void
  /** The target the session's `default` profile uses (the page passes its own `currentTarget`). */
  targets: TargetStore
  /** What the playground created on real targets, for `playground cleanup`. */
  created: CreatedResources
}

export function createSession(options: SessionOptions): Session {
  const cache = new Map<string, Clients>()
  const profiles = new Map<string, TargetConfig>()
  const targets = options.targets ?? new TargetStore()
  const created = new CreatedResources()
  const emulator = options.emulator ?? options.target ?? emulatorTarget()
  /** The config a profile names: `default` (or none) is the current target; `emulator` is always the emulator. */
  const configOf = (profile?: string): { target: Target; config?: TargetConfig } => {
    if (profile === 'emulator') return { target: emulator }
    if (profile && profile !== 'default') {
      const config = profiles.get(profile)
      if (!config) throw new ProfileNotFound(profile)
      return { target: toTarget(config), config }
    }
    const config = targets.get()
    if (config.kind !== 'emulator') return { target: toTarget(config), config }
    return { target: options.target ?? (options.targets ? { ...emulator, region: config.region } : emulator) }
  }
  const isEmulatorUrl = (url: string) => /\.emulator\.invalid(:\d+)?(\/|$)/.test(url)
  const realTarget = ({
    endpointUrl,
    profile,
  }: {
    endpointUrl?: string
    region?: string
    profile?: string
  }): string | undefined => {
    if (endpointUrl !== undefined)
      return isEmulatorUrl(endpointUrl) || endpointUrl.replace(/\/$/, '') === emulator.endpoint?.replace(/\/$/, '')
        ? undefined
        : endpointUrl
    const { config } = configOf(profile)
    return config && isRealTarget(config) ? describeTarget(config) : undefined
  }
  const clientsFor = ({
    endpointUrl,
    region,
    profile,
  }: {
    endpointUrl?: string
    region?: string
    profile?: string
  }): Clients => {
    const { target: base, config } = configOf(profile)
    // request_checksum_calculation = when_required: uploads carry a checksum only where the operation requires one.
    const whenRequired = shell.aws?.config.request_checksum_calculation?.toLowerCase() === 'when_required'
    const target = {
      ...base,
      ...(endpointUrl ? { endpoint: endpointUrl, endpoints: undefined } : {}),
      ...(region ? { region } : {}),
      ...(whenRequired ? { requestChecksums: 'WHEN_REQUIRED' as const } : {}),
    }
    // The key stays in memory with the clients it names; it holds the credentials, so it is never logged.
    const id = JSON.stringify(target)
    let clients = cache.get(id)
    if (!clients) {
      cache.set(id, (clients = createClients(target)))
      const real =
        realTarget({
          ...(endpointUrl !== undefined ? { endpointUrl } : {}),
          ...(profile !== undefined ? { profile } : {}),
        }) !== undefined
      if (options.onExchange && real)
        recordExchanges(
          clients,
          options.onExchange,
          endpointUrl ?? (config ? describeTarget(config) : 'custom endpoint'),
        )
      if (real) trackCreations(clients, created)
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
      realTarget,
      ...(options.onExchange ? { onExchange: options.onExchange } : {}),
      config: {},
      profiles,
      targets,
      created,
      ...(options.confirm ? { confirm: options.confirm } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.connectPolicy ? { connectPolicy: options.connectPolicy } : {}),
      ...(options.pageOrigin ? { pageOrigin: options.pageOrigin } : {}),
    },
  }
  // The last command's end: after Ctrl-C it may still be aborting an upload when the prompt is back.
  let cleanup: Promise<void> = Promise.resolve()
  const waitForCleanup = () => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_WAIT_MS)))
    return Promise.race([cleanup, late]).finally(() => clearTimeout(timer))
  }
  return {
    shell,
    targets,
    created,
    setConfirm(confirm) {
      shell.aws.confirm = confirm
    },
    setClear(clear) {
      shell.clear = clear
    },
    setColumns(columns) {
      shell.aws.columns = columns
    },
    settled: () => cleanup,
    async run(line, io, signal) {
      if (line.trim()) shell.history.push(line)
      await waitForCleanup()
      if (!signal) return runLine(shell, line, io)
      let live = true
      const guarded: Io = { out: (t) => live && io.out(t), err: (t) => live && io.err(t), signal }
      const interrupted = new Promise<number>((resolve) =>
        signal.addEventListener('abort', () => resolve(INTERRUPTED), { once: true }),
      )
      const running = runLine(shell, line, guarded)
      cleanup = running.then(
        () => undefined,
        () => undefined,
      )
      return Promise.race([running, interrupted]).then((code) => {
        live = false
        if (code === INTERRUPTED) shell.env['?'] = String(INTERRUPTED)
        return code
      })
    },
  }
}
