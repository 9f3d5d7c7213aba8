/**
 * handle(Request) → Promise<Response>: the single entry point that the MSW worker, the Node HTTP
 * server and the tests all call. Fetch API only, so it runs unchanged in browsers and Node.
 */
import type { Emulator } from '../emulator/create-emulator'
import { internalError, S3Error } from '../s3/errors'
import type { PolicyTrace } from '../s3/policy/authorize'
import { readBody } from './body'
import { handleCloudTrail } from './cloudtrail/dispatch'
import { createContext, type RequestContext } from './context'
import { jsonError } from './json/respond'
import { handleKms, type Dispatched } from './kms/dispatch'
import { routeS3 } from './s3/routes'
import { renderS3Error } from './s3/errors'
import { isCloudTrailRequest, isKmsRequest, isStsRequest } from './route-service'
import { handleSts } from './sts/dispatch'
import { handleControl, isControlRequest } from './control'

export function createHandle(emulator: Emulator): (request: Request) => Promise<Response> {
  return async (request) => {
    const started = performance.now()
    const ctx = createContext(request, emulator.random)
    if (isControlRequest(ctx.url)) return handleControl(emulator, request, ctx.url)
    const service = isKmsRequest(request) ? 'kms' : isCloudTrailRequest(request) ? 'cloudtrail' : isStsRequest(request) ? 'sts' : 's3'
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
        response = await routed.run(emulator.s3, await readBody(request))
      } catch (error) {
        response = renderS3Error(asS3Error(error, ctx), ctx)
      }
    }
    emulator.events.emit({
      requestId,
      service,
      operation,
      method: ctx.method,
      ...(bucket !== undefined ? { bucket } : {}),
      ...(key !== undefined ? { key } : {}),
      status: response.status,
      ...(trace?.policy ? { policy: trace.policy } : {}),
      ms: performance.now() - started,
    })
    return response
  }
}

async function jsonService(emulator: Emulator, service: 'kms' | 'cloudtrail', request: Request, ctx: RequestContext): Promise<Dispatched> {
  try {
    if (service === 'kms') return await handleKms(emulator.kms, request)
    const deps = { trail: emulator.cloudtrail, now: () => emulator.clock.now(), catchUp: () => emulator.kms.tick(), random: emulator.random }
    return await handleCloudTrail(deps, request)
  } catch (error) {
    // An unexpected failure is a bug in the emulator: answer as the service would, and say where.
    console.error(`[emulator] ${service} request ${ctx.requestId} failed:`, error)
    const internal = service === 'kms' ? 'KMSInternalException' : 'InternalFailure'
    return { response: jsonError(internal, 'An internal error occurred in the emulator.', ctx.requestId, 500), operation: 'Unknown', requestId: ctx.requestId }
  }
}

function asS3Error(error: unknown, ctx: RequestContext): S3Error {
  if (error instanceof S3Error) return error
  // An unexpected failure is a bug in the emulator: answer as S3 would, and say where.
  console.error(`[emulator] ${ctx.method} ${ctx.url.pathname} failed (request ${ctx.requestId}):`, error)
  return internalError()
}
