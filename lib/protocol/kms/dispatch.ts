/**
 * KMS over the AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: TrentService.<Operation>` and a JSON body
 * (`Content-Type: application/x-amz-json-1.1`). Decodes and checks the input against the API model, runs the
 * operation as the playground user, and renders the result or the error (once, as `__type` + `message`).
 * Bad input never reaches the KMS core, so it cannot change state.
 */
import { KmsError, validation } from '../../kms/errors'
import type { Caller } from '../../kms/principal'
import type { KmsService } from '../../kms/service'
import { decodeInput, SerializationError } from '../json/shapes'
import { jsonError, jsonResponse } from '../json/respond'
import { bounded, boundedValue } from '../bounded'
import { KMS_API_OPERATIONS, KMS_INPUT_SHAPES } from './shapes'

export const KMS_TARGET_PREFIX = 'TrentService.'

export interface Dispatched {
  response: Response
  operation: string
  /** The x-amzn-RequestId sent back (and CloudTrail's requestID). */
  requestId: string
}

/** Who sent the request, as CloudTrail records it: the SigV4 access key, the User-Agent and the client address. */
export function callerFrom(request: Request): Caller {
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(request.headers.get('authorization') ?? '')?.[1]
  const userAgent = request.headers.get('user-agent') ?? undefined
  const sourceIp = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined
  return {
    ...(accessKeyId ? { accessKeyId } : {}),
    ...(userAgent ? { userAgent } : {}),
    ...(sourceIp ? { sourceIp } : {}),
  }
}

/** Reads the JSON body: empty means `{}`; anything but a JSON object is a SerializationException. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text()
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new SerializationError('')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new SerializationError('Start of structure or map expected')
  return body as Record<string, unknown>
}

export async function handleKms(kms: KmsService, request: Request): Promise<Dispatched> {
  const requestId = kms.newRequestId()
  const target = request.headers.get('x-amz-target') ?? ''
  const operation = target.startsWith(KMS_TARGET_PREFIX) ? target.slice(KMS_TARGET_PREFIX.length) : ''
  const fail = (error: KmsError, op = operation || 'Unknown'): Dispatched => ({
    response: jsonError(error.code, error.message, requestId, error.status),
    operation: op,
    requestId,
  })

  if (!KMS_API_OPERATIONS.has(operation)) return fail(new KmsError('UnknownOperationException'), 'Unknown')
  if (!kms.isOperation(operation)) {
    // Simulation note: a real KMS operation the emulator does not serve yet (Sign, CreateGrant, ...).
    return fail(
      new KmsError('UnsupportedOperationException', `${operation} is not supported by the playground's KMS emulator.`),
    )
  }
  const caller = callerFrom(request)
  let input: Record<string, unknown> | undefined
  try {
    const decoded = decodeInput(KMS_INPUT_SHAPES[operation]!, await readJsonObject(request))
    input = decoded.input
    if (decoded.violations.length) throw validation(decoded.violations)
  } catch (error) {
    const kmsError =
      error instanceof SerializationError ? new KmsError('SerializationException', error.message) : (error as KmsError)
    if (!(kmsError instanceof KmsError)) throw error
    // What the client sent goes into the audit record only cut to size (a 280 MB KeyId must not be kept twice).
    const recorded = input && (boundedValue(input) as Record<string, unknown>)
    kms.recordRejected(
      operation,
      recorded,
      caller,
      new KmsError(kmsError.code, bounded(kmsError.message, 4096)),
      requestId,
    )
    return fail(kmsError)
  }
  try {
    return {
      response: jsonResponse(await kms.call(operation, input, caller, requestId), requestId),
      operation,
      requestId,
    }
  } catch (error) {
    if (error instanceof KmsError) return fail(error)
    throw error
  }
}
