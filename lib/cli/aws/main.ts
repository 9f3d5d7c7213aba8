/** `aws ...`: global options, then `s3` high-level commands or any modelled `s3api` operation. */
import { Interrupted } from '../interrupt'
import type { AwsEnv, GlobalOptions, Io } from './io'
import { operationByCliName } from './model'
import { runApiCommand } from './api-command'
import { API_SERVICES } from './services'
import { OUTPUT_FORMATS } from './formats'
import { endpointOf } from '../../sdk/clients'
import { operationHelp, serviceHelp } from './help'
import { attachDebug, debugLine } from './debug'
import { runConfigure } from './configure'
import AWS_COMMANDS from '../models/commands.json'
import { connectionErrorText, isConnectionFailure, serviceErrorText, serviceFailure } from './errors'
import { OperationFailed } from './send'
import { argparseError, EXIT, invalidChoice, requiredArguments, UsageError } from './usage'
import { parseS3Args } from './s3/spec'
import { ProfileNotFound } from './profiles'
import { destructiveAction } from './destructive'
import { noteAfter, notesBefore } from './real-notes'
import { isFetchFailure } from '../../sdk/recorder'
import { corsFailureText } from '../../cors/explain'
import { connectAllowed, connectRefusalText } from '../../security/connect-src'

import { S3_COMMAND_SPECS as S3_COMMANDS } from './s3/commands'
/** aws-cli lists s3's subcommands in this order. */
const S3_CHOICES = ['ls', 'website', 'cp', 'mv', 'rm', 'sync', 'mb', 'rb', 'presign']
export const SERVICES = ['cloudtrail', 'configure', 'kms', 's3', 's3api', 'sts']

import { FLAG_OPTIONS, VALUE_OPTIONS } from './global-options'
export { FLAG_OPTIONS, VALUE_OPTIONS }

/** A real aws-cli command the playground does not simulate: say so plainly rather than pretend. */
const notSimulated = (what: string) =>
  new UsageError(
    `\n${what} is a real aws-cli command, but the S3 Encryption Playground does not simulate it. It simulates: ${SERVICES.join(', ')}.\n`,
    EXIT.usage,
  )

export const VERSION = 'aws-cli/2 (simulated by the S3 Encryption Playground)'

/** A command line with aws-cli's global options taken out: read once, then passed to whatever needs them. */
interface CommandLine {
  globals: GlobalOptions
  /** The service, command and its parameters. */
  rest: string[]
  version: boolean
}

function parseGlobalOptions(args: string[]): CommandLine {
  const globals: GlobalOptions = { debug: false, noPaginate: false }
  const rest: string[] = []
  let version = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const eq = arg.indexOf('=')
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    if (VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i]
      if (value === undefined) throw argparseError(`argument ${name}: expected one argument`)
      if (name === '--region') globals.region = value
      if (name === '--endpoint-url') globals.endpointUrl = value
      if (name === '--profile') globals.profile = value
      if (name === '--output') {
        if (!OUTPUT_FORMATS.includes(value)) throw invalidChoice('--output', value, OUTPUT_FORMATS)
        globals.output = value
      }
      if (name === '--query') globals.query = value
      if (name === '--cli-binary-format') {
        if (value !== 'base64' && value !== 'raw-in-base64-out')
          throw invalidChoice('--cli-binary-format', value, ['base64', 'raw-in-base64-out'])
        globals.binaryFormat = value
      }
    } else if (FLAG_OPTIONS.includes(arg)) {
      if (arg === '--debug') globals.debug = true
      if (arg === '--no-paginate') globals.noPaginate = true
      if (arg === '--version') version = true
    } else rest.push(arg)
  }
  return { globals, rest, version }
}

async function dispatch(line: CommandLine, env: AwsEnv, io: Io): Promise<number> {
  const { rest, version } = line
  if (version) {
    io.out(`${VERSION}\n`)
    return EXIT.ok
  }
  const [service, command, ...params] = rest
  if (service === 'help') {
    io.out(serviceHelp('aws', SERVICES))
    return EXIT.ok
  }
  if (service === undefined) throw requiredArguments(['command'])
  if (!SERVICES.includes(service)) {
    const all = env.commands ?? AWS_COMMANDS.commands
    if (!all.includes(service)) throw invalidChoice('command', service, all)
    throw notSimulated(`aws ${service}`)
  }
  if (service === 'configure') return runConfigure(rest.slice(1), env, io, line.globals.profile)
  // `aws configure set` values are the defaults that --region and --output override.
  const region = line.globals.region ?? env.config.region
  const output = line.globals.output ?? env.config.output
  const globals: GlobalOptions = { ...line.globals, ...(region ? { region } : {}), ...(output ? { output } : {}) }
  const refused = await confirmDestructive(service, command, params, env, globals, io)
  if (refused !== undefined) return refused
  if (env.realTarget?.(globals)) {
    const endpoint = endpointOf(env.clients(globals).target, service === 's3api' ? 's3' : (service as 's3'))
    if (!notesBefore(rest, endpoint, env.clients(globals), io)) return EXIT.other
  }
  if (service === 's3') {
    if (command === undefined) throw requiredArguments(['subcommand'])
    if (command === 'help') {
      io.out(
        serviceHelp(
          's3',
          S3_COMMANDS.map((c) => c.name),
        ),
      )
      return EXIT.ok
    }
    const spec = S3_COMMANDS.find((c) => c.name === command)
    if (!spec) throw invalidChoice('subcommand', command, S3_CHOICES)
    return spec.run(parseS3Args(spec, params, env), env, globals, io)
  }
  const bundled = API_SERVICES.find((s) => s.command === service)!
  const api = { ...bundled, model: env.models?.[service] ?? bundled.model }
  const choices = Object.values(api.model.operations)
    .map((o) => o.cli)
    .sort()
  const allChoices = [...(api.model.allOperations ?? choices), ...(api.model.hasWaiters ? ['wait'] : []), 'help']
  if (command === undefined) throw requiredArguments(['operation'])
  if (command === 'help') {
    io.out(serviceHelp(service, choices))
    return EXIT.ok
  }
  const op = operationByCliName(api.model, command)
  if (!op)
    throw allChoices.includes(command)
      ? notSimulated(`aws ${service} ${command}`)
      : invalidChoice('operation', command, allChoices)
  if (params[0] === 'help') {
    io.out(operationHelp(service, api.model, op))
    return EXIT.ok
  }
  return runApiCommand(api, op, params, env, globals, io)
}

