/** The one MSW worker of the app (public/emulator-worker.js: MSW's, kept to the emulator's hosts). Start it, and wait for it, before any request is sent. */
import { setupWorker } from 'msw/browser'
import type { Emulator } from '../../emulator/create-emulator'
import type { ExchangeLog } from '../../inspector/exchange'
import { createHandlers } from './handlers'

export async function startEmulatorWorker(
  emulator: Emulator,
  log: ExchangeLog,
  workerUrl = '/emulator-worker.js',
): Promise<void> {
  const worker = setupWorker(...createHandlers(emulator, log))
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true, serviceWorker: { url: workerUrl } })
}
