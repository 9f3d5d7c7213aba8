/**
 * Turns an operation's command-line arguments into SDK input, the way aws-cli does: parameter names
 * from botocore's xform_name, `--flag value` and `--flag=value`, `--no-flag` for booleans, JSON or
 * shorthand for structures, file paths for streaming bodies, then botocore-style validation.
 */
import type { FileSystem } from '../shell/vfs'
import { shapeOf, type MemberRef, type Operation, type ServiceModel } from './model'
import { parsePythonJson, PyJsonError } from './pyjson'
import { parseShorthand, ShorthandError } from './shorthand'
import { argparseError, EXIT, paramError, requiredArguments, unknownOptions, UsageError } from './usage'
import { validateParams } from './validate'
import { fromBase64, fromUtf8, utf8 } from '../../crypto/bytes'

/** What aws-cli adds or removes around the model for particular operations. */
export interface Customization {
  /** A positional argument aws-cli adds (GetObject's `outfile`). */
  positional?: string
  /** Members aws-cli does not expose as options. */
  hidden?: string[]
}

export const CUSTOMIZATIONS: Record<string, Customization> = {
  GetObject: { positional: 'outfile' },
}

export interface ParsedArgs {
  input: Record<string, unknown>
  positional?: string
}

const takesValue = (model: ServiceModel, m: MemberRef) => shapeOf(model, m.shape).type !== 'boolean'

function readFileArg(vfs: FileSystem, value: string, param: string, binary: boolean): string | Uint8Array {
  const prefix = binary ? 'fileb://' : 'file://'
  const other = binary ? 'file://' : 'fileb://'
  const path = value.startsWith(prefix)
    ? value.slice(prefix.length)
    : value.startsWith(other)
      ? value.slice(other.length)
      : undefined
  if (path === undefined) return value
  if (!vfs.isFile(path))
    throw paramError(param, `Unable to load paramfile ${value}: [Errno 2] No such file or directory: '${path}'`)
  const bytes = vfs.read(path)
  return value.startsWith('fileb://') ? bytes : fromUtf8(bytes)
}

/** How blob arguments are read (aws-cli v2's --cli-binary-format): base64 by default. */
export type BinaryFormat = 'base64' | 'raw-in-base64-out'

function convert(model: ServiceModel, m: MemberRef, raw: string[], vfs: FileSystem, binary: BinaryFormat): unknown {
  const shape = shapeOf(model, m.shape)
  const param = m.cli!
  if (m.streaming || shape.streaming) {
    // Streaming blobs (--body) are always a path to a local file.
    if (!vfs.isFile(raw[0]!)) throw paramError(param, 'Blob values must be a path to a file.')
    return vfs.read(raw[0]!)
  }
  const text = readFileArg(vfs, raw[0]!, param, shape.type === 'blob')
  if (text instanceof Uint8Array) return text
  switch (shape.type) {
    case 'blob': {
      if (binary === 'raw-in-base64-out') return utf8(text)
      const bytes = fromBase64(text)
      if (!bytes) throw new UsageError(`\nInvalid base64: "${text}"\n`, EXIT.other)
      return bytes
    }
    case 'integer':
    case 'long':
      // aws-cli v2 lets Python's ValueError through: no "Error parsing parameter", exit code 255.
      if (!/^-?\d+$/.test(text.trim()))
        throw new UsageError(`\ninvalid literal for int() with base 10: '${text}'\n`, EXIT.other)
      return Number(text)
    case 'timestamp': {
      const t = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text)
      if (Number.isNaN(t)) throw paramError(param, `Invalid timestamp value: ${text}`)
      return new Date(t)
    }
    case 'structure':
    case 'map':
    case 'list': {
      const joined = raw.length > 1 ? undefined : text.trim()
      if (shape.type === 'list' && (joined === undefined || !/^[[{]/.test(joined))) {
        const item = shapeOf(model, shape.member!)
        if (item.type !== 'structure') return raw
      }
      const source = joined ?? raw.join(' ')
      if (/^[[{]/.test(source)) {
        try {
          return parsePythonJson(source)
        } catch (e) {
          if (e instanceof PyJsonError) throw paramError(param, `Invalid JSON: ${e.message}\nJSON received: ${source}`)
          throw e
        }
      }
      try {
        return coerce(model, m.shape, parseShorthand(source))
      } catch (e) {
        if (e instanceof ShorthandError) throw paramError(param, e.message)
        throw e
      }
    }
    default:
      return text
  }
}

/** Shorthand values arrive as strings; give them the model's scalar types. */
function coerce(model: ServiceModel, shapeName: string, v: unknown): unknown {
  const s = shapeOf(model, shapeName)
  if (s.type === 'structure' && v && typeof v === 'object' && !Array.isArray(v)) {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        const m = s.members?.find((mm) => mm.name === k)
        return [k, m ? coerce(model, m.shape, x) : x]
      }),
    )
  }
  if (s.type === 'list') return (Array.isArray(v) ? v : [v]).map((x) => coerce(model, s.member!, x))
  if (s.type === 'boolean' && typeof v === 'string') return v.toLowerCase() === 'true'
  if ((s.type === 'integer' || s.type === 'long') && typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v)
  return v
}

