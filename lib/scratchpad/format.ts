/**
 * How the scratchpad's console prints values: strings as they are, objects pretty-printed (bytes
 * summarised, dates in ISO form, cycles marked), and errors as the AWS error name and message the service
 * returned, with the HTTP status.
 */

const MAX_BYTES_SHOWN = 32
const MAX_DEPTH = 6

function bytesPreview(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, MAX_BYTES_SHOWN), (b) => b.toString(16).padStart(2, '0')).join(' ')
  return `Uint8Array(${bytes.length}) [${hex}${bytes.length > MAX_BYTES_SHOWN ? ' …' : ''}]`
}

/** `NoSuchKey: The specified key does not exist. (HTTP 404)` for SDK errors; `Error: message` otherwise. */
export function formatError(error: Error): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
  const fault = (error as { $fault?: string }).$fault
  return `${error.name}: ${error.message}${status ? ` (HTTP ${status}${fault ? `, ${fault} fault` : ''})` : ''}`
}

/** A JSON-like, indented view that keeps what JSON.stringify would lose or mangle. */
function toPlain(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value === undefined) return '[undefined]'
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`
  if (typeof value === 'symbol') return value.toString()
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof Uint8Array) return bytesPreview(value)
  if (value instanceof ArrayBuffer) return bytesPreview(new Uint8Array(value))
  if (value instanceof Error) return formatError(value)
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]'
  seen.add(value)
  const out = Array.isArray(value)
    ? value.map((v) => toPlain(v, seen, depth + 1))
    : value instanceof Map
      ? Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v, seen, depth + 1)]))
      : value instanceof Set
        ? [...value].map((v) => toPlain(v, seen, depth + 1))
        : Object.fromEntries(
            Object.entries(value)
              // The SDK's streaming bodies and internal symbols say nothing useful in a console.
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [
                k,
                isStream(v)
                  ? `[${v.constructor?.name ?? 'Stream'}: read it with await .transformToString()]`
                  : toPlain(v, seen, depth + 1),
              ]),
          )
  seen.delete(value)
  return out
}

const isStream = (v: unknown): v is { constructor?: { name: string } } =>
  typeof v === 'object' &&
  v !== null &&
  (typeof (v as { getReader?: unknown }).getReader === 'function' ||
    typeof (v as { transformToString?: unknown }).transformToString === 'function')

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) {
    const extra = Object.entries(value).filter(([k]) => !k.startsWith('$') && !['name', 'message', 'stack'].includes(k))
    return extra.length
      ? `${formatError(value)}\n${JSON.stringify(Object.fromEntries(extra.map(([k, v]) => [k, toPlain(v, new WeakSet(), 1)])), null, 2)}`
      : formatError(value)
  }
  const plain = toPlain(value, new WeakSet(), 0)
  return typeof plain === 'string' ? plain : JSON.stringify(plain, null, 2)
}

/** console.log's arguments joined as a browser console would: strings raw, the rest formatted. */
export const formatArgs = (args: readonly unknown[]): string => args.map(formatValue).join(' ')

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error'
export interface ConsoleLine {
  level: ConsoleLevel
  text: string
}
