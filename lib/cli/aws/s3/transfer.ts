/**
 * The transfer engine behind aws s3 cp, mv and sync: plan the (source, destination) pairs — one file or a
 * whole tree — then run them through the SDK, printing aws-cli's progress, result and failure lines.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3'
import { fromUtf8 } from '../../../crypto/bytes'
import { checkInterrupt } from '../../interrupt'
import { sendsChecksums } from '../../../sdk/clients'
import type { FileSystem } from '../../shell/vfs'
import type { AwsEnv, GlobalOptions, Io } from '../io'
import { OperationFailed, send } from '../send'
import { serviceErrorText, serviceFailure } from '../errors'
import { EXIT, UsageError } from '../usage'
import { filtersFrom, included } from './filters'
import { formatS3Uri, guessContentType, parseS3Uri, relativePath, type S3Uri } from './paths'
import { fitLine, MULTIPART_THRESHOLD, multipartUpload, progressText, rangedDownload } from './multipart'
import { stringOption, type ParsedS3Args } from './spec'

export type Location = { kind: 'local'; path: string } | { kind: 's3'; uri: S3Uri }

export interface Task {
  from: Location
  to: Location
  size: number
  /** When the source was last changed, for sync. */
  modified?: Date
  /** The source object's ETag, pinned by ranged downloads (If-Match). */
  etag?: string
}

export const locate = (path: string): Location =>
  path.startsWith('s3://') ? { kind: 's3', uri: parseS3Uri(path) } : { kind: 'local', path }

const joinKey = (prefix: string, rest: string) =>
  prefix === '' || prefix.endsWith('/') ? prefix + rest : `${prefix}/${rest}`
const baseName = (p: string) => p.replace(/\/$/, '').split('/').at(-1) ?? p

function walk(fs: FileSystem, dir: string, prefix = ''): { rel: string; path: string }[] {
  return fs.list(dir).flatMap((e) => {
    const path = `${dir.replace(/\/$/, '')}/${e.name}`
    const rel = prefix + e.name
    return e.dir ? walk(fs, path, rel + '/') : [{ rel, path }]
  })
}

export async function listObjects(env: AwsEnv, globals: GlobalOptions, bucket: string, prefix: string) {
  const out: { key: string; size: number; modified: Date }[] = []
  let token: string | undefined
  do {
    const page = await send(
      env.clients(globals).s3,
      'ListObjectsV2',
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    )
    for (const o of page.Contents ?? [])
      out.push({ key: o.Key!, size: o.Size ?? 0, modified: o.LastModified ?? new Date(0) })
    token = page.NextContinuationToken
  } while (token)
  return out
}

/** Every pair a command will transfer. Single files resolve `dest/` and bucket-only destinations to the source name. */
export async function plan(
  p: ParsedS3Args,
  env: AwsEnv,
  globals: GlobalOptions,
  from: Location,
  to: Location,
  recursive: boolean,
): Promise<Task[]> {
  const filters = filtersFrom(p.args)
  if (!recursive) {
    if (from.kind === 'local') {
      if (!env.vfs.isFile(from.path))
        throw new UsageError(`\nThe user-provided path ${from.path} does not exist.\n`, EXIT.other)
      const name = baseName(from.path)
      const dest: Location =
        to.kind === 's3'
          ? {
              kind: 's3',
              uri: { ...to.uri, key: to.uri.key === '' || to.uri.key.endsWith('/') ? to.uri.key + name : to.uri.key },
            }
          : to
      return [{ from, to: dest, size: env.vfs.stat(from.path).size, modified: env.vfs.stat(from.path).mtime }]
    }
    const name = baseName(from.uri.key)
    const dest: Location =
      to.kind === 's3'
        ? {
            kind: 's3',
            uri: { ...to.uri, key: to.uri.key === '' || to.uri.key.endsWith('/') ? to.uri.key + name : to.uri.key },
          }
        : to.path !== '-' && (env.vfs.isDir(to.path) || to.path.endsWith('/'))
          ? { kind: 'local', path: `${to.path.replace(/\/$/, '')}/${name}` }
          : to
    return [{ from, to: dest, size: 0 }]
  }
  if (from.kind === 'local') {
    if (!env.vfs.isDir(from.path))
      throw new UsageError(`\nThe user-provided path ${from.path} does not exist.\n`, EXIT.other)
    return walk(env.vfs, from.path)
      .filter((f) => included(f.rel, filters))
      .map((f) => ({
        from: { kind: 'local', path: f.path } as Location,
        to:
          to.kind === 's3'
            ? { kind: 's3', uri: { bucket: to.uri.bucket, key: joinKey(to.uri.key, f.rel) } }
            : { kind: 'local', path: `${to.path}/${f.rel}` },
        size: env.vfs.stat(f.path).size,
        modified: env.vfs.stat(f.path).mtime,
      }))
  }
  const prefix = from.uri.key === '' || from.uri.key.endsWith('/') ? from.uri.key : `${from.uri.key}/`
  const objects = await listObjects(env, globals, from.uri.bucket, prefix)
  return objects
    .filter((o) => included(o.key.slice(prefix.length), filters))
    .map((o) => {
      const rel = o.key.slice(prefix.length)
      return {
        from: { kind: 's3', uri: { bucket: from.uri.bucket, key: o.key } } as Location,
        to:
          to.kind === 's3'
            ? { kind: 's3', uri: { bucket: to.uri.bucket, key: joinKey(to.uri.key, rel) } }
            : { kind: 'local', path: `${to.path.replace(/\/$/, '')}/${rel}` },
        size: o.size,
        modified: o.modified,
      }
    })
}