export function parseOperationArgs(
  model: ServiceModel,
  op: Operation,
  args: string[],
  vfs: FileSystem,
  binary: BinaryFormat = 'base64',
): ParsedArgs {
  const custom = CUSTOMIZATIONS[op.name] ?? {}
  const shape = op.input ? shapeOf(model, op.input) : { type: 'structure' as const, members: [] }
  const members = (shape.members ?? []).filter((m) => !custom.hidden?.includes(m.name))
  const byFlag = new Map(members.map((m) => [m.cli!, m]))
  const values = new Map<MemberRef, string[]>()
  const booleans = new Map<MemberRef, boolean>()
  const unknown: string[] = []
  let positional: string | undefined

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) {
      if (custom.positional && positional === undefined) positional = arg
      else unknown.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    const negated = flag.startsWith('--no-') ? byFlag.get('--' + flag.slice(5)) : undefined
    const m = byFlag.get(flag)
    if (negated && shapeOf(model, negated.shape).type === 'boolean') {
      booleans.set(negated, false)
      continue
    }
    if (!m) {
      unknown.push(arg)
      continue
    }
    if (!takesValue(model, m)) {
      booleans.set(m, true)
      continue
    }
    const list: string[] = eq > 0 ? [arg.slice(eq + 1)] : []
    if (eq < 0) {
      // nargs='+' for lists of scalars; one value otherwise.
      const many = shapeOf(model, m.shape).type === 'list'
      while (
        i + 1 < args.length &&
        (!args[i + 1]!.startsWith('--') || list.length === 0) &&
        (many || list.length === 0)
      )
        list.push(args[++i]!)
      if (list.length === 0) throw argparseError(`argument ${flag}: expected one argument`)
    }
    values.set(m, list)
  }

  const missing = [
    ...(shape.required ?? [])
      .map((r) => members.find((m) => m.name === r)!)
      .filter((m) => m && !values.has(m) && !booleans.has(m))
      .map((m) => m.cli!),
    ...(custom.positional && positional === undefined ? [custom.positional] : []),
  ]
  if (missing.length) throw requiredArguments(missing)
  if (unknown.length) throw unknownOptions(unknown)

  const input: Record<string, unknown> = {}
  for (const [m, raw] of values) input[m.name] = convert(model, m, raw, vfs, binary)
  for (const [m, b] of booleans) input[m.name] = b
  if (op.input) {
    const problems = validateParams(model, op.input, input)
    if (problems.length) throw new UsageError(`\nParameter validation failed:\n${problems.join('\n')}\n`)
  }
  return { input, ...(positional !== undefined ? { positional } : {}) }
}
