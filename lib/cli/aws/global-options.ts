/** aws-cli's global options: the one list every reader of a command line uses (the CLI, saved lines, goals, code). */

/** Global options that take a value . */
export const VALUE_OPTIONS = [
  '--endpoint-url',
  '--output',
  '--query',
  '--profile',
  '--region',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
]
export const FLAG_OPTIONS = [
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
  '--cli-auto-prompt',
  '--no-cli-auto-prompt',
  '--version',
]
const VALUE = new Set(VALUE_OPTIONS)
const FLAGS = new Set(FLAG_OPTIONS)

/** A command's arguments without aws-cli's global options, wherever they stand (`--region r`, `--region=r`). */
export function withoutGlobalOptions(args: readonly string[]): string[] {
  const rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (VALUE.has(a.split('=')[0]!)) i += a.includes('=') ? 0 : 1
    else if (!FLAGS.has(a)) rest.push(a)
  }
  return rest
}
