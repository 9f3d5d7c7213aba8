/**
 * aws s3 cp (and its SSE options): upload, download and S3-to-S3 copy of single objects, with aws-cli's
 * progress line, result lines and failure texts (awscli/customizations/s3/results.py).
 */
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type ServerSideEncryption } from '@aws-sdk/client-s3'
import { fromUtf8 } from '../../../crypto/bytes'
import type { AwsEnv, GlobalOptions, Io } from '../io'
import { OperationFailed, send } from '../send'
import { serviceErrorText, serviceFailure } from '../errors'
import { EXIT, UsageError } from '../usage'
import { formatS3Uri, guessContentType, humanReadableSize, isS3Uri, parseS3Uri, relativePath, type S3Uri } from './paths'
import { invalidArgumentType, stringOption, type ParsedS3Args, type S3Command } from './spec'

const USAGE = 'usage: aws s3 cp <LocalPath> <S3Uri> or <S3Uri> <LocalPath> or <S3Uri> <S3Uri>'
const SSE_CHOICES = ['AES256', 'aws:kms', 'aws:kms:dsse']

/** The SSE request parameters cp's options turn into. */
function sseParams(p: ParsedS3Args, vfs: AwsEnv['vfs']): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const sse = stringOption(p, '--sse')
  if (sse) out.ServerSideEncryption = sse as ServerSideEncryption
  const kmsKey = stringOption(p, '--sse-kms-key-id')
  if (kmsKey) out.SSEKMSKeyId = kmsKey
  const sseC = stringOption(p, '--sse-c')
  const sseCKey = stringOption(p, '--sse-c-key')
  if (sseC && !sseCKey) throw new UsageError('\nIf --sse-c is specified, --sse-c-key must be specified as well.\n')
  if (sseCKey && !sseC) throw new UsageError('\nIf --sse-c-key is specified, --sse-c must be specified as well.\n')
  if (sseC && sseCKey) {
    out.SSECustomerAlgorithm = sseC
    // fileb:// gives raw key bytes; a plain value is the key text itself (the SDK base64-encodes it).
    out.SSECustomerKey = sseCKey.startsWith('fileb://') ? vfs.read(sseCKey.slice(8)) : sseCKey
  }
  return out
}

function progress(io: Io, p: ParsedS3Args, size: number, started: number, line: string): void {
  const quiet = p.options.has('--quiet') || p.options.has('--only-show-errors')
  if (quiet) return
  const seconds = Math.max((performance.now() - started) / 1000, 0.001)
  const done = `Completed ${humanReadableSize(size)}/${humanReadableSize(size)} (${humanReadableSize(Math.round(size / seconds))}/s) with 1 file(s) remaining`
  // The result line overwrites the progress line in a terminal, padded to clear it.
  io.out(p.options.has('--no-progress') ? `${line}\n` : `${done}\r${line.padEnd(done.length)}\n`)
}

function failed(io: Io, p: ParsedS3Args, verb: string, from: string, to: string, error: unknown): number {
  const cause = error instanceof OperationFailed ? error.cause : error
  const f = serviceFailure(cause)
  if (!f || !(error instanceof OperationFailed)) throw error
  if (!p.options.has('--quiet')) io.err(`${verb} failed: ${from} to ${to} ${serviceErrorText(f, error.operation)}\n`)
  return EXIT.s3Failure
}

async function upload(p: ParsedS3Args, env: AwsEnv, g: GlobalOptions, io: Io, local: string, dest: S3Uri): Promise<number> {
  if (!env.vfs.exists(local)) throw new UsageError(`\nThe user-provided path ${local} does not exist.\n`, 255)
  const key = dest.key === '' || dest.key.endsWith('/') ? dest.key + local.split('/').at(-1) : dest.key
  const target = { bucket: dest.bucket, key }
  const from = relativePath(env.vfs, local)
  const body = env.vfs.read(local)
  const contentType = stringOption(p, '--content-type') ?? guessContentType(local)
  const started = performance.now()
  try {
    await send(env.clients(g).s3, 'PutObject', new PutObjectCommand({
      Bucket: target.bucket, Key: target.key, Body: body, ...(contentType ? { ContentType: contentType } : {}), ...sseParams(p, env.vfs),
    }))
  } catch (error) {
    return failed(io, p, 'upload', from, formatS3Uri(target), error)
  }
  progress(io, p, body.length, started, `upload: ${from} to ${formatS3Uri(target)}`)
  return EXIT.ok
}

