/**
 * The scratchpad worker's `fetch`, forwarded to the page: the worker posts each request, the page sends it
 * with its own `fetch` (through the MSW service worker to the in-page emulator, or to a real target) and
 * posts the response back. So the worker's requests land in the same inspector and audit trail as the
 * terminal's, whether or not the service worker controls the dedicated worker (a hard reload, Shift+F5,
 * leaves the page and its workers uncontrolled), and with several playground tabs open each worker's
 * requests reach its own page's emulator.
 */

export interface WireRequest {
  id: number
  url: string
  method: string
  headers: [string, string][]
  body?: ArrayBuffer
}

export interface WireResponse {
  id: number
  status: number
  statusText: string
  headers: [string, string][]
  body?: ArrayBuffer
  /** A network error (the page's fetch rejected): the worker's fetch rejects with it, as fetch does. */
  error?: string
}

const NO_BODY_METHODS = new Set(['GET', 'HEAD'])
const NULL_BODY_STATUS = new Set([101, 204, 205, 304])

export async function toWire(id: number, input: RequestInfo | URL, init?: RequestInit): Promise<WireRequest> {
  const request = new Request(input, init)
  const body = NO_BODY_METHODS.has(request.method) ? undefined : await request.arrayBuffer()
  return {
    id,
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    ...(body && body.byteLength > 0 ? { body } : {}),
  }
}

/** Page side: send one forwarded request and describe the answer. */
export async function answer(
  request: WireRequest,
  send: (request: Request) => Promise<Response>,
): Promise<WireResponse> {
  try {
    const response = await send(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body } : {}),
      }),
    )
    const body =
      request.method === 'HEAD' || NULL_BODY_STATUS.has(response.status) ? undefined : await response.arrayBuffer()
    return {
      id: request.id,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      ...(body ? { body } : {}),
    }
  } catch (error) {
    return {
      id: request.id,
      status: 0,
      statusText: '',
      headers: [],
      error: error instanceof Error ? error.message : String(error),
    }
  }
}

export function fromWire(response: WireResponse): Response {
  if (response.error !== undefined) throw new TypeError(`Failed to fetch: ${response.error}`)
  return new Response(response.body ?? null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

/** Worker side: a `fetch` that posts requests out, and `receive` for the answers coming back. */
export function forwardingFetch(post: (request: WireRequest) => void) {
  let next = 1
  const pending = new Map<number, { resolve: (r: Response) => void; reject: (e: unknown) => void }>()
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const wire = await toWire(next++, input, init)
    return new Promise<Response>((resolve, reject) => {
      pending.set(wire.id, { resolve, reject })
      post(wire)
    })
  }
  const receive = (response: WireResponse) => {
    const waiting = pending.get(response.id)
    if (!waiting) return
    pending.delete(response.id)
    try {
      waiting.resolve(fromWire(response))
    } catch (error) {
      waiting.reject(error)
    }
  }
  return { fetch, receive }
}
