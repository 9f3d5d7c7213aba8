/** The shape of an `aws s3 <command>` and its argparse-style argument handling. */
import type { AwsEnv, GlobalOptions, Io } from '../io'
import { argparseError, invalidChoice, requiredArguments, unknownOptions, UsageError } from '../usage'

export interface OptionSpec {
  name: string
  /** 'flag' takes no value; 'value' takes one; 'optional' takes one if present (nargs='?'), else `implied`. */
  arity: 'flag' | 'value' | 'optional'
  implied?: string
  /** Allowed values; a function when they come from the API model (so they follow the model in use). */
  choices?: string[] | ((env: AwsEnv) => string[])
}

export interface S3Command {
  name: string
  /** The argparse name of the positional(s) and how many there must be. */
  positional: { name: string; min: number; max: number }
  options: OptionSpec[]
  run(parsed: ParsedS3Args, env: AwsEnv, globals: GlobalOptions, io: Io): Promise<number>
}

export interface ParsedS3Args {
  paths: string[]
  /** The last value of each option. */
  options: Map<string, string | true>
  /** The arguments as given, for options that repeat (--exclude, --include). */
  args: string[]
}

export function parseS3Args(spec: S3Command, args: string[], env: AwsEnv): ParsedS3Args {
  const paths: string[] = []
  const options = new Map<string, string | true>()
  const unknown: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--') || arg === '-') {
      if (paths.length < spec.positional.max) paths.push(arg)
      else unknown.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    const opt = spec.options.find((o) => o.name === name)
    if (!opt) {
      unknown.push(arg)
      continue
    }
    let value: string | true = true
    if (opt.arity !== 'flag') {
      const next = args[i + 1]
      if (eq > 0) value = arg.slice(eq + 1)
      else if (next !== undefined && !next.startsWith('--')) value = args[++i]!
      else if (opt.arity === 'optional') value = opt.implied!
      else throw argparseError(`argument ${name}: expected one argument`)
      const choices = typeof opt.choices === 'function' ? opt.choices(env) : opt.choices
      if (choices && !choices.includes(value)) throw invalidChoice(name, value, choices)
    }
    options.set(name, value)
  }
  if (paths.length < spec.positional.min) throw requiredArguments([spec.positional.name])
  if (unknown.length) throw unknownOptions(unknown)
  return { paths, options, args }
}

/** aws-cli's "Invalid argument type" for a path of the wrong kind, after the command's usage line. */
export const invalidArgumentType = (usage: string) => new UsageError(`\n${usage}\nError: Invalid argument type\n`)

export const stringOption = (p: ParsedS3Args, name: string): string | undefined => {
  const v = p.options.get(name)
  return typeof v === 'string' ? v : undefined
}
