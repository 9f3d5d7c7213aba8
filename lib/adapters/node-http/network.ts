/** What `npm run emulator` says about who can reach it, when that is more than this machine's own pages. */
import { hostName, isLoopbackName } from '../../protocol/origins'

export function networkWarnings(options: { host: string; strict: boolean; cors?: string }): string[] {
  const warnings: string[] = []
  if (!isLoopbackName(hostName(options.host)) && !isLoopbackName(options.host))
    warnings.push(
      `WARNING: listening on ${options.host}, not only on this machine: anyone who can reach this address can read,` +
        ` write and decrypt everything here${options.strict ? ' with the strict-mode credential' : ', with no credential at all (consider --strict)'}.`,
    )
  if (options.cors === 'permissive')
    warnings.push(
      'WARNING: --cors permissive: every web page you visit can read and write this emulator through your browser.',
    )
  return warnings
}
