/**
 * Exchanges with a real target, recorded from the SDK's side. The service worker does not answer these
 * (it passes them through untouched), so the inspector learns about them here: the signed request as it
 * left, and the response as browser code could read it, which after CORS is only the safelisted headers
 * and those the bucket lists in ExposeHeaders. A request that got no readable answer at all (fetch's
 * "TypeError: Failed to fetch") is recorded with status 0 and flagged as a likely CORS refusal.
 */
import type { Clients, ServiceName } from './clients'
import { maskHeaders, previewBody, type Exchange } from '../inspector/exchange'

export type RecordedExchange = Omit<Exchange, 'id'>

export type ExchangeSink = (exchange: RecordedExchange) => void

/** The SDK's HTTP request as its middleware sees it (@smithy/protocol-http HttpRequest's fields). */
export interface WireRequest {
  method: string
  protocol: string
  hostname: string
  port?: number
  path: string
  query?: Record<string, string | string[] | null>
  headers: Record<string, string>
  body?: unknown
}

interface RawResponse {
  statusCode: number
  headers: Record<string, string>
}

const NAME = 'playgroundRecorder'

export function requestUrl(r: WireRequest): string {
  const query = Object.entries(r.query ?? {})
    .flatMap(([k, v]) =>
      v === null
        ? [encodeURIComponent(k)]
        : (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`),
    )
    .join('&')
  return `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}${query ? `?${query}` : ''}`
}

function bodyPreview(body: unknown, contentType: string | undefined): { size: number; text?: string } {
  const bytes =
    typeof body === 'string' ? new TextEncoder().encode(body) : body instanceof Uint8Array ? body : undefined
  if (!bytes) return { size: 0 }
  const text = previewBody(bytes, contentType ?? null)
  return { size: bytes.length, ...(text !== undefined ? { text } : {}) }
}

/** True for the error fetch gives when the browser refused to let the page read the answer (CORS) or the network failed. */
export function isFetchFailure(error: unknown): boolean {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
  return (
    !e?.$metadata?.httpStatusCode &&
    e?.name === 'TypeError' &&
    /Failed to fetch|NetworkError|Load failed|fetch failed/i.test(e?.message ?? '')
  )
}

/** Adds the recorder to every client; returns the function that removes it. */
export function recordExchanges(clients: Clients, sink: ExchangeSink, targetLabel: string): () => void {
  const services: ServiceName[] = ['s3', 'kms', 'cloudtrail', 'sts']
  for (const service of services) {
    const stack = clients[service].middlewareStack as unknown as {
      add(mw: unknown, options: Record<string, unknown>): void
    }
    stack.add(
      (next: (a: unknown) => Promise<{ response: RawResponse }>, context: { commandName?: string }) =>
        async (args: { request: WireRequest }) => {
          const r = args.request
          const started = Date.now()
          const t0 = typeof performance === 'undefined' ? started : performance.now()
          const sent = bodyPreview(r.body, r.headers['content-type'])
          const base = {
            operation: (context.commandName ?? '').replace(/Command$/, ''),
            method: r.method,
            url: requestUrl(r),
            requestHeaders: maskHeaders(Object.entries(r.headers)),
            requestBodySize: sent.size,
            ...(sent.text !== undefined ? { requestBody: sent.text } : {}),
            startedAt: started,
            target: targetLabel,
          }
          const elapsed = () => (typeof performance === 'undefined' ? Date.now() : performance.now()) - t0
          try {
            const result = await next(args)
            const res = result.response
            const headers = Object.entries(res.headers)
            const requestId = res.headers['x-amz-request-id'] ?? res.headers['x-amzn-requestid']
            sink({
              ...base,
              ...(requestId ? { requestId } : {}),
              status: res.statusCode,
              responseHeaders: headers,
              responseBodySize: Number(res.headers['content-length'] ?? 0),
              ms: elapsed(),
            })
            return result
          } catch (error) {
            const res = (error as { $response?: RawResponse }).$response
            if (res?.statusCode) {
              sink({
                ...base,
                status: res.statusCode,
                responseHeaders: Object.entries(res.headers),
                responseBodySize: Number(res.headers['content-length'] ?? 0),
                ms: elapsed(),
              })
            } else if (isFetchFailure(error)) {
              sink({
                ...base,
                status: 0,
                responseHeaders: [],
                responseBodySize: 0,
                ms: elapsed(),
                blocked: 'no-response',
              })
            }
            throw error
          }
        },
      { step: 'deserialize', priority: 'low', name: NAME, override: true },
    )
  }
  return () => {
    for (const service of services)
      (clients[service].middlewareStack as unknown as { remove(n: string): boolean }).remove(NAME)
  }
}
