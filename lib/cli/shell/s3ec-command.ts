/**
 * `s3ec`: the Amazon S3 Encryption Client as a terminal command (aws-cli has none). Encrypts on this side and
 * sends only ciphertext through @aws-sdk/client-s3: PutObject with the body and x-amz-meta-* content metadata
 * (or a `.instruction` object), GetObject then decrypt, like the SDK clients. Formats and keyrings: lib/cse.
 */
import { checkInterrupt, Interrupted } from '../interrupt'
import { CseError, S3EncryptionClient, s3ecKeys, type Format } from '../../cse'
import type { Builtin } from './builtins'
import type { Shell } from './run-line'
import { KEYRING_FORMS, keyringFrom, parseContext } from './s3ec-keyring'
import { VfsError } from './vfs'

const USAGE = `usage: s3ec put-object --bucket B --key K --body FILE --keyring KEYRING [--format v2|v3] [--instruction-file] [--encryption-context JSON]
       s3ec get-object --bucket B --key K OUTFILE --keyring KEYRING [--range bytes=A-B] [--enable-legacy] [--encryption-context JSON]
KEYRING: ${KEYRING_FORMS}
--enable-legacy = --enable-legacy-unauthenticated-modes (AES-CBC, ranged gets) + --enable-legacy-wrapping-algorithms (V1 keys)
`
const FLAGS = new Set([
  '--instruction-file',
  '--enable-legacy-unauthenticated-modes',
  '--enable-legacy-wrapping-algorithms',
  '--enable-legacy',
])
const VALUES = new Set(['--bucket', '--key', '--body', '--keyring', '--format', '--encryption-context', '--range'])

function parse(args: string[]): { options: Map<string, string>; positional: string[] } | string {
  const options = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (FLAGS.has(arg)) options.set(arg, 'true')
    else if (VALUES.has(arg)) {
      if (args[i + 1] === undefined) return `argument ${arg}: expected one argument`
      options.set(arg, args[++i]!)
    } else if (arg.startsWith('--')) return `unknown option: ${arg}`
    else positional.push(arg)
  }
  return { options, positional }
}

export const s3ecCommand: Builtin = async (args, io, sh) => {
  const shell = sh as Shell
  const [verb, ...rest] = args
  const parsed = parse(rest)
  const fail = (message: string, code = 2) => (io.err(`s3ec: error: ${message}\n${code === 2 ? USAGE : ''}`), code)
  if (typeof parsed === 'string') return fail(parsed)
  const { options, positional } = parsed
  const bucket = options.get('--bucket')
  const key = options.get('--key')
  const spec = options.get('--keyring')
  const format = (options.get('--format') ?? 'v2') as Format
  if (verb !== 'put-object' && verb !== 'get-object')
    return fail(verb ? `unknown subcommand: ${verb}` : 'a subcommand is required')
  if (!bucket || !key || !spec) return fail('the following arguments are required: --bucket, --key, --keyring')
  if (format !== 'v2' && format !== 'v3') return fail(`--format must be v2 or v3, not ${format}`)
  try {
    const clients = shell.aws.clients({})
    const keyring = await keyringFrom(spec, parseContext(options.get('--encryption-context')), sh.vfs, () => clients)
    const client = new S3EncryptionClient({
      s3: clients.s3,
      keyring,
      format,
      instructionFile: options.has('--instruction-file'),
      // --enable-legacy turns on both of Java's legacy switches (CBC content and ranges; old key wraps).
      enableLegacyUnauthenticatedModes:
        options.has('--enable-legacy-unauthenticated-modes') || options.has('--enable-legacy'),
      enableLegacyWrappingAlgorithms:
        options.has('--enable-legacy-wrapping-algorithms') || options.has('--enable-legacy'),
    })
    if (verb === 'put-object') {
      const file = options.get('--body')
      if (!file || positional.length)
        return fail(file ? `unexpected argument: ${positional[0]}` : 'the following arguments are required: --body')
      checkInterrupt(io.signal)
      const out = await client.putObject({ Bucket: bucket, Key: key, Body: sh.vfs.read(file) })
      io.out(
        JSON.stringify(
          {
            ETag: out.ETag,
            EncryptionFormat: format,
            WrapAlgorithm: keyring.wrapAlg,
            InstructionFile: options.has('--instruction-file'),
          },
          null,
          4,
        ) + '\n',
      )
      return 0
    }
    if (positional.length !== 1) return fail('get-object needs exactly one OUTFILE')
    const range = options.get('--range')
    checkInterrupt(io.signal)
    const out = await client.getObject({ Bucket: bucket, Key: key, ...(range ? { Range: range } : {}) })
    // Ctrl-C while it decrypted: no file is written.
    checkInterrupt(io.signal)
    sh.vfs.write(positional[0]!, out.Body)
    const summary = {
      ContentLength: out.Body.length,
      ...(out.ContentRange ? { ContentRange: out.ContentRange } : {}),
      EncryptionFormat: out.format,
      InstructionFile: out.instructionFile,
      ContentMetadata: s3ecKeys(out.Metadata),
    }
    io.out(JSON.stringify(summary, null, 4) + '\n')
    return 0
  } catch (e) {
    if (e instanceof Interrupted) throw e
    if (e instanceof CseError) return fail(`${e.code}: ${e.message}`, 1)
    if (e instanceof VfsError) return fail(e.message, 1)
    if (e instanceof SyntaxError) return fail(`--encryption-context is not valid JSON: ${e.message}`)
    const err = e as { name?: string; message?: string }
    return fail(`An error occurred (${err.name ?? 'Error'}): ${err.message ?? String(e)}`, 1)
  }
}
