/**
 * A fresh emulator behind the page's own MSW handlers (msw/node), and a terminal session with the page's
 * target: commands go to `https://*.emulator.invalid` (or `http://` with --endpoint-url) exactly as in the
 * browser. The lesson tests run every lesson this way. Call `pagePlaygroundNetwork()` once per test file.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import { createHandlers } from '@/lib/adapters/msw/handlers'
import { createSession, type Session } from '@/lib/cli/session'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { ExchangeLog } from '@/lib/inspector/exchange'
import { emulatorTarget } from '@/lib/sdk/clients'
import type { Ran } from './cli'

export function pagePlaygroundNetwork() {
  const network = setupServer()
  beforeAll(() => network.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => network.close())
  /** Replaces the previous playground: one at a time per test file. */
  return function freshPlayground(): { emulator: Emulator; session: Session; run(line: string): Promise<Ran> } {
    const emulator = createEmulator()
    network.resetHandlers(...createHandlers(emulator, new ExchangeLog()))
    const session = createSession({ target: emulatorTarget(), timeZone: 'UTC' })
    return {
      emulator,
      session,
      async run(line) {
        let stdout = ''
        let stderr = ''
        const code = await session.run(line, {
          out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)),
          err: (t) => (stderr += t),
        })
        return { code, stdout, stderr }
      },
    }
  }
}
