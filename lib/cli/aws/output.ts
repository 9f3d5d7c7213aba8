/**
 * aws-cli's JSON output: keys in the API model's member order (not the SDK's), timestamps as Python's
 * isoformat, blobs as base64, and json.dumps(indent=4) layout.
 */
import { toBase64 } from '../../crypto/bytes'
import { shapeOf, type ServiceModel } from './model'

/** datetime.isoformat() of a UTC time: microseconds only when non-zero, "+00:00" offset. */
export function pyIsoformat(d: Date): string {
  const base = d.toISOString().slice(0, 19)
  const ms = d.getUTCMilliseconds()
  return `${base}${ms ? `.${String(ms).padStart(3, '0')}000` : ''}+00:00`
}

const HTTP_LOCATIONS = new Set(['header', 'headers', 'statusCode'])

/**
 * Orders and converts an SDK output object by the model; drops $metadata and streaming members. At the top
 * level botocore's REST parsers fill header members first and the body after, so the order follows that.
 */
export function toCliValue(model: ServiceModel, shapeName: string, value: unknown, topLevel = true): unknown {
  if (value === undefined || value === null) return value
  const shape = shapeOf(model, shapeName)
  switch (shape.type) {
    case 'structure': {
      const v = value as Record<string, unknown>
      const out: Record<string, unknown> = {}
      const members = shape.members ?? []
      const ordered = topLevel
        ? [
            ...members.filter((m) => HTTP_LOCATIONS.has(m.location ?? '')),
            ...members.filter((m) => !HTTP_LOCATIONS.has(m.location ?? '')),
          ]
        : members
      for (const m of ordered) {
        if (m.streaming || shapeOf(model, m.shape).streaming) continue
        if (m.name in v && v[m.name] !== undefined) out[m.name] = toCliValue(model, m.shape, v[m.name], false)
      }
      return out
    }
    case 'list':
      return (value as unknown[]).map((x) => toCliValue(model, shape.member!, x, false))
    case 'map':
      return Object.fromEntries(
        Object.entries(value as object).map(([k, x]) => [k, toCliValue(model, shape.value!, x, false)]),
      )
    case 'timestamp':
      return value instanceof Date ? pyIsoformat(value) : value
    case 'blob':
      return value instanceof Uint8Array ? toBase64(value) : value
    default:
      return value
  }
}

const pyString = (s: string) => JSON.stringify(s) // ensure_ascii=False output matches JSON.stringify for strings

function pyFloat(n: number): string {
  if (Number.isInteger(n)) return String(n)
  return String(n)
}

/** json.dumps(value, indent=4, ensure_ascii=False) */
export function pyJsonDumps(value: unknown, depth = 0): string {
  const pad = '    '.repeat(depth + 1)
  const end = '    '.repeat(depth)
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return pyString(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') return pyFloat(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((x) => pad + pyJsonDumps(x, depth + 1)).join(',\n')}\n${end}]`
  }
  const entries = Object.entries(value as object)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, x]) => `${pad}${pyString(k)}: ${pyJsonDumps(x, depth + 1)}`).join(',\n')}\n${end}}`
}
