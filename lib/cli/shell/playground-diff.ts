/**
 * `playground diff aws <command>`: runs one aws command against the emulator and then the real target,
 * and diffs what came back: exit code, each exchange's status and headers (lib/inspector/diff.ts).
 * Differences are either emulator fidelity bugs or CORS hiding a header; both are worth seeing.
 */
import { diffHeaders, PER_REQUEST_HEADERS } from '../../inspector/diff'
import { createClients } from '../../sdk/clients'
import { recordExchanges, type RecordedExchange } from '../../sdk/recorder'
import { isSafelisted } from '../../cors/rules'
import type { AwsEnv, Io } from '../aws/io'
import { runAws } from '../aws/main'
import type { Shell } from './run-line'

interface Run {
  code: number
  stdout: string
  stderr: string
  exchanges: RecordedExchange[]
}

async function runOn(shell: Shell, args: string[], profile: 'emulator' | 'default'): Promise<Run> {
  const target = shell.aws.clients({ profile }).target
  const clients = createClients(target)
  const exchanges: RecordedExchange[] = []
  const label = profile === 'emulator' ? 'emulator' : (shell.aws.realTarget?.({}) ?? 'target')
  recordExchanges(
    clients,
    (e) => {
      exchanges.push(e)
      if (profile === 'default') shell.aws.onExchange?.(e)
    },
    label,
  )
  let stdout = ''
  let stderr = ''
  const env: AwsEnv = {
    ...shell.aws,
    vfs: shell.vfs,
    shellEnv: shell.env,
    clients: () => clients,
    realTarget: () => (profile === 'emulator' ? undefined : label),
  }
  const io: Io = {
    out: (t) => (stdout += typeof t === 'string' ? t : new TextDecoder().decode(t)),
    err: (t) => (stderr += t),
  }
  const code = await runAws(args, env, io)
  return { code, stdout, stderr, exchanges }
}

const errorCode = (stderr: string) => /An error occurred \(([^)]+)\)/.exec(stderr)?.[1]

export async function diffCommand(args: string[], io: Io, shell: Shell): Promise<number> {
  if (args[0] !== 'aws' || args.length < 2) {
    io.err('usage: playground diff aws <command...>   run it on the emulator and on the real target, and compare\n')
    return 2
  }
  if (!shell.aws.realTarget?.({})) {
    io.err('playground diff: the current target is the emulator; switch to a real one first (playground target ...)\n')
    return 1
  }
  const a = await runOn(shell, args.slice(1), 'emulator')
  const b = await runOn(shell, args.slice(1), 'default')
  io.out(
    `emulator: exit ${a.code}${errorCode(a.stderr) ? ` (${errorCode(a.stderr)})` : ''}    target: exit ${b.code}${errorCode(b.stderr) ? ` (${errorCode(b.stderr)})` : ''}\n`,
  )
  const pairs = Math.max(a.exchanges.length, b.exchanges.length)
  let differences = a.code !== b.code || errorCode(a.stderr) !== errorCode(b.stderr) ? 1 : 0
  for (let i = 0; i < pairs; i++) {
    const x = a.exchanges[i]
    const y = b.exchanges[i]
    io.out(
      `\n${x?.operation ?? y?.operation ?? '?'}: status ${x?.status ?? '-'} vs ${y?.status ?? '-'}${y?.blocked ? ' (no readable answer: CORS?)' : ''}\n`,
    )
    if (x?.status !== y?.status) differences++
    const rows = diffHeaders(x?.responseHeaders ?? [], y?.responseHeaders ?? []).filter(
      (r) => r.change !== 'same' && !PER_REQUEST_HEADERS.has(r.name ?? '') && r.name !== 'date',
    )
    for (const r of rows) {
      differences++
      const hidden =
        r.change === 'removed' && !isSafelisted(r.name!)
          ? '   (not readable from the target: not sent, or not in ExposeHeaders)'
          : ''
      io.out(
        `  ${r.change === 'removed' ? '-' : r.change === 'added' ? '+' : '~'} ${r.name}: ${r.a ?? ''}${r.change === 'changed' ? ` → ${r.b}` : (r.b ?? '')}${hidden}\n`,
      )
    }
  }
  io.out(
    differences
      ? `\n${differences} difference(s). Left: the emulator; right: the target.\n`
      : '\nNo differences in status, error codes or headers.\n',
  )
  if (a.stdout !== b.stdout || a.stderr !== b.stderr)
    io.out(`\n--- emulator output\n${a.stdout}${a.stderr}--- target output\n${b.stdout}${b.stderr}`)
  return differences ? 1 : 0
}
