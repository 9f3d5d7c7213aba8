/**
 * handle(Request) → Promise<Response>: the single entry point that the MSW worker, the Node HTTP
 * server and the tests all call. Fetch API only, so it runs unchanged in browsers and Node.
 */
import type { Emulator } from '../emulator/create-emulator'
import { internalError, S3Error } from '../s3/errors'
import { readBody } from './body'
import { createContext, type RequestContext } from './context'
import { routeS3 } from './s3/routes'
import { renderS3Error } from './s3/errors'
import { isKmsRequest, kmsUnavailable } from './route-service'

export function createHandle(emulator: Emulator): (request: Request) => Promise<Response> {
  return async (request) => {
    const started = performance.now()
    const ctx = createContext(request, emulator.random)
    let operation = 'Unknown'
    let bucket: string | undefined
    let key: string | undefined
    let response: Response
    if (isKmsRequest(request)) {
      response = kmsUnavailable(ctx)
    } else {
      try {
        const routed = routeS3(ctx)
        ;({ operation, bucket, key } = routed)
        response = await routed.run(emulator.s3, await readBody(request))
      } catch (error) {
        response = renderS3Error(asS3Error(error, ctx), ctx)
      }
    }
    emulator.events.emit({
      requestId: ctx.requestId,
      service: isKmsRequest(request) ? 'kms' : 's3',
      operation,
      method: ctx.method,
      ...(bucket !== undefined ? { bucket } : {}),
      ...(key !== undefined ? { key } : {}),
      status: response.status,
      ms: performance.now() - started,
    })
    return response
  }
}

function asS3Error(error: unknown, ctx: RequestContext): S3Error {
  if (error instanceof S3Error) return error
  // An unexpected failure is a bug in the emulator: answer as S3 would, and say where.
  console.error(`[emulator] ${ctx.method} ${ctx.url.pathname} failed (request ${ctx.requestId}):`, error)
  return internalError()
}
