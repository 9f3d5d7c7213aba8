/**
 * `playground time [advance N]`: the emulator's simulated clock, so a lesson can show a key deletion
 * completing or a rotation happening without waiting days. Talks to the emulator's control endpoint.
 */
import { endpointOf } from '../../sdk/clients'
import type { Builtin } from './builtins'
import type { Shell } from './run-line'

const USAGE = 'usage: playground time              show the simulated time\n       playground time advance DAYS  move it forward (e.g. 7 to complete a scheduled key deletion)\n'

export const playgroundCommand: Builtin = async (args, io, sh) => {
  const shell = sh as Shell
  const [topic, verb, amount] = args
  if (topic !== 'time' || (verb !== undefined && verb !== 'advance')) {
    io.err(USAGE)
    return 2
  }
  const endpoint = endpointOf(shell.aws.clients({}).target, 's3')
  if (!endpoint) {
    io.err('playground: the simulated clock belongs to the emulator; the current target is AWS itself.\n')
    return 1
  }
  const days = verb === 'advance' ? Number(amount?.replace(/d(ays?)?$/, '')) : undefined
  if (days !== undefined && !(days > 0)) {
    io.err(USAGE)
    return 2
  }
  const response = await fetch(`${endpoint.replace(/\/$/, '')}/_playground/clock${days ? `?advanceDays=${days}` : ''}`, { method: days ? 'POST' : 'GET' })
  const body = (await response.json()) as { now?: string; offsetDays?: number; error?: string }
  if (!response.ok) {
    io.err(`playground: ${body.error ?? response.statusText}\n`)
    return 1
  }
  io.out(`simulated time: ${body.now} (${body.offsetDays} day(s) ahead of real time)\n`)
  return 0
}
