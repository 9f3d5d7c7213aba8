/**
 * handle(Request) → Promise<Response>: the single entry point that the MSW worker, the Node HTTP
 * server and the tests all call. Fetch API only, so it runs unchanged in browsers and Node.
 */
import type { Emulator } from '../emulator/create-emulator'
import { internalError, S3Error } from '../s3/errors'
import type { PolicyTrace } from '../s3/policy/authorize'
import { RequestBody } from './request-body'
import { handleCloudTrail } from './cloudtrail/dispatch'
import { createContext, type RequestContext } from './context'
import { jsonError } from './json/respond'
import { handleKms, type Dispatched } from './kms/dispatch'
import { routeS3 } from './s3/routes'
import { renderS3Error } from './s3/errors'
import { isCloudTrailRequest, isKmsRequest, isStsRequest } from './route-service'
import { handleSts } from './sts/dispatch'
import { handleControl, isControlPath } from './control'
import { corsHeaders, preflight, SENT_HEADERS_PATH, SentHeaders, withHeaders, type CorsMode } from './cors'
import { isSigned, verifySigV4, type Credential } from './auth/sigv4'
import { formBoundary } from './form-data'
import { jsonAuthError, s3AuthError, stsAuthError } from './auth/errors'
import { bounded, BodyTooLarge, MAX_JSON_BODY_BYTES, withBoundedBody } from './bounded'
import type { OriginPolicy } from './origins'
import { requestPath } from './raw-path'

/** What a host can switch on (strict mode on the Node server; the tests). The browser's worker uses neither. */
export interface HandleOptions {
  /** Verify SigV4 signatures against these credentials (strict mode); absent: any signature is accepted. */
  auth?: { credentials: Credential[] }
  /** Answer preflights and add Access-Control-* headers: from each bucket's CORS rules, or allowing everything. */
  cors?: CorsMode
  /**
   * The origins that may read answers outside bucket rules (permissive mode, the control endpoints); absent:
   * every origin. The Node server passes loopback origins plus --allow-origin unless `--cors permissive`.
   */
  origins?: OriginPolicy
}

export function createHandle(emulator: Emulator, options: HandleOptions = {}): (request: Request) => Promise<Response> {
  // Sent headers are kept only where a page could be kept from reading them (CORS on: the Node server).
  const sent = options.cors ? new SentHeaders() : undefined
  const handle = createServiceHandle(emulator, options, sent)
  if (!options.cors) return handle
  const mode = options.cors
  return async (request) => {
    const url = new URL(request.url)
    const control = isControlPath(requestPath(request, url))
    if (request.method === 'OPTIONS') {
      const ctx = createContext(request, emulator.random)
      try {
        return preflight(request, url, emulator.s3, control ? 'permissive' : mode, options.origins)
      } catch (error) {
        return renderS3Error(asS3Error(error, ctx), ctx)
      }
    }
    const response = await handle(request)
    if (!control) sent?.record(response)
    const service = control
      ? 'control'
      : isKmsRequest(request) || isCloudTrailRequest(request) || isStsRequest(request)
        ? 'json'
        : 's3'
    const extra = corsHeaders(request, url, emulator.s3, mode, service, options.origins)
    // Permissive mode exposes what this response carries (a wildcard would not cover credentialed requests).
    if (extra['access-control-expose-headers'] === '*')
      extra['access-control-expose-headers'] = [...response.headers.keys()].join(', ')
    return withHeaders(response, extra)
  }
}

