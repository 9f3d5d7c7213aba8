/** aws s3 cp and aws s3 mv: one object or a tree (--recursive), up, down or S3 to S3, with the SSE options. */
import type { AwsEnv, GlobalOptions, Io } from '../io'
import { EXIT } from '../usage'
import { API_SERVICES } from '../services'
import { invalidArgumentType, type OptionSpec, type ParsedS3Args, type S3Command } from './spec'
import { headForDownload, locate, plan, runTask } from './transfer'

/** --sse takes the model's ServerSideEncryption values, less aws:fsx (FSx access points only), as aws-cli does. */
const sseChoices = (env: AwsEnv) => {
  const model = env.models?.s3api ?? API_SERVICES[0]!.model
  return (model.shapes.ServerSideEncryption?.enum ?? ['AES256', 'aws:kms']).filter((v) => v !== 'aws:fsx')
}

export const TRANSFER_OPTIONS: OptionSpec[] = [
  { name: '--sse', arity: 'optional', implied: 'AES256', choices: sseChoices },
  { name: '--sse-kms-key-id', arity: 'value' },
  { name: '--sse-c', arity: 'optional', implied: 'AES256', choices: ['AES256'] },
  { name: '--sse-c-key', arity: 'value' },
  { name: '--sse-c-copy-source', arity: 'optional', implied: 'AES256', choices: ['AES256'] },
  { name: '--sse-c-copy-source-key', arity: 'value' },
  { name: '--content-type', arity: 'value' },
  { name: '--exclude', arity: 'value' },
  { name: '--include', arity: 'value' },
  { name: '--dryrun', arity: 'flag' },
  { name: '--quiet', arity: 'flag' },
  { name: '--only-show-errors', arity: 'flag' },
  { name: '--no-progress', arity: 'flag' },
]

const USAGE: Record<string, string> = {
  cp: 'usage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>',
  mv: 'usage: aws s3 mv <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>',
}

async function transfer(
  name: 'cp' | 'mv',
  p: ParsedS3Args,
  env: AwsEnv,
  globals: GlobalOptions,
  io: Io,
): Promise<number> {
  const [a, b] = p.paths as [string, string]
  const from = locate(a)
  const to = locate(b)
  if (from.kind === 'local' && to.kind === 'local') throw invalidArgumentType(USAGE[name]!)
  if (from.kind === 'local' && from.path === '-') throw invalidArgumentType(USAGE[name]!)
  const recursive = p.options.has('--recursive')
  const tasks = await plan(p, env, globals, from, to, recursive)
  if (!recursive && tasks[0]) {
    const fatal = await headForDownload(tasks[0], p, env, globals, io)
    if (fatal !== undefined) return fatal
  }
  const verb = name === 'mv' ? 'move' : from.kind === 'local' ? 'upload' : to.kind === 'local' ? 'download' : 'copy'
  let ok = true
  for (const task of tasks) ok = (await runTask(verb, task, p, env, globals, io)) && ok
  return ok ? EXIT.ok : EXIT.s3Failure
}

export const cp: S3Command = {
  name: 'cp',
  positional: { name: 'paths', min: 2, max: 2 },
  options: [...TRANSFER_OPTIONS, { name: '--recursive', arity: 'flag' }],
  run: (p, env, globals, io) => transfer('cp', p, env, globals, io),
}

export const mv: S3Command = {
  name: 'mv',
  positional: { name: 'paths', min: 2, max: 2 },
  options: [...TRANSFER_OPTIONS, { name: '--recursive', arity: 'flag' }],
  run: (p, env, globals, io) => transfer('mv', p, env, globals, io),
}
