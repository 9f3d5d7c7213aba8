/**
 * `playground target [emulator | aws [REGION] | custom URL [--path-style|--virtual-style] [--region R] | bucket NAME]`:
 * show or switch where the terminal (and the scratchpad, and the panels) send requests. Credentials are
 * set with `aws configure set aws_access_key_id ...` or the Target panel, never on this line.
 */
import type { Io } from '../aws/io'
import {
  credentialKind,
  credentialWarnings,
  describeTarget,
  endpointLabel,
  targetProblem,
  type TargetConfig,
} from '../../sdk/target-config'
import type { Shell } from './run-line'

export const TARGET_USAGE = `usage: playground target                         show the current target
       playground target emulator                the in-browser emulator (the default)
       playground target aws [REGION]            Amazon S3 and KMS in REGION, with your credentials
       playground target custom URL [--path-style|--virtual-style] [--region R]
                                                 an S3-compatible endpoint (MinIO, LocalStack, moto, npm run emulator)
       playground target bucket NAME             your sandbox bucket on the real target
credentials: aws configure set aws_access_key_id ID / aws_secret_access_key KEY / aws_session_token TOKEN
`

const maskId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…')

export function showTarget(config: TargetConfig, io: Io): void {
  io.out(`target:      ${describeTarget(config)}\n`)
  if (config.kind === 'emulator') return
  io.out(`endpoint:    ${endpointLabel(config)}\n`)
  const kind = credentialKind(config.credentials)
  const id = config.credentials?.accessKeyId
  io.out(
    `credentials: ${kind === 'none' ? 'none set' : `${maskId(id!)} (${kind}${config.credentials?.sessionToken ? ', with session token' : ''}), in memory only`}\n`,
  )
  if (!config.sandboxBucket)
    io.out('sandbox:     not named (playground target bucket NAME): a page cannot list your buckets\n')
  for (const w of credentialWarnings(config)) io.out(`warning:     ${w}\n`)
}

export function targetCommand(args: string[], io: Io, shell: Shell): number {
  const store = shell.aws.targets
  if (!store) {
    io.err('playground: this terminal has a fixed target\n')
    return 1
  }
  const [kind, value, ...rest] = args
  const current = store.get()
  if (kind === undefined) {
    showTarget(current, io)
    return 0
  }
  const flag = (name: string) => rest.includes(name) || value === name
  const option = (name: string) => {
    const all = [value, ...rest]
    const i = all.indexOf(name)
    return i >= 0 ? all[i + 1] : undefined
  }
  let next: TargetConfig
  if (kind === 'emulator')
    next = {
      kind: 'emulator',
      region: current.region,
      forcePathStyle: true,
      ...(current.credentials ? { credentials: current.credentials } : {}),
    }
  else if (kind === 'aws')
    next = {
      ...current,
      kind: 'aws',
      region: value && !value.startsWith('--') ? value : current.region,
      forcePathStyle: false,
      endpoint: undefined,
    }
  else if (kind === 'custom') {
    if (!value || value.startsWith('--')) {
      io.err(TARGET_USAGE)
      return 2
    }
    next = {
      ...current,
      kind: 'custom',
      endpoint: value,
      region: option('--region') ?? current.region,
      forcePathStyle: !flag('--virtual-style'),
    }
  } else if (kind === 'bucket') {
    if (!value) {
      io.err(TARGET_USAGE)
      return 2
    }
    next = { ...current, sandboxBucket: value }
  } else {
    io.err(TARGET_USAGE)
    return 2
  }
  const problem = targetProblem(next)
  if (problem) {
    io.err(`playground: ${problem}\n`)
    return 1
  }
  store.set(next)
  showTarget(next, io)
  return 0
}
