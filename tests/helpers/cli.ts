/** Drives the simulated terminal headlessly: run a line, get stdout, stderr and the exit code. */
import { afterAll, beforeAll } from 'vitest'
import { fromUtf8 } from '@/lib/crypto/bytes'
import type { EmulatorOptions } from '@/lib/emulator/create-emulator'
import { startEmulator, type RunningEmulator } from './server'
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
      const code = await session.run(line, {
        out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)),
        err: (t) => (stderr += t),
      })
      return { code, stdout, stderr }
    },
  }
}

/** Runs lines in a fresh session with no reachable service (shell-only tests); returns everything printed. */
export async function shellOnly(
  ...lines: string[]
): Promise<{ out: string; err: string; code: number; session: Session }> {
  const { session, run } = cliAgainst('http://127.0.0.1:9')
  let out = ''
  let err = ''
  let code = 0
  for (const line of lines) {
    const r = await run(line)
    out += r.stdout
    err += r.stderr
    code = r.code
  }
  return { out, err, code, session }
}

/** A test file's emulator (HTTP host on a free port) and a terminal session talking to it. */
export function emulatorCliForFile(options: EmulatorOptions = {}): {
  run(line: string): Promise<Ran>
  readonly endpoint: string
} {
  let running: RunningEmulator | undefined
  let cli: ReturnType<typeof cliAgainst> | undefined
  beforeAll(async () => {
    running = await startEmulator(options)
    cli = cliAgainst(running.endpoint)
  })
  afterAll(() => running?.close())
  return {
    run: (line) => cli!.run(line),
    get endpoint() {
      return running!.endpoint
    },
  }
}