/** The SSE request parameters that cp's options turn into. */
export function sseParams(p: ParsedS3Args, fs: FileSystem): Record<string, unknown> {
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
    out.SSECustomerKey = sseCKey.startsWith('fileb://') ? fs.read(sseCKey.slice(8)) : sseCKey
  }
  return out
}

/** --sse-c-copy-source / --sse-c-copy-source-key: the key that opens an SSE-C source of an S3-to-S3 copy. */
export function copySourceSseC(p: ParsedS3Args, fs: FileSystem): Record<string, unknown> {
  const algorithm = stringOption(p, '--sse-c-copy-source')
  const key = stringOption(p, '--sse-c-copy-source-key')
  if (algorithm && !key)
    throw new UsageError('\nIf --sse-c-copy-source is specified, --sse-c-copy-source-key must be specified as well.\n')
  if (key && !algorithm)
    throw new UsageError('\nIf --sse-c-copy-source-key is specified, --sse-c-copy-source must be specified as well.\n')
  if (!algorithm || !key) return {}
  return {
    CopySourceSSECustomerAlgorithm: algorithm,
    CopySourceSSECustomerKey: key.startsWith('fileb://') ? fs.read(key.slice(8)) : key,
  }
}

const show = (env: AwsEnv, l: Location) =>
  l.kind === 's3' ? formatS3Uri(l.uri) : l.path === '-' ? '-' : relativePath(env.vfs, l.path)

function mkdirs(fs: FileSystem, path: string): void {
  const parts = fs.resolve(path).split('/').slice(1, -1)
  let dir = ''
  for (const part of parts) {
    dir += `/${part}`
    if (!fs.exists(dir)) fs.mkdir(dir)
  }
}

