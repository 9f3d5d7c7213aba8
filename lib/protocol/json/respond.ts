/** Responses of the AWS JSON 1.1 protocol: bodies with base64 blobs and epoch-second timestamps, and the one error shape. */
import { toBase64 } from '../../crypto/bytes'
import { bounded } from '../bounded'

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1'

/** Output values as they travel: bytes → base64, Date → epoch seconds (fractional), undefined members dropped. */
export function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return toBase64(value)
  if (value instanceof Date) return value.getTime() / 1000
  if (Array.isArray(value)) return value.map(toWire)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v)
  return out
}

const headers = (requestId: string) => ({ 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId })

export const jsonResponse = (body: unknown, requestId: string): Response =>
  new Response(JSON.stringify(toWire(body)), { status: 200, headers: headers(requestId) })

/**
 * The one place a JSON-protocol error becomes HTTP: `{"__type": name, "message": text}`, status 400
 * (500 for internal errors). An empty message is left out, as KMS does for InvalidCiphertextException.
 */
export const jsonError = (type: string, message: string, requestId: string, status = 400): Response =>
  new Response(JSON.stringify({ __type: type, ...(message ? { message: bounded(message, 64 * 1024) } : {}) }), {
    status,
    headers: headers(requestId),
  })
