/**
 * SigV4 verification for strict mode: rebuild the canonical request and string to sign from what
 * arrived, sign them with the configured secret, compare. Header-signed (`Authorization:
 * AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`) and presigned (`X-Amz-*` query)
 * requests. Spec: AWS "Create a signed AWS API request" (canonical request, string to sign, signing key).
 *
 * Not verified: the per-chunk signatures of `STREAMING-AWS4-HMAC-SHA256-PAYLOAD` bodies (the seed
 * signature in the header is) and that a hex `x-amz-content-sha256` matches the body S3 stores.
 */
import { requestPath } from '../raw-path'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { toHex } from '../../crypto/bytes'

export interface Credential {
  accessKeyId: string
  secretAccessKey: string
  /** When set, requests must carry it as x-amz-security-token (temporary credentials). */
  sessionToken?: string
}

export type AuthFailure =
  | { kind: 'missing' }
  | { kind: 'incomplete'; message: string }
  | { kind: 'unknown-key'; accessKeyId: string }
  | { kind: 'bad-token'; accessKeyId: string }
  | { kind: 'expired'; expires: string; serverTime: string; seconds: string }
  | { kind: 'skewed'; requestTime: string; serverTime: string }
  | { kind: 'mismatch'; accessKeyId: string; stringToSign: string; canonicalRequest: string; signatureProvided: string }

export type AuthResult = { ok: true; accessKeyId: string } | { ok: false; failure: AuthFailure }

const enc = new TextEncoder()
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
/** S3 and KMS allow 15 minutes of clock difference. */
export const MAX_SKEW_MS = 15 * 60 * 1000

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ as %XX (upper case). */
export const uriEncode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** S3 signs the path encoded once; other services encode the already-encoded path again. */
export function canonicalPath(rawPath: string, service: string): string {
  const once = rawPath
    .split('/')
    .map((segment) => uriEncode(safeDecode(segment)))
    .join('/')
  return service === 's3' ? once || '/' : once.split('/').map(uriEncode).join('/') || '/'
}

export function canonicalQuery(rawQuery: string, drop: string[] = []): string {
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=')
      const k = safeDecode(eq < 0 ? pair : pair.slice(0, eq))
      const v = eq < 0 ? '' : safeDecode(pair.slice(eq + 1))
      return [uriEncode(k), uriEncode(v)] as const
    })
    .filter(([k]) => !drop.includes(k))
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

const hmacOf = (key: Uint8Array, text: string) => hmac(sha256, key, enc.encode(text))

const signingKeys = new Map<string, Uint8Array>()

/** The derived key changes once a day per region and service: cached, as AWS's own front ends do. */
export function signingKey(secret: string, date: string, region: string, service: string): Uint8Array {
  const id = `${secret}\n${date}\n${region}\n${service}`
  let key = signingKeys.get(id)
  if (!key) {
    key = hmacOf(hmacOf(hmacOf(hmacOf(enc.encode(`AWS4${secret}`), date), region), service), 'aws4_request')
    if (signingKeys.size > 64) signingKeys.clear()
    signingKeys.set(id, key)
  }
  return key
}

interface Parsed {
  accessKeyId: string
  date: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
  amzDate: string
  presigned: boolean
  expiresSeconds?: number
}

function parseAuthorization(value: string, headers: Headers): Parsed | AuthFailure {
  const params = Object.fromEntries(
    value
      .slice('AWS4-HMAC-SHA256'.length)
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
  )
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params[k])
  if (missing.length)
    return {
      kind: 'incomplete',
      message: missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '),
    }
  const amzDate = headers.get('x-amz-date') ?? ''
  if (!amzDate)
    return {
      kind: 'incomplete',
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    }
  return credentialScope(params.Credential!, {
    signedHeaders: params.SignedHeaders!.split(';'),
    signature: params.Signature!,
    amzDate,
    presigned: false,
  })
}

function credentialScope(
  credential: string,
  rest: Omit<Parsed, 'accessKeyId' | 'date' | 'region' | 'service'>,
): Parsed | AuthFailure {
  const parts = credential.split('/')
  if (parts.length !== 5 || parts[4] !== 'aws4_request')
    return { kind: 'incomplete', message: `Credential should be scoped to a valid region, not '${credential}'.` }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string]
  return { accessKeyId, date, region, service, ...rest }
}