/** Runs one task; returns false when it failed (the failure line is already printed). */
export async function runTask(
  verb: 'upload' | 'download' | 'copy' | 'move',
  task: Task,
  p: ParsedS3Args,
  env: AwsEnv,
  globals: GlobalOptions,
  io: Io,
): Promise<boolean> {
  const s3 = env.clients(globals).s3
  const from = show(env, task.from)
  const to = show(env, task.to)
  const quiet = p.options.has('--quiet') || p.options.has('--only-show-errors')
  if (p.options.has('--dryrun')) {
    if (!quiet) io.out(`(dryrun) ${verb}: ${from} to ${to}\n`)
    return true
  }
  checkInterrupt(io.signal)
  const sse = sseParams(p, env.vfs)
  const started = performance.now()
  let size = task.size
  const showProgress = (done: number, total: number) => {
    if (!quiet && !p.options.has('--no-progress') && done < total)
      io.out(`${fitLine(progressText(done, total, started), env.columns)}\r`)
  }
  try {
    if (task.from.kind === 'local' && task.to.kind === 's3') {
      const body = env.vfs.read(task.from.path)
      size = body.length
      const contentType = stringOption(p, '--content-type') ?? guessContentType(task.from.path)
      const target = { Bucket: task.to.uri.bucket, Key: task.to.uri.key }
      if (body.length >= MULTIPART_THRESHOLD) {
        const checksums = sendsChecksums(env.clients(globals).target)
        await multipartUpload(
          s3,
          target,
          body,
          { ...(contentType ? { contentType } : {}), sse, checksums },
          showProgress,
          io.signal,
        )
      } else
        await send(
          s3,
          'PutObject',
          new PutObjectCommand({ ...target, Body: body, ...(contentType ? { ContentType: contentType } : {}), ...sse }),
          io.signal,
        )
    } else if (task.from.kind === 's3' && task.to.kind === 'local') {
      const sseC = sse.SSECustomerKey
        ? { SSECustomerAlgorithm: sse.SSECustomerAlgorithm as string, SSECustomerKey: sse.SSECustomerKey as string }
        : {}
      const source = { Bucket: task.from.uri.bucket, Key: task.from.uri.key }
      let bytes: Uint8Array
      if (task.size >= MULTIPART_THRESHOLD)
        bytes = await rangedDownload(s3, source, task.size, task.etag, sseC, showProgress, io.signal)
      else {
        const out = await send(s3, 'GetObject', new GetObjectCommand({ ...source, ...sseC }), io.signal)
        bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array()
      }
      // Stopped while the body arrived: no file is written, as a cancelled download leaves none.
      checkInterrupt(io.signal)
      size = bytes.length
      if (task.to.path === '-') {
        io.out(fromUtf8(bytes))
        return true
      }
      mkdirs(env.vfs, task.to.path)
      env.vfs.write(task.to.path, bytes)
    } else if (task.from.kind === 's3' && task.to.kind === 's3') {
      await send(
        s3,
        'CopyObject',
        new CopyObjectCommand({
          Bucket: task.to.uri.bucket,
          Key: task.to.uri.key,
          CopySource: `${task.from.uri.bucket}/${encodeURIComponent(task.from.uri.key)}`,
          ...sse,
          ...copySourceSseC(p, env.vfs),
        }),
        io.signal,
      )
    }
    if (verb === 'move') {
      if (task.from.kind === 'local') env.vfs.remove(task.from.path)
      else
        await send(
          s3,
          'DeleteObject',
          new DeleteObjectCommand({ Bucket: task.from.uri.bucket, Key: task.from.uri.key }),
        )
    }
  } catch (error) {
    const f = error instanceof OperationFailed ? serviceFailure(error.cause) : undefined
    if (!f || !(error instanceof OperationFailed)) throw error
    // The bytes were sent before S3 refused them, so aws-cli has already drawn the progress line.
    if (!quiet && !p.options.has('--no-progress') && task.from.kind === 'local')
      io.out(`${fitLine(progressLine(size, started), env.columns)}\r`)
    if (!p.options.has('--quiet')) io.err(`${verb} failed: ${from} to ${to} ${serviceErrorText(f, error.operation)}\n`)
    return false
  }
  if (quiet) return true
  const line = `${verb}: ${from} to ${to}`
  if (p.options.has('--no-progress')) io.out(`${line}\n`)
  else {
    const done = fitLine(progressLine(size, started), env.columns)
    // The result line overwrites the progress line in a terminal, padded to clear it.
    io.out(`${done}\r${line.padEnd(done.length)}\n`)
  }
  return true
}

const progressLine = (size: number, started: number) => progressText(size, size, started)

/** aws-cli checks a single download with HeadObject first: a missing key is a "fatal error". */
export async function headForDownload(
  task: Task,
  p: ParsedS3Args,
  env: AwsEnv,
  globals: GlobalOptions,
  io: Io,
): Promise<number | undefined> {
  if (task.from.kind !== 's3') return undefined
  // The source's SSE-C key: --sse-c-key for a download, --sse-c-copy-source-key for an S3-to-S3 copy.
  const sse = task.to.kind === 's3' ? copySourceSseC(p, env.vfs) : sseParams(p, env.vfs)
  const key = sse.SSECustomerKey ?? sse.CopySourceSSECustomerKey
  const sseC = key
    ? {
        SSECustomerAlgorithm: (sse.SSECustomerAlgorithm ?? sse.CopySourceSSECustomerAlgorithm) as string,
        SSECustomerKey: key as string,
      }
    : {}
  try {
    const head = await send(
      env.clients(globals).s3,
      'HeadObject',
      new HeadObjectCommand({ Bucket: task.from.uri.bucket, Key: task.from.uri.key, ...sseC }),
    )
    task.size = head.ContentLength ?? 0
    if (head.ETag) task.etag = head.ETag
    return undefined
  } catch (error) {
    const f = error instanceof OperationFailed ? serviceFailure(error.cause) : undefined
    if (!f) throw error
    io.err(
      f.status === 404
        ? `fatal error: An error occurred (404) when calling the HeadObject operation: Key "${task.from.uri.key}" does not exist\n`
        : `fatal error: ${serviceErrorText(f, 'HeadObject')}\n`,
    )
    return EXIT.s3Failure
  }
}
