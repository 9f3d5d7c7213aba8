/** aws-cli's usage and error texts, byte for byte (awscli/argparser.py, clidriver.py; exit codes from its return-codes page). */
import { closeMatches } from './difflib'

export const EXIT = { ok: 0, s3Failure: 1, usage: 252, service: 254, other: 255, interrupted: 130 } as const

export const USAGE = `usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help
`

/** A usage failure: aws-cli prints it after a blank line and exits 252. */
export class UsageError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(text)
  }
}

export const argparseError = (message: string) => new UsageError(`\n${USAGE}\naws: error: ${message}\n\n`)

export const requiredArguments = (names: string[]) =>
  argparseError(`the following arguments are required: ${names.join(', ')}`)

export const unknownOptions = (args: string[]) => new UsageError(`\n${USAGE}\nUnknown options: ${args.join(', ')}\n\n`)

/** "Invalid choice, valid choices are:" in aws-cli's two columns, with difflib suggestions (cutoff 0.8). */
export function invalidChoice(argument: string, value: string, choices: readonly string[]): UsageError {
  const lines = ['Invalid choice, valid choices are:\n']
  for (let i = 0; i < choices.length; i += 2)
    lines.push(
      choices
        .slice(i, i + 2)
        .map((c) => c.padEnd(40))
        .join(' | '),
    )
  const possible = closeMatches(value, choices, 0.8)
  if (possible.length)
    lines.push(`\n\nInvalid choice: '${value}', maybe you meant:\n`, ...possible.map((w) => `  * ${w}`))
  return argparseError(`argument ${argument}: ${lines.join('\n')}`)
}

/** "Error parsing parameter": raised while turning an argument into an API value. */
export const paramError = (param: string, message: string) =>
  new UsageError(`\nError parsing parameter '${param}': ${message}\n`)
