/**
 * "Did the learner run this command?", by meaning rather than by text: each `aws` command in a history line is parsed
 * by the CLI's own parsers (the service model's options, `--flag value` or `--flag=value`, in any order, shorthand and
 * JSON values, file:// and fileb:// read from the learner's files), and the goal's parameters are compared with the
 * SDK input the CLI would send. `fileb://./sse-c.key` and `fileb://sse-c.key` are the same key because they are the
 * same bytes.
 */
import { withoutGlobalOptions } from '../cli/aws/global-options'
import { fromUtf8 } from '../crypto/bytes'
import { operationByCliName } from '../cli/aws/model'
import { parseOperationArgs } from '../cli/aws/params'
import { API_SERVICES } from '../cli/aws/services'
import { tokenize, type Token } from '../cli/shell/tokenize'
import type { FileSystem } from '../cli/shell/vfs'

export interface ParsedAwsCommand {
  /** `s3api`, `kms`, `cloudtrail`, `sts`. */
  service: string
  /** The CLI's operation name: `head-object`. */
  operation: string
  /** The SDK input the CLI builds from the options. */
  input: Record<string, unknown>
}

/** What a `ran` goal asks for (see Goal in types.ts). */
export interface RanGoal {
  /** `s3api head-object`. */
  command: string
  /** Parameters the SDK input must carry (a subset: see `covers`). */
  input?: Record<string, unknown>
  /** Parameters whose value must be the bytes of this file now (a key given as fileb://). */
  files?: Record<string, string>
}

/** The word lists of the simple commands in a line: split at |, &&, ; and cut at a redirection. */
function simpleCommands(tokens: Token[]): string[][] {
  const out: string[][] = [[]]
  let redirected = false
  for (const t of tokens) {
    if (t.kind === 'op' && (t.value === '>' || t.value === '>>')) redirected = true
    else if (t.kind === 'op') {
      out.push([])
      redirected = false
    } else if (!redirected) out.at(-1)!.push(t.value)
  }
  return out.filter((c) => c.length > 0)
}

/** The inner command of each `$(...)` in a line (one level, as the lessons write them). */
const substitutions = (line: string) => [...line.matchAll(/\$\(([^()]*)\)/g)].map((m) => m[1]!)

/** Every `aws` API command in a line, parsed; commands that do not parse (aws-cli would refuse them) are left out. */
export function parseAwsCommands(
  line: string,
  env: Readonly<Record<string, string | undefined>>,
  files: Pick<FileSystem, 'isFile' | 'read'>,
): ParsedAwsCommand[] {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
  const parsed: ParsedAwsCommand[] = []
  for (const part of [...substitutions(line), line.replace(/\$\([^()]*\)/g, 'x')]) {
    const tokens = tokenize(part, vars)
    if (tokens.incomplete) continue
    for (let words of simpleCommands(tokens.tokens)) {
      // `VAR=value aws ...` and `X=$(aws ...)`: skip the assignments.
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words = words.slice(1)
      if (words[0] !== 'aws') continue
      const args = withoutGlobalOptions(words.slice(1))
      const [service, operation, ...params] = args
      const api = API_SERVICES.find((s) => s.command === service)
      const op = api && operationByCliName(api.model, operation ?? '')
      if (!api || !op) continue
      try {
        const { input } = parseOperationArgs(api.model, op, params, files as FileSystem)
        parsed.push({ service: service!, operation: operation!, input })
      } catch {
        // A command aws-cli refuses before sending anything did nothing: it meets no goal.
      }
    }
  }
  return parsed
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

/** A JSON document given as a string (a policy) is compared as the data it holds. */
function asData(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

/**
 * Whether `actual` has everything `wanted` asks for: objects by their named members (others may be there too), a
 * wanted list by each of its items appearing somewhere in the actual list, a wanted scalar inside an actual list
 * (IAM's `"Action": "kms:Decrypt"` and `["kms:Decrypt"]` mean the same), strings case-sensitively.
 */
export function covers(actual: unknown, wanted: unknown): boolean {
  actual = asData(actual)
  wanted = asData(wanted)
  if (Array.isArray(wanted)) return wanted.every((w) => covers(actual, w))
  if (Array.isArray(actual)) return actual.some((a) => covers(a, wanted))
  if (wanted && typeof wanted === 'object') {
    if (!actual || typeof actual !== 'object') return false
    return Object.entries(wanted).every(([k, w]) => covers((actual as Record<string, unknown>)[k], w))
  }
  if (actual instanceof Uint8Array && typeof wanted === 'string') return fromUtf8(actual) === wanted
  return actual === wanted
}

/** Whether one parsed command is what the goal asks for. */
export function meetsRanGoal(
  command: ParsedAwsCommand,
  goal: RanGoal,
  files: Pick<FileSystem, 'isFile' | 'read'>,
): boolean {
  if (`${command.service} ${command.operation}` !== goal.command) return false
  if (goal.input && !covers(command.input, goal.input)) return false
  for (const [param, path] of Object.entries(goal.files ?? {})) {
    const given = command.input[param]
    if (!files.isFile(path)) return false
    const now = files.read(path)
    if (!(given instanceof Uint8Array ? sameBytes(given, now) : given === fromUtf8(now))) return false
  }
  return true
}
