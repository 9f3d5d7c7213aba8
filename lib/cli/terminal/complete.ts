/**
 * Tab completion: commands, aws services and operations, options from the API model, bucket names and
 * keys (asked of S3 through the SDK, like any command), and local file names.
 */
import { ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { tokenize } from '../shell/tokenize'
import { API_SERVICES } from '../aws/services'
import { operationByCliName } from '../aws/model'
import { S3_COMMAND_SPECS } from '../aws/s3/commands'
import type { Shell } from '../shell/run-line'
import { BUILTINS } from '../shell/builtins'
import { INSPECT_COMMANDS } from '../shell/inspect-commands'
import { TEXT_COMMANDS } from '../shell/text-commands'

export interface Completion {
  /** Where in the line the word being completed starts. */
  from: number
  candidates: string[]
}

const SERVICES = ['s3', ...API_SERVICES.map((s) => s.command)]

async function s3Paths(sh: Shell, word: string): Promise<string[]> {
  const s3 = sh.aws.clients({}).s3
  const rest = word.slice('s3://'.length)
  const slash = rest.indexOf('/')
  if (slash < 0) {
    // A page cannot call ListBuckets on a real target (no CORS): offer the sandbox bucket instead.
    const target = sh.aws.targets?.get()
    if (target && target.kind !== 'emulator') return target.sandboxBucket ? [`s3://${target.sandboxBucket}/`] : []
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}))
    return Buckets.map((b) => `s3://${b.Name}/`)
  }
  const bucket = rest.slice(0, slash)
  const prefix = rest.slice(slash + 1)
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/' }))
  return [
    ...(page.CommonPrefixes ?? []).map((p) => `s3://${bucket}/${p.Prefix}`),
    ...(page.Contents ?? []).map((o) => `s3://${bucket}/${o.Key}`),
  ]
}

function localPaths(sh: Shell, word: string): string[] {
  const slash = word.lastIndexOf('/')
  const dir = slash >= 0 ? word.slice(0, slash + 1) : ''
  try {
    return sh.vfs.list(dir || '.').map((e) => `${dir}${e.name}${e.dir ? '/' : ''}`)
  } catch {
    return []
  }
}

async function candidatesFor(sh: Shell, words: string[], word: string): Promise<string[]> {
  if (words.length === 0)
    return [...Object.keys(BUILTINS), ...Object.keys(INSPECT_COMMANDS), ...Object.keys(TEXT_COMMANDS), 'aws'].sort()
  if (words[0] !== 'aws') return localPaths(sh, word)
  const args = words.slice(1).filter((w) => !w.startsWith('--') || words.indexOf(w) > 2)
  if (args.length === 0) return SERVICES
  const [service, command] = args as [string, string | undefined]
  if (command === undefined) {
    if (service === 's3') return S3_COMMAND_SPECS.map((c) => c.name)
    const api = API_SERVICES.find((s) => s.command === service)
    return api
      ? Object.values(api.model.operations)
          .map((o) => o.cli)
          .sort()
      : []
  }
  const previous = words.at(-1)
  if (
    word.startsWith('s3://') ||
    (service === 's3' && word === '' && previous !== undefined && !previous.startsWith('--'))
  ) {
    return word.startsWith('s3://') ? s3Paths(sh, word) : localPaths(sh, word)
  }
  if (service === 's3api' && previous === '--bucket') return (await s3Paths(sh, 's3://')).map((p) => p.slice(5, -1))
  if (service === 's3api' && previous === '--key') {
    const bucket = words[words.indexOf('--bucket') + 1]
    return bucket ? (await s3Paths(sh, `s3://${bucket}/${word}`)).map((p) => p.slice(`s3://${bucket}/`.length)) : []
  }
  if (previous === '--body' || previous === 'file://') return localPaths(sh, word)
  if (word.startsWith('--')) {
    if (service === 's3') return S3_COMMAND_SPECS.find((c) => c.name === command)?.options.map((o) => o.name) ?? []
    const api = API_SERVICES.find((s) => s.command === service)
    const op = api && operationByCliName(api.model, command)
    const members = op?.input ? (api?.model.shapes[op.input]?.members ?? []) : []
    return members.map((m) => m.cli!).filter((c) => !words.includes(c))
  }
  return localPaths(sh, word)
}

/** Completes the word that ends at the end of `line`. Errors (say, no network) just mean no candidates. */
export async function complete(sh: Shell, line: string): Promise<Completion> {
  const from = /(?:^|\s)(\S*)$/.exec(line)!
  const word = from[1] ?? ''
  const start = line.length - word.length
  const tokens = tokenize(line.slice(0, start), sh.env)
  const words = tokens.incomplete ? [] : tokens.tokens.flatMap((t) => (t.kind === 'word' ? [t.value] : []))
  try {
    const all = await candidatesFor(sh, words, word)
    return { from: start, candidates: [...new Set(all)].filter((c) => c.startsWith(word)) }
  } catch {
    return { from: start, candidates: [] }
  }
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return ''
  let prefix = candidates[0]!
  for (const c of candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}
