/**
 * Bucket CORS rules honoured as S3 does (strict mode): preflights (OPTIONS) answered from the bucket's
 * configuration, and Access-Control-* headers on actual responses whose Origin a rule allows. A page
 * then sees exactly what it would see against a real bucket: refused preflights, and only the headers
 * ExposeHeaders names. 'permissive' mode (the plain Node server) allows any origin and exposes every
 * header, so `npm run emulator` can be a playground target without any setup.
 */
import { matchRule, requestedHeaders } from '../cors/rules'
import type { CorsRule } from '../s3/model'
import type { S3State } from '../s3/state'
import { S3Error } from '../s3/errors'
import { parseAddress } from './s3/address'
import type { OriginPolicy } from './origins'
import { requestPath } from './raw-path'

export type CorsMode = 'rules' | 'permissive'

const NOT_ALLOWED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."

const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method'

function ruleHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const any = rule.allowedOrigins.includes('*') && !rule.allowedOrigins.includes(origin)
  return {
    'access-control-allow-origin': any ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(rule.exposeHeaders.length ? { 'access-control-expose-headers': rule.exposeHeaders.join(', ') } : {}),
    ...(rule.maxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.maxAgeSeconds) } : {}),
    ...(any ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: VARY,
  }
}

/** A JSON-protocol call (KMS, CloudTrail) or STS: AWS answers their preflights for any origin. */
const isServiceCall = (headers: string[]) => headers.includes('x-amz-target')

/** The answer to an OPTIONS request; S3Error for a refused one (rendered as S3 XML by the caller). */
export function preflight(request: Request, url: URL, s3: S3State, mode: CorsMode, origins?: OriginPolicy): Response {
  const answer = preflightAnswer(request, url, s3, mode, origins)
  // Private Network Access: Chromium asks before a public page reaches a private address, and goes on only
  // when the answer says yes. Only an answer that already allows the origin says it.
  if (request.headers.get('access-control-request-private-network') !== 'true') return answer
  return withHeaders(answer, { 'access-control-allow-private-network': 'true' })
}

function preflightAnswer(request: Request, url: URL, s3: S3State, mode: CorsMode, origins?: OriginPolicy): Response {
  const origin = request.headers.get('origin')
  const method = request.headers.get('access-control-request-method')
  const headers = requestedHeaders(request.headers.get('access-control-request-headers'))
  if (!origin) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.', 400)
  if (!method) throw new S3Error('BadRequest', 'Invalid Access-Control-Request-Method: null', 400)
  const { bucket: name, key } = parseAddress(url, requestPath(request, url))
  const resourceType = key === undefined ? 'BUCKET' : 'OBJECT'
  // Outside bucket rules, only the origins the server trusts (loopback and --allow-origin by default).
  if ((mode === 'permissive' || isServiceCall(headers) || !name) && origins && !origins(origin))
    throw new S3Error('AccessForbidden', NOT_ALLOWED, 403, { Method: method, ResourceType: resourceType })
  const allowAll = {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
    ...(headers.length ? { 'access-control-allow-headers': headers.join(', ') } : {}),
    'access-control-allow-credentials': 'true',
    'access-control-max-age': '600',
    vary: VARY,
  }
  if (mode === 'permissive' || isServiceCall(headers) || !name)
    return new Response(null, { status: 200, headers: allowAll })
  const rules = s3.bucket(name).cors
  if (!rules)
    throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', 403, {
      Method: method,
      ResourceType: resourceType,
    })
  const rule = matchRule(rules, origin, method, headers)
  if (!rule) throw new S3Error('AccessForbidden', NOT_ALLOWED, 403, { Method: method, ResourceType: resourceType })
  // The preflight answer names the rule's ExposeHeaders too, as S3's OPTIONS object does (docs/fidelity.md §6).
  return new Response(null, {
    status: 200,
    headers: {
      ...ruleHeaders(rule, origin),
      ...(headers.length ? { 'access-control-allow-headers': headers.join(', ') } : {}),
    },
  })
}

/** Access-Control-* headers for an actual (non-OPTIONS) response, or none when no rule allows the origin. */
export function corsHeaders(
  request: Request,
  url: URL,
  s3: S3State,
  mode: CorsMode,
  service: 's3' | 'json' | 'control',
  origins?: OriginPolicy,
): Record<string, string> {
  const origin = request.headers.get('origin')
  if (!origin) return {}
  if (mode === 'permissive' || service !== 's3') {
    // Outside bucket rules only trusted origins may read (their preflights are refused the same way).
    if (origins && !origins(origin)) return {}
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': '*',
      vary: 'Origin',
    }
  }
  let name: string | undefined
  try {
    name = parseAddress(url, requestPath(request, url)).bucket
  } catch {
    return {} // a path S3 cannot parse has no bucket, so no rules
  }
  const rules = name ? s3.buckets.get(name)?.cors : undefined
  const rule = rules && matchRule(rules, origin, request.method)
  return rule ? ruleHeaders(rule, origin) : {}
}

/** The same response with extra headers (Responses from handle() may have immutable headers). */
export function withHeaders(response: Response, extra: Record<string, string>): Response {
  if (Object.keys(extra).length === 0) return response
  const headers = new Headers(response.headers)
  for (const [k, v] of Object.entries(extra)) headers.set(k, v)
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/** Where a page asks what the server really sent (before CORS filtered it): `GET /_playground/sent-headers/<request id>`. */
export const SENT_HEADERS_PATH = '/_playground/sent-headers/'

const SENT_HEADERS_KEPT = 200

/**
 * The response headers of the last requests, by request id, so the inspector can show which ones CORS hid
 * from the page (it reads the id from x-amz-request-id, which the doctor's configuration exposes). They carry
 * user metadata, so only trusted origins may read them, and strict mode asks for the S3 credential.
 */
export class SentHeaders {
  private readonly byId = new Map<string, [string, string][]>()

  record(response: Response): void {
    const id = response.headers.get('x-amz-request-id') ?? response.headers.get('x-amzn-requestid')
    if (!id) return
    this.byId.set(id, [...response.headers])
    if (this.byId.size > SENT_HEADERS_KEPT) this.byId.delete(this.byId.keys().next().value!)
  }

  /** The answer without CORS headers: the caller adds them for trusted origins only. */
  answer(path: string): Response {
    const id = path.slice(SENT_HEADERS_PATH.length)
    const headers = /^[0-9A-Za-z-]{1,64}$/.test(id) ? this.byId.get(id) : undefined
    if (!headers)
      return new Response(JSON.stringify({ error: 'no such request id (only the last 200 are kept)' }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      })
    return new Response(JSON.stringify({ headers }), { status: 200, headers: { 'content-type': 'application/json' } })
  }
}