/**
 * On a real target, a command that deletes or overwrites asks first. Returns an exit code when it must not
 * run (declined, or nobody to ask), undefined to go ahead.
 */
async function confirmDestructive(
  service: string,
  command: string | undefined,
  params: string[],
  env: AwsEnv,
  globals: GlobalOptions,
  io: Io,
): Promise<number | undefined> {
  const where = env.realTarget?.(globals)
  if (!where || params.includes('help')) return undefined
  const action = await destructiveAction(service, command, params, () => env.clients(globals).s3)
  if (!action) return undefined
  if (env.shellEnv?.PLAYGROUND_CONFIRM === 'yes') return undefined
  if (!env.confirm) {
    io.err(
      `\n[playground] This ${action} on ${where}, and there is nobody to confirm it. Set PLAYGROUND_CONFIRM=yes to allow it.\n`,
    )
    return EXIT.other
  }
  if (await env.confirm(`[playground] This ${action} on the real target ${where}. Continue? [y/N] `)) return undefined
  io.err('[playground] Not run.\n')
  return EXIT.other
}

/** Runs one `aws` command line (without the leading `aws`) and returns aws-cli's exit code. */
export async function runAws(args: string[], env: AwsEnv, plainIo: Io): Promise<number> {
  // Pitfalls of real targets are explained after the error that shows them (SSE-C blocked: AccessDenied).
  let accessDenied = false
  const io: Io = { ...plainIo, err: (t) => ((accessDenied ||= t.includes('(AccessDenied)')), plainIo.err(t)) }
  const { code, globals } = await runAwsInner(args, env, io)
  if (accessDenied && globals && env.realTarget?.(globals)) noteAfter(args, 'AccessDenied', io)
  return code
}

/** The exit code, and the global options once they parsed. */
async function runAwsInner(args: string[], env: AwsEnv, io: Io): Promise<{ code: number; globals?: GlobalOptions }> {
  let detach = () => {}
  let line: CommandLine | undefined
  try {
    const debug = args.includes('--debug')
    const log = (logger: string, message: string) => io.err(debugLine(logger, message))
    if (debug) {
      log('awscli.clidriver', `CLI version: ${VERSION}`)
      log('awscli.clidriver', `Arguments entered to CLI: [${args.map((a) => `'${a}'`).join(', ')}]`)
    }
    line = parseGlobalOptions(args)
    if (debug) detach = attachDebug(env.clients(line.globals), log)
    return { code: await dispatch(line, env, io), globals: line.globals }
  } catch (error) {
    return { code: failureCode(error, args, env, io, line?.globals), ...(line ? { globals: line.globals } : {}) }
  } finally {
    detach()
  }
}

/** Reports a failed command as aws-cli does and returns its exit code. */
function failureCode(error: unknown, args: string[], env: AwsEnv, io: Io, parsed?: GlobalOptions): number {
  if (error instanceof UsageError) {
    io.err(error.text)
    return error.exitCode
  }
  // Ctrl-C: the terminal has printed ^C; the command has cleaned up on its way out.
  if (error instanceof Interrupted) return EXIT.interrupted
  if (error instanceof ProfileNotFound) {
    io.err(`\n${error.message}\n`)
    return EXIT.other
  }
  const cause = error instanceof OperationFailed ? error.cause : error
  const failure = serviceFailure(cause)
  if (failure && error instanceof OperationFailed) {
    io.err(`\n${serviceErrorText(failure, error.operation)}\n`)
    return EXIT.service
  }
  if (isConnectionFailure(cause)) {
    const globals = parsed ?? { debug: false, noPaginate: false }
    const service = API_SERVICES.find((s) => args.includes(s.command))?.service ?? 's3'
    const url =
      (endpointOf(env.clients(globals).target, service) ??
        `https://${service}.${env.clients(globals).target.region}.amazonaws.com`) + '/'
    io.err(`\n${connectionErrorText(url)}\n`)
    // In a page, a connection the page's own policy refused, and a real endpoint that answered without
    // CORS permission, both look exactly like no answer.
    if (env.connectPolicy && !connectAllowed(env.connectPolicy, url, env.pageOrigin))
      io.err(connectRefusalText(url, env.connectPolicy))
    else if (isFetchFailure(cause) && !/\.emulator\.invalid\//.test(url))
      io.err(
        corsFailureText(url, service, error instanceof OperationFailed ? error.operation : undefined, env.pageOrigin),
      )
    return EXIT.other
  }
  io.err(`\n${cause instanceof Error ? cause.message : String(cause)}\n`)
  return EXIT.other
}