function createServiceHandle(
  emulator: Emulator,
  options: HandleOptions,
  sent: SentHeaders | undefined,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const started = performance.now()
    const ctx = createContext(request, emulator.random, emulator.traceClock)
    if (isControlPath(ctx.path)) {
      // Strict mode: the clock, traces and sent headers need the S3 credential too (they move time, name keys
      // and objects, and carry user metadata).
      const refused = options.auth ? await authenticate(request, ctx, 's3', options.auth.credentials) : undefined
      if (refused) return refused
      if (sent && ctx.path.startsWith(SENT_HEADERS_PATH)) return sent.answer(ctx.path)
      return handleControl(emulator, request, ctx.url, ctx.path)
    }
    const service = isKmsRequest(request)
      ? 'kms'
      : isCloudTrailRequest(request)
        ? 'cloudtrail'
        : isStsRequest(request)
          ? 'sts'
          : 's3'
    // JSON and STS bodies are small documents: read them whole, but never past their cap (before signatures
    // are checked, which needs the bytes), so a 400 MB "KeyId" is refused without being held.
    if (service !== 's3') {
      try {
        request = await withBoundedBody(request, MAX_JSON_BODY_BYTES)
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error
        return jsonError('RequestEntityTooLargeException', error.message, ctx.requestId, 413)
      }
    }
    // A browser form upload signs its policy field, not the request: POST Object checks that itself.
    if (options.auth) ctx.credentials = options.auth.credentials
    const formUpload = service === 's3' && isFormUpload(request, ctx.url)
    const refused =
      options.auth && !formUpload ? await authenticate(request, ctx, service, options.auth.credentials) : undefined
    if (refused) {
      emulator.events.emit({
        requestId: ctx.requestId,
        service,
        operation: 'Unknown',
        method: ctx.method,
        status: refused.status,
        ms: performance.now() - started,
      })
      return refused
    }
    let operation = 'Unknown'
    let requestId = ctx.requestId
    let bucket: string | undefined
    let key: string | undefined
    let trace: PolicyTrace | undefined
    let response: Response
    if (service === 'sts') {
      ;({ operation, response } = await handleSts(request, emulator.s3.options.account, requestId))
    } else if (service !== 's3') {
      const dispatched = await jsonService(emulator, service, request, ctx)
      ;({ operation, requestId, response } = dispatched)
    } else {
      try {
        const routed = routeS3(ctx)
        ;({ operation, bucket, key, trace } = routed)
        // The body is read as the operation needs it: streamed into encryption for PutObject and UploadPart.
        response = await routed.run(emulator.s3, new RequestBody(request))
      } catch (error) {
        response = renderS3Error(asS3Error(error, ctx), ctx)
      }
    }
    const steps = ctx.trace.finish(`${SERVICE_NAMES[service]} ${operation}`, `HTTP ${response.status}`)
    emulator.traces.add(requestId, steps)
    emulator.events.emit({
      requestId,
      service,
      operation,
      method: ctx.method,
      ...(bucket !== undefined ? { bucket } : {}),
      ...(key !== undefined ? { key } : {}),
      status: response.status,
      ...(trace?.policy ? { policy: trace.policy } : {}),
      trace: steps,
      ms: performance.now() - started,
    })
    return request.headers.has(TRACE_HEADER)
      ? withHeaders(response, { [TRACE_HEADER]: traceHeaderValue(steps) })
      : response
  }
}

/** POST to a bucket with a multipart/form-data body and no request signature: a browser form upload. */
const isFormUpload = (request: Request, url: URL) =>
  request.method === 'POST' &&
  formBoundary(request.headers.get('content-type')) !== undefined &&
  !isSigned(request, url)

const SERVICE_NAMES = { s3: 'S3', kms: 'KMS', cloudtrail: 'CloudTrail', sts: 'STS' } as const

/**
 * A debugging aid for the Node server: a request carrying `x-playground-trace` (any value) gets the trace
 * back in the same response header, as ASCII-only JSON. Not an AWS header; the browser reads traces from
 * the request events instead.
 */
export const TRACE_HEADER = 'x-playground-trace'
const traceHeaderValue = (steps: unknown) =>
  JSON.stringify(steps).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** Strict mode: the error response for a request whose signature does not verify, or undefined. */
async function authenticate(
  request: Request,
  ctx: RequestContext,
  service: string,
  credentials: Credential[],
): Promise<Response | undefined> {
  const signsPayload = service === 's3' || request.headers.has('x-amz-content-sha256')
  const body = signsPayload ? undefined : new Uint8Array(await request.clone().arrayBuffer())
  const result = verifySigV4(request, ctx.url, credentials, body)
  if (result.ok) return undefined
  if (service === 's3') return renderS3Error(s3AuthError(result.failure, ctx.query.has('X-Amz-Signature')), ctx)
  if (service === 'sts') return stsAuthError(result.failure, ctx.requestId)
  return jsonAuthError(result.failure, ctx.requestId)
}

async function jsonService(
  emulator: Emulator,
  service: 'kms' | 'cloudtrail',
  request: Request,
  ctx: RequestContext,
): Promise<Dispatched> {
  try {
    if (service === 'kms') return await handleKms(emulator.kms, request)
    const deps = {
      trail: emulator.cloudtrail,
      now: () => emulator.clock.now(),
      catchUp: () => emulator.kms.tick(),
      random: emulator.random,
    }
    return await handleCloudTrail(deps, request)
  } catch (error) {
    // An unexpected failure is a bug in the emulator: answer as the service would, and say where.
    console.error(`[emulator] ${service} request ${ctx.requestId} failed:`, error)
    const internal = service === 'kms' ? 'KMSInternalException' : 'InternalFailure'
    return {
      response: jsonError(internal, 'An internal error occurred in the emulator.', ctx.requestId, 500),
      operation: 'Unknown',
      requestId: ctx.requestId,
    }
  }
}

function asS3Error(error: unknown, ctx: RequestContext): S3Error {
  if (error instanceof S3Error) return error
  // An unexpected failure is a bug in the emulator: answer as S3 would, and say where.
  console.error(`[emulator] ${ctx.method} ${bounded(ctx.path, 256)} failed (request ${ctx.requestId}):`, error)
  return internalError()
}
