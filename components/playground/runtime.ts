/**
 * The browser runtime, created once per page load and shared by every playground on the site, so
 * state carries over when a learner moves from a lesson to the free playground: the emulator, the MSW
 * worker in front of it, the exchange log, the terminal session, and the persistence that keeps them
 * all in IndexedDB across reloads.
 */
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { DecisionLog } from '@/lib/inspector/decision-log'
import { ExchangeLog } from '@/lib/inspector/exchange'
import { createSession, type Session } from '@/lib/cli/session'
import { emulatorTarget } from '@/lib/sdk/clients'
import { Checkpoints, memoryCheckpointStore } from '@/lib/state/checkpoints'
import { idbCheckpointStore } from './state/checkpoint-idb'
import { currentTarget } from '@/lib/sdk/target-config'
import { restoreRememberedTarget } from './target/remember'
import { fetchSentHeaders } from '@/lib/sdk/sent-headers'
import type { RecordedExchange } from '@/lib/sdk/recorder'
import { idbStore } from './state/idb'
import { openSharedLink, type SharedOpen } from './state/open-shared'
import { linkTabs } from './state/other-tabs'
import { startPersistence, type Persistence } from './state/persistence'
import { emulatorChanged } from './use-emulator'
import { durableOutput } from '@/lib/state/durable-output'
import { pageConnectPolicy, pageOrigin } from './page-policy'
import { installDigestWorker } from './digest-worker-port'

export interface Runtime {
  emulator: Emulator
  log: ExchangeLog
  /** Bucket-policy decisions with the evaluator's explanations (the Policy panel, and each exchange). */
  policies: DecisionLog
  session: Session
  persistence: Persistence
  /** Named checkpoints (and each lesson's starting point), kept in IndexedDB beside the saved state. */
  checkpoints: Checkpoints
  /** Set when the page was opened from a share link: what it rebuilt, and what it could not. */
  shared?: SharedOpen
}

let started: Promise<Runtime> | undefined

/** A real-target exchange for the inspector; a custom endpoint that can say what it sent is asked, so CORS-hidden headers show exactly. */
function recordReal(log: ExchangeLog, exchange: RecordedExchange) {
  const added = log.add(exchange)
  const config = currentTarget.get()
  if (config.kind === 'custom' && config.endpoint && exchange.requestId && !exchange.blocked)
    void fetchSentHeaders(config.endpoint, exchange.requestId, fetch, {
      region: config.region,
      credentials: {
        accessKeyId: config.credentials?.accessKeyId ?? '',
        secretAccessKey: config.credentials?.secretAccessKey ?? '',
        ...(config.credentials?.sessionToken ? { sessionToken: config.credentials.sessionToken } : {}),
      },
    }).then((sentHeaders) => sentHeaders && log.update(added.id, { sentHeaders }))
}

/**
 * Saves after every request (emulator state) and with every command: a command's output is shown only once
 * the state it reports is saved, and the prompt comes back only when the whole command is (durable-output.ts).
 * Changes made outside commands (the scratchpad, imports) are saved a moment later, and at once when the page
 * is hidden or left. After a command the panels look again too: `playground clock` changes state without a
 * request event.
 */
function autosave(runtime: Pick<Runtime, 'emulator' | 'session' | 'persistence'>) {
  const { emulator, session, persistence } = runtime
  emulator.events.subscribe(() => persistence.schedule())
  const run = session.run.bind(session)
  session.run = async (line, io, signal) => {
    persistence.hold()
    const durable = durableOutput(io, () => persistence.saveNow())
    try {
      return await run(line, durable.io, signal)
    } finally {
      persistence.release()
      emulatorChanged(emulator)
      // Ctrl-C gives the prompt back at once, before any save: the stopped command is still cleaning up (an
      // upload being aborted), which schedules its own save; the next line waits for that cleanup
      // (session.settled), and its output for a save after it.
      if (!signal?.aborted) await durable.drained()
    }
  }
  // pagehide covers reloads and closed tabs; a hidden tab may be discarded or killed without one.
  window.addEventListener('pagehide', () => void persistence.saveNow())
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void persistence.saveNow()
  })
}

/** Starts the worker and waits until it controls the page: no request may go out before that. */
export function getRuntime(): Promise<Runtime> {
  // A module-level promise: React StrictMode runs effects twice in development.
  started ??= (async () => {
    installDigestWorker()
    const emulator = createEmulator()
    const log = new ExchangeLog()
    const policies = new DecisionLog()
    emulator.events.subscribe((event) => policies.record(event))
    // A real target and its credentials come back only from this tab's sessionStorage, when the learner opted in.
    restoreRememberedTarget(currentTarget)
    const connectPolicy = pageConnectPolicy()
    const origin = pageOrigin()
    const session = createSession({
      emulator: emulatorTarget(),
      targets: currentTarget,
      onExchange: (e) => recordReal(log, e),
      tty: true,
      ...(connectPolicy ? { connectPolicy } : {}),
      ...(origin ? { pageOrigin: origin } : {}),
    })
    // Restore before the worker starts, so no request ever sees a half-restored emulator.
    const persistence = await startPersistence(
      emulator,
      session.shell,
      typeof indexedDB === 'undefined' ? undefined : idbStore,
    )
    const { startEmulatorWorker } = await import('@/lib/adapters/msw/browser')
    await startEmulatorWorker(emulator, log)
    autosave({ emulator, session, persistence })
    linkTabs(persistence)
    const checkpoints = new Checkpoints({
      store: typeof indexedDB === 'undefined' ? memoryCheckpointStore() : idbCheckpointStore,
      capture: () => persistence.exportText(),
      restore: (text) => persistence.replaceWith(text, () => emulatorChanged(emulator)),
    })
    const shared = await openSharedLink(persistence, checkpoints)
    return { emulator, log, policies, session, persistence, checkpoints, ...(shared ? { shared } : {}) }
  })()
  return started
}
