/** What every handler knows about the request it serves. */
import { toBase64, toHex } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import { Trace, type TraceClock } from '../trace/trace'
import type { Credential } from './auth/sigv4'
import { requestPath } from './raw-path'

export interface RequestContext {
  request: Request
  url: URL
  /** The path as sent, `..` and all (raw-path.ts): where bucket and key come from. */
  path: string
  method: string
  headers: Headers
  query: URLSearchParams
  /** S3's x-amz-request-id: 16 upper-case hex digits. */
  requestId: string
  /** S3's x-amz-id-2: an opaque base64 token. */
  hostId: string
  /** True over HTTPS (the browser's emulator endpoint is https; the localhost server is http). */
  secure: boolean
  /** The emulator's own steps for this request, with timings (the inspector's server-side trace). */
  trace: Trace
  /** Strict mode's credentials, for checks that happen inside an operation (a POST form's signature). */
  credentials?: readonly Credential[]
}

export function createContext(request: Request, random: RandomSource, clock?: TraceClock): RequestContext {
  const url = new URL(request.url)
  return {
    request,
    url,
    path: requestPath(request, url),
    method: request.method.toUpperCase(),
    headers: request.headers,
    query: url.searchParams,
    requestId: toHex(random(8)).toUpperCase(),
    hostId: toBase64(random(48)),
    secure: url.protocol === 'https:',
    trace: new Trace(clock),
  }
}

export const idHeaders = (ctx: RequestContext): Record<string, string> => ({
  'x-amz-request-id': ctx.requestId,
  'x-amz-id-2': ctx.hostId,
})