function parsePresigned(query: URLSearchParams): Parsed | AuthFailure {
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    return { kind: 'incomplete', message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"' }
  const credential = query.get('X-Amz-Credential')
  const signature = query.get('X-Amz-Signature')
  const signed = query.get('X-Amz-SignedHeaders')
  const amzDate = query.get('X-Amz-Date')
  if (!credential || !signature || !signed || !amzDate)
    return {
      kind: 'incomplete',
      message:
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    }
  const expires = Number(query.get('X-Amz-Expires') ?? '')
  return credentialScope(credential, {
    signedHeaders: signed.split(';'),
    signature,
    amzDate,
    presigned: true,
    expiresSeconds: expires,
  })
}

/** `20261128T103000Z` → Date. */
const amzDateToDate = (amz: string) =>
  new Date(
    `${amz.slice(0, 4)}-${amz.slice(4, 6)}-${amz.slice(6, 8)}T${amz.slice(9, 11)}:${amz.slice(11, 13)}:${amz.slice(13, 15)}Z`,
  )
const isoNoMillis = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

const canonicalHeaderValue = (v: string) => v.trim().replace(/\s+/g, ' ')

/** True when the request claims SigV4 in either form (strict mode verifies those; the rest are anonymous). */
export const isSigned = (request: Request, url: URL) =>
  (request.headers.get('authorization') ?? '') !== '' || url.searchParams.has('X-Amz-Signature')

/**
 * Checks a request's SigV4 signature against `credentials`. `body` is needed only for services that sign
 * the payload without an x-amz-content-sha256 header (KMS's JSON protocol). `now` is wall-clock time.
 */
export function verifySigV4(
  request: Request,
  url: URL,
  credentials: readonly Credential[],
  body: Uint8Array | undefined,
  now: Date = new Date(),
): AuthResult {
  const authorization = request.headers.get('authorization') ?? ''
  const presigned = url.searchParams.has('X-Amz-Signature') || url.searchParams.has('X-Amz-Credential')
  if (!authorization && !presigned) return { ok: false, failure: { kind: 'missing' } }
  if (authorization && !authorization.startsWith('AWS4-HMAC-SHA256'))
    return { ok: false, failure: { kind: 'incomplete', message: 'Unsupported Authorization Type' } }
  const parsed = authorization ? parseAuthorization(authorization, request.headers) : parsePresigned(url.searchParams)
  if ('kind' in parsed) return { ok: false, failure: parsed }
  const credential = credentials.find((c) => c.accessKeyId === parsed.accessKeyId)
  if (!credential) return { ok: false, failure: { kind: 'unknown-key', accessKeyId: parsed.accessKeyId } }
  const token = request.headers.get('x-amz-security-token') ?? url.searchParams.get('X-Amz-Security-Token') ?? undefined
  if (credential.sessionToken !== undefined && token !== credential.sessionToken)
    return { ok: false, failure: { kind: 'bad-token', accessKeyId: parsed.accessKeyId } }
  const signedAt = amzDateToDate(parsed.amzDate)
  if (Number.isNaN(signedAt.getTime()))
    return {
      ok: false,
      failure: { kind: 'incomplete', message: `Date must be in ISO-8601 'basic format'. Got '${parsed.amzDate}'.` },
    }
  if (parsed.presigned) {
    const expiry = new Date(signedAt.getTime() + (parsed.expiresSeconds ?? 0) * 1000)
    if (now > expiry)
      return {
        ok: false,
        failure: {
          kind: 'expired',
          expires: isoNoMillis(expiry),
          serverTime: isoNoMillis(now),
          seconds: String(parsed.expiresSeconds ?? 0),
        },
      }
  } else if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
    return {
      ok: false,
      failure: { kind: 'skewed', requestTime: request.headers.get('x-amz-date') ?? '', serverTime: isoNoMillis(now) },
    }
  }
  const headerValue = (name: string) => {
    // host and content-length are signed but set by the HTTP stack: rebuild host from the URL when absent.
    if (name === 'host') return request.headers.get('host') ?? url.host
    return request.headers.get(name) ?? ''
  }
  const canonicalHeaders = parsed.signedHeaders.map((h) => `${h}:${canonicalHeaderValue(headerValue(h))}\n`).join('')
  const payloadHash = parsed.presigned
    ? (url.searchParams.get('X-Amz-Content-Sha256') ??
      request.headers.get('x-amz-content-sha256') ??
      'UNSIGNED-PAYLOAD')
    : (request.headers.get('x-amz-content-sha256') ?? (body ? toHex(sha256(body)) : EMPTY_SHA256))
  const rawQuery = url.search.replace(/^\?/, '')
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(requestPath(request, url), parsed.service),
    canonicalQuery(rawQuery, parsed.presigned ? ['X-Amz-Signature'] : []),
    canonicalHeaders,
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n')
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', parsed.amzDate, scope, toHex(sha256(enc.encode(canonicalRequest)))].join(
    '\n',
  )
  const expected = toHex(
    hmac(
      sha256,
      signingKey(credential.secretAccessKey, parsed.date, parsed.region, parsed.service),
      enc.encode(stringToSign),
    ),
  )
  if (expected !== parsed.signature.toLowerCase()) {
    return {
      ok: false,
      failure: {
        kind: 'mismatch',
        accessKeyId: parsed.accessKeyId,
        stringToSign,
        canonicalRequest,
        signatureProvided: parsed.signature,
      },
    }
  }
  return { ok: true, accessKeyId: parsed.accessKeyId }
}

/** S3 lists the bytes of StringToSign and CanonicalRequest as space-separated hex pairs. */
export const hexBytes = (text: string) => [...enc.encode(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ')