async function download(p: ParsedS3Args, env: AwsEnv, g: GlobalOptions, io: Io, src: S3Uri, local: string): Promise<number> {
  const s3 = env.clients(g).s3
  const dest = local === '-' ? '-' : env.vfs.isDir(local) || local.endsWith('/') ? `${local.replace(/\/$/, '')}/${src.key.split('/').at(-1)}` : local
  const sse = sseParams(p, env.vfs)
  const sseC = sse.SSECustomerKey ? { SSECustomerAlgorithm: sse.SSECustomerAlgorithm as string, SSECustomerKey: sse.SSECustomerKey as string } : {}
  try {
    // aws-cli looks the object up first; a missing key is a "fatal error", not a failed transfer.
    await send(s3, 'HeadObject', new HeadObjectCommand({ Bucket: src.bucket, Key: src.key, ...sseC }))
  } catch (error) {
    const f = error instanceof OperationFailed ? serviceFailure(error.cause) : undefined
    if (f?.status === 404) {
      io.err(`fatal error: An error occurred (404) when calling the HeadObject operation: Key "${src.key}" does not exist\n`)
      return EXIT.s3Failure
    }
    if (f) {
      io.err(`fatal error: ${serviceErrorText(f, 'HeadObject')}\n`)
      return EXIT.s3Failure
    }
    throw error
  }
  const started = performance.now()
  const to = dest === '-' ? '-' : relativePath(env.vfs, dest)
  try {
    const out = await send(s3, 'GetObject', new GetObjectCommand({ Bucket: src.bucket, Key: src.key, ...sseC }))
    const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array()
    if (dest === '-') {
      io.out(fromUtf8(bytes))
      return EXIT.ok
    }
    env.vfs.write(dest, bytes)
    progress(io, p, bytes.length, started, `download: ${formatS3Uri(src)} to ${to}`)
    return EXIT.ok
  } catch (error) {
    return failed(io, p, 'download', formatS3Uri(src), to, error)
  }
}

async function copy(p: ParsedS3Args, env: AwsEnv, g: GlobalOptions, io: Io, src: S3Uri, dest: S3Uri): Promise<number> {
  const key = dest.key === '' || dest.key.endsWith('/') ? dest.key + src.key.split('/').at(-1) : dest.key
  const target = { bucket: dest.bucket, key }
  const started = performance.now()
  try {
    await send(env.clients(g).s3, 'CopyObject', new CopyObjectCommand({
      Bucket: target.bucket, Key: target.key, CopySource: `${src.bucket}/${encodeURIComponent(src.key)}`, ...sseParams(p, env.vfs),
    }))
  } catch (error) {
    return failed(io, p, 'copy', formatS3Uri(src), formatS3Uri(target), error)
  }
  progress(io, p, 0, started, `copy: ${formatS3Uri(src)} to ${formatS3Uri(target)}`)
  return EXIT.ok
}

export const cp: S3Command = {
  name: 'cp',
  positional: { name: 'paths', min: 2, max: 2 },
  options: [
    { name: '--sse', arity: 'optional', implied: 'AES256', choices: SSE_CHOICES },
    { name: '--sse-kms-key-id', arity: 'value' },
    { name: '--sse-c', arity: 'optional', implied: 'AES256', choices: ['AES256'] },
    { name: '--sse-c-key', arity: 'value' },
    { name: '--content-type', arity: 'value' },
    { name: '--quiet', arity: 'flag' },
    { name: '--only-show-errors', arity: 'flag' },
    { name: '--no-progress', arity: 'flag' },
  ],
  async run(p, env, g, io) {
    const [from, to] = p.paths as [string, string]
    if (isS3Uri(from) && isS3Uri(to)) return copy(p, env, g, io, parseS3Uri(from), parseS3Uri(to))
    if (isS3Uri(to) && from !== '-') return upload(p, env, g, io, from, parseS3Uri(to))
    if (isS3Uri(from)) return download(p, env, g, io, parseS3Uri(from), to)
    throw invalidArgumentType(USAGE)
  },
}
