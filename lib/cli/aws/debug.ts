/**
 * `--debug`: the wire exchanges in aws-cli's debug-log format (botocore.endpoint, urllib3, botocore.parsers
 * lines on stderr), taken from the SDK's middleware stack just before and after the HTTP call.
 */
import type { Clients, ServiceName } from '../../sdk/clients'
import type { WireRequest } from '../../sdk/recorder'

type Log = (logger: string, message: string) => void

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** Python logging's default asctime: local "YYYY-MM-DD HH:MM:SS,mmm". */
export function asctime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`
}

export const debugLine = (logger: string, message: string, now = new Date()) =>
  `${asctime(now)} - MainThread - ${logger} - DEBUG - ${message}\n`

const pyRepr = (v: unknown): string => {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'number') return String(v)
  if (v instanceof Uint8Array) return `<${v.length} bytes>`
  if (v instanceof Date) return `datetime(${v.toISOString()})`
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  return `{${Object.entries(v as object)
    .filter(([k]) => k !== '$metadata')
    .map(([k, x]) => `'${k}': ${pyRepr(x)}`)
    .join(', ')}}`
}

const MASKED = ['x-amz-server-side-encryption-customer-key', 'x-amz-copy-source-server-side-encryption-customer-key']

function urlOf(r: WireRequest): string {
  const query = Object.entries(r.query ?? {})
    .flatMap(([k, v]) => (v === null ? [k] : (Array.isArray(v) ? v : [v]).map((x) => `${k}=${encodeURIComponent(x)}`)))
    .join('&')
  return `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}${query ? `?${query}` : ''}`
}

const NAME = 'playgroundCliDebug'

/** Adds the logging middleware to every client for one command; returns the function that removes it. */
export function attachDebug(clients: Clients, log: Log): () => void {
  const services: ServiceName[] = ['s3', 'kms', 'cloudtrail', 'sts']
  for (const service of services) {
    const stack = clients[service].middlewareStack as unknown as {
      add(mw: unknown, options: Record<string, unknown>): void
      remove(name: string): boolean
    }
    stack.add(
      (
        next: (a: unknown) => Promise<{ response: { statusCode: number; headers: Record<string, string> } }>,
        context: { commandName?: string },
      ) =>
        async (args: { input: unknown; request: WireRequest }) => {
          const r = args.request
          const op = (context.commandName ?? '').replace(/Command$/, '')
          const headers = Object.fromEntries(
            Object.entries(r.headers).map(([k, v]) => [k, MASKED.includes(k.toLowerCase()) ? '****' : v]),
          )
          log('botocore.endpoint', `Making request for OperationModel(name=${op}) with params: ${pyRepr(args.input)}`)
          log(
            'botocore.endpoint',
            `Sending http request: <AWSPreparedRequest stream_output=False, method=${r.method}, url=${urlOf(r)}, headers=${pyRepr(headers)}>`,
          )
          const result = await next(args)
          const res = result.response
          const origin = `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}`
          log(
            'urllib3.connectionpool',
            `${origin} "${r.method} ${urlOf(r).slice(origin.length)} HTTP/1.1" ${res.statusCode} ${res.headers['content-length'] ?? 'None'}`,
          )
          log('botocore.parsers', `Response headers: ${pyRepr(res.headers)}`)
          return result
        },
      { step: 'deserialize', priority: 'low', name: NAME, override: true },
    )
  }
  return () => {
    for (const service of services)
      (clients[service].middlewareStack as unknown as { remove(n: string): boolean }).remove(NAME)
  }
}
