/**
 * The MSW front door: one catch-all handler for the emulator's hosts that hands the request to the
 * same `handle` the Node server uses, and records the exchange for the inspector. Bodies are read once,
 * by the emulator and by the client; the inspector only taps them (body-tap.ts) for size and preview.
 */
import { http } from 'msw'
import type { Emulator } from '../../emulator/create-emulator'
import type { RequestEvent } from '../../emulator/events'
import { maskHeaders, MAX_PREVIEW, previewBody, type ExchangeLog } from '../../inspector/exchange'
import { tapBody } from './body-tap'
import { RAW_PATH_HEADER } from '../../protocol/raw-path'

/**
 * Every host under emulator.invalid: `s3.emulator.invalid`, `bucket.s3.emulator.invalid`, `kms.emulator.invalid`.
 * Plain `http://` too, as S3 answers on port 80: `aws --endpoint-url http://s3.emulator.invalid` shows what
 * HTTPS-only policies and SSE-C do to a request without TLS (a page served over https may not even send it:
 * browsers block such mixed content before a service worker sees it).
 */
export const EMULATOR_HOSTS = /^https?:\/\/([a-z0-9.-]+\.)?emulator\.invalid(:\d+)?(\/|$)/

export function createHandlers(emulator: Emulator, log: ExchangeLog) {
  const events = new Map<string, RequestEvent>()
  emulator.events.subscribe((e) => events.set(e.requestId, e))
  return [
    http.all(EMULATOR_HOSTS, async ({ request }) => {
      const started = performance.now()
      const requestTap = request.body ? tapBody(request.body) : undefined
      const tapped = requestTap
        ? new Request(request, { body: requestTap.stream, duplex: 'half' } as RequestInit)
        : request
      let response = await emulator.handle(tapped)
      await requestTap?.drain()
      // A response small enough to preview is read here, once, and answered from those bytes; a larger one
      // (an object download) streams to the client untouched, its size taken from Content-Length.
      const declared = Number(response.headers.get('content-length') ?? NaN)
      let responseBytes: Uint8Array | undefined
      if (response.body && !(declared > MAX_PREVIEW)) {
        responseBytes = new Uint8Array(await response.arrayBuffer())
        response = new Response(responseBytes.length ? (responseBytes as Uint8Array<ArrayBuffer>) : null, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        })
      }
      const requestBytes = requestTap?.preview()
      const requestId =
        response.headers.get('x-amz-request-id') ?? response.headers.get('x-amzn-requestid') ?? undefined
      const event = requestId ? events.get(requestId) : undefined
      if (requestId) events.delete(requestId)
      log.add({
        ...(requestId ? { requestId } : {}),
        ...(event ? { operation: event.operation } : {}),
        ...(event?.trace ? { trace: event.trace } : {}),
        method: request.method,
        url: request.url,
        status: response.status,
        // The raw-path header is the page's own plumbing (lib/protocol/raw-path.ts), not part of the exchange.
        requestHeaders: maskHeaders([...request.headers].filter(([name]) => name !== RAW_PATH_HEADER)),
        responseHeaders: [...response.headers],
        requestBodySize: requestTap?.size ?? 0,
        ...(requestBytes ? { requestBody: previewBody(requestBytes, request.headers.get('content-type')) } : {}),
        responseBodySize: responseBytes?.length ?? (Number.isFinite(declared) ? declared : 0),
        ...(responseBytes ? { responseBody: previewBody(responseBytes, response.headers.get('content-type')) } : {}),
        startedAt: Date.now(),
        ms: performance.now() - started,
      })
      return response
    }),
  ]
}
