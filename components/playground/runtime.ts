/**
 * The browser runtime, created once per page load and shared by every playground on the site, so
 * state carries over when a learner moves from a lesson to the free playground: the emulator, the MSW
 * worker in front of it, the exchange log and the terminal session.
 */
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { ExchangeLog } from '@/lib/inspector/exchange'
import { createSession, type Session } from '@/lib/cli/session'
import { emulatorTarget } from '@/lib/sdk/clients'

export interface Runtime {
  emulator: Emulator
  log: ExchangeLog
  session: Session
}

let started: Promise<Runtime> | undefined

/** Starts the worker and waits until it controls the page: no request may go out before that. */
export function getRuntime(): Promise<Runtime> {
  // A module-level promise: React StrictMode runs effects twice in development.
  started ??= (async () => {
    const emulator = createEmulator()
    const log = new ExchangeLog()
    const { startEmulatorWorker } = await import('@/lib/adapters/msw/browser')
    await startEmulatorWorker(emulator, log)
    const session = createSession({ target: emulatorTarget() })
    return { emulator, log, session }
  })()
  return started
}
