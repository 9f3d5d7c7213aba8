/**
 * `playground ...`: what the playground adds to the shell.
 *   time [advance N]   the emulator's simulated clock (key deletions, rotations without waiting days)
 *   target ...         where requests go: the emulator, AWS, or a custom S3-compatible endpoint
 *   cors [check]       the CORS doctor for a real bucket
 *   diff aws ...       one command on the emulator and on the real target, compared
 *   cleanup            delete what the playground created on the real target
 *   code LANG aws ...  the command as boto3, JavaScript, Java or Go code
 */
import { endpointOf } from '../../sdk/clients'
import type { Builtin } from './builtins'
import type { Shell } from './run-line'
import { targetCommand, TARGET_USAGE } from './playground-target'
import { corsCommand } from './playground-cors'
import { cleanupCommand } from './playground-cleanup'
import { diffCommand } from './playground-diff'
import { codeCommand, CODE_USAGE } from './playground-code'

const TIME_USAGE =
  'usage: playground time              show the simulated time\n       playground time advance DAYS  move it forward (e.g. 7 to complete a scheduled key deletion)\n'
const USAGE = `${TIME_USAGE}${TARGET_USAGE}usage: playground cors [check] [--bucket B] [--origin O] [--explicit-headers]
usage: playground diff aws <command...>
usage: playground cleanup [--dry-run]
${CODE_USAGE}`

export const playgroundCommand: Builtin = async (args, io, sh) => {
  const shell = sh as Shell
  const [topic, ...rest] = args
  if (topic === 'target') return targetCommand(rest, io, shell)
  if (topic === 'cors') return corsCommand(rest, io, shell)
  if (topic === 'diff') return diffCommand(rest, io, shell)
  if (topic === 'cleanup') return cleanupCommand(rest, io, shell)
  if (topic === 'code') return codeCommand(rest, io, shell)
  if (topic !== 'time') {
    io.err(USAGE)
    return 2
  }
  const [verb, amount] = rest
  if (verb !== undefined && verb !== 'advance') {
    io.err(TIME_USAGE)
    return 2
  }
  if (shell.aws.realTarget?.({})) {
    io.err('playground: the simulated clock belongs to the emulator; the current target is a real endpoint.\n')
    return 1
  }
  const endpoint = endpointOf(shell.aws.clients({}).target, 's3')
  if (!endpoint) {
    io.err('playground: the simulated clock belongs to the emulator; the current target is AWS itself.\n')
    return 1
  }
  const days = verb === 'advance' ? Number(amount?.replace(/d(ays?)?$/, '')) : undefined
  if (days !== undefined && !(days > 0)) {
    io.err(TIME_USAGE)
    return 2
  }
  const response = await fetch(
    `${endpoint.replace(/\/$/, '')}/_playground/clock${days ? `?advanceDays=${days}` : ''}`,
    { method: days ? 'POST' : 'GET' },
  )
  // A strict-mode server refuses the clock without the S3 credential, in S3's XML rather than JSON.
  const text = await response.text()
  let body: { now?: string; offsetDays?: number; error?: string } = {}
  try {
    body = JSON.parse(text) as typeof body
  } catch {
    body = { error: /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `HTTP ${response.status}` }
  }
  if (!response.ok) {
    io.err(`playground: ${body.error ?? response.statusText}\n`)
    return 1
  }
  io.out(`simulated time: ${body.now} (${body.offsetDays} day(s) ahead of real time)\n`)
  return 0
}
