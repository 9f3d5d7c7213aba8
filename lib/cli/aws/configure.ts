/**
 * `aws configure list | get | set`: the session's region and output format. The playground keeps them
 * in the session (nothing is written to a credentials file); credentials come from the current target.
 */
import type { AwsEnv, Io } from './io'
import { EXIT, argparseError, invalidChoice } from './usage'

const SETTABLE = ['region', 'output']

const row = (name: string, value: string, type: string, location: string) =>
  `${name.padStart(10)} ${value.padStart(24)} ${type.padStart(16)}    ${location}\n`

const mask = (secret: string) => '*'.repeat(16) + secret.slice(-4)

export function runConfigure(args: string[], env: AwsEnv, io: Io): number {
  const [sub, name, value] = args
  const config = env.config
  if (sub === 'list') {
    const target = env.clients({}).target
    io.out(row('Name', 'Value', 'Type', 'Location'))
    io.out(row('----', '-----', '----', '--------'))
    io.out(row('profile', '<not set>', 'None', 'None'))
    io.out(row('access_key', mask(target.credentials.accessKeyId), 'playground', ''))
    io.out(row('secret_key', mask(target.credentials.secretAccessKey), 'playground', ''))
    io.out(config.region ? row('region', config.region, 'config-file', '~/.aws/config') : row('region', target.region, 'playground', ''))
    return EXIT.ok
  }
  if (sub === 'get') {
    if (name === undefined) throw argparseError('the following arguments are required: varname')
    const v = config[name as keyof typeof config]
    if (v === undefined) return EXIT.s3Failure // aws-cli prints nothing and exits 1 for an unset value
    io.out(`${v}\n`)
    return EXIT.ok
  }
  if (sub === 'set') {
    if (name === undefined || value === undefined) throw argparseError('the following arguments are required: varname, value')
    if (!SETTABLE.includes(name)) {
      io.err(`\nThe playground keeps only region and output in its configuration; "${name}" was not set.\n`)
      return EXIT.other
    }
    config[name as 'region' | 'output'] = value
    return EXIT.ok
  }
  throw invalidChoice('subcommand', sub ?? '', ['list', 'get', 'set'])
}
