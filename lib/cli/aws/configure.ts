/**
 * `aws configure list | get | set`. Region, output and request_checksum_calculation live in the session; the target
 * settings (`endpoint_url`, `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`,
 * `s3.addressing_style`) change the current target or a named profile (`--profile NAME`), in memory only:
 * nothing is written to a credentials file, IndexedDB or an export, and secrets never echo back.
 */
import { EMULATOR_CONFIG, type TargetConfig } from '../../sdk/target-config'
import type { AwsEnv, Io } from './io'
import { EXIT, argparseError, invalidChoice } from './usage'

const SESSION_SETTINGS = ['region', 'output', 'request_checksum_calculation']
// botocore's accepted values; aws-cli v2 defaults to when_supported (a CRC32 on every PutObject and UploadPart).
const CHECKSUM_CALCULATION = ['when_supported', 'when_required']
const TARGET_SETTINGS = [
  'endpoint_url',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  's3.addressing_style',
  'sandbox_bucket',
]
const SECRET_SETTINGS = ['aws_secret_access_key', 'aws_session_token']

const row = (name: string, value: string, type: string, location: string) =>
  `${name.padStart(10)} ${value.padStart(24)} ${type.padStart(16)}    ${location}\n`

const mask = (secret: string) => '*'.repeat(16) + secret.slice(-4)

/** A profile's config (the current target for `default`), created on first `set` for a new name. */
function profileConfig(env: AwsEnv, profile: string | undefined): TargetConfig | undefined {
  if (!profile || profile === 'default') return env.targets?.get()
  return env.profiles?.get(profile)
}

function saveProfile(env: AwsEnv, profile: string | undefined, config: TargetConfig): void {
  if (!profile || profile === 'default') env.targets?.set(config)
  else env.profiles?.set(profile, config)
}

function targetValue(config: TargetConfig | undefined, name: string): string | undefined {
  if (!config) return undefined
  if (name === 'endpoint_url') return config.kind === 'custom' ? config.endpoint : undefined
  if (name === 'aws_access_key_id') return config.credentials?.accessKeyId
  if (name === 'aws_secret_access_key')
    return config.credentials?.secretAccessKey && mask(config.credentials.secretAccessKey)
  if (name === 'aws_session_token') return config.credentials?.sessionToken && mask(config.credentials.sessionToken)
  if (name === 's3.addressing_style')
    return config.kind === 'emulator' ? undefined : config.forcePathStyle ? 'path' : 'virtual'
  if (name === 'sandbox_bucket') return config.sandboxBucket
  return undefined
}

function setTarget(config: TargetConfig, name: string, value: string): TargetConfig | string {
  const credentials = config.credentials ?? { accessKeyId: '', secretAccessKey: '' }
  switch (name) {
    case 'endpoint_url':
      return {
        ...config,
        kind: 'custom',
        endpoint: value,
        forcePathStyle: config.kind === 'custom' ? config.forcePathStyle : true,
      }
    case 'aws_access_key_id':
      return { ...config, credentials: { ...credentials, accessKeyId: value } }
    case 'aws_secret_access_key':
      return { ...config, credentials: { ...credentials, secretAccessKey: value } }
    case 'aws_session_token':
      return { ...config, credentials: { ...credentials, sessionToken: value } }
    case 's3.addressing_style':
      if (!['path', 'virtual', 'auto'].includes(value))
        return `s3.addressing_style must be path, virtual or auto, not "${value}".`
      return { ...config, forcePathStyle: value === 'path' }
    case 'sandbox_bucket':
      return { ...config, sandboxBucket: value }
  }
  return config
}

export function runConfigure(args: string[], env: AwsEnv, io: Io, profile?: string): number {
  const [sub, name, value] = args
  const config = env.config
  if (sub === 'list') {
    const target = env.clients(profile ? { profile } : {}).target
    io.out(row('Name', 'Value', 'Type', 'Location'))
    io.out(row('----', '-----', '----', '--------'))
    io.out(profile ? row('profile', profile, 'manual', '--profile') : row('profile', '<not set>', 'None', 'None'))
    io.out(row('access_key', mask(target.credentials.accessKeyId), 'playground', ''))
    io.out(row('secret_key', mask(target.credentials.secretAccessKey), 'playground', ''))
    io.out(
      config.region
        ? row('region', config.region, 'config-file', '~/.aws/config')
        : row('region', target.region, 'playground', ''),
    )
    return EXIT.ok
  }
  if (sub === 'get') {
    if (name === undefined) throw argparseError('the following arguments are required: varname')
    const v = TARGET_SETTINGS.includes(name)
      ? targetValue(profileConfig(env, profile), name)
      : config[name as keyof typeof config]
    if (v === undefined) return EXIT.s3Failure // aws-cli prints nothing and exits 1 for an unset value
    io.out(`${v}\n`)
    return EXIT.ok
  }
  if (sub === 'set') {
    if (name === undefined || value === undefined)
      throw argparseError('the following arguments are required: varname, value')
    if (TARGET_SETTINGS.includes(name)) {
      const current = profileConfig(env, profile) ?? { ...EMULATOR_CONFIG, kind: 'aws', forcePathStyle: false }
      const next = setTarget(current, name, value)
      if (typeof next === 'string') {
        io.err(`\n${next}\n`)
        return EXIT.other
      }
      saveProfile(env, profile, next)
      if (SECRET_SETTINGS.includes(name))
        io.err("(kept in this page's memory only: not saved, not exported, not in the history)\n")
      if (next.kind === 'emulator' && name.startsWith('aws_'))
        io.err(
          '(the current target is still the emulator, which ignores credentials: `playground target aws REGION` or `aws configure set endpoint_url URL` sends them for real)\n',
        )
      return EXIT.ok
    }
    if (!SESSION_SETTINGS.includes(name)) {
      io.err(
        `\nThe playground keeps region, output, ${TARGET_SETTINGS.join(', ')} in its configuration; "${name}" was not set.\n`,
      )
      return EXIT.other
    }
    if (name === 'request_checksum_calculation' && !CHECKSUM_CALCULATION.includes(value.toLowerCase())) {
      io.err(
        `\nUnsupported configuration value for request_checksum_calculation. Expected one of ('when_supported', 'when_required') but got '${value}'.\n`,
      )
      return EXIT.other
    }
    config[name as 'region' | 'output' | 'request_checksum_calculation'] = value
    if (name === 'region' && profile && profile !== 'default' && env.profiles?.has(profile))
      env.profiles.set(profile, { ...env.profiles.get(profile)!, region: value })
    return EXIT.ok
  }
  throw invalidChoice('subcommand', sub ?? '', ['list', 'get', 'set'])
}
