/** Drives the simulated terminal headlessly: run a line, get stdout, stderr and the exit code. */
import { fromUtf8 } from '@/lib/crypto/bytes'
import { createSession, type Session } from '@/lib/cli/session'
import { emulatorTarget } from '@/lib/sdk/clients'

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

export function cliAgainst(endpoint: string): { session: Session; run(line: string): Promise<Ran> } {
  const session = createSession({ target: emulatorTarget(endpoint), timeZone: 'UTC' })
  return {
    session,
    async run(line) {
      let stdout = ''
      let stderr = ''
      const code = await session.run(line, { out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)), err: (t) => (stderr += t) })
      return { code, stdout, stderr }
    },
  }
}
