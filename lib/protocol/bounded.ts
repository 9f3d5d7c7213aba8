/**
 * Values a client sent are echoed back (an error's ArgumentValue, a validation message, an audit record) only
 * this long: a 280 MB KeyId must not travel back, or into CloudTrail, whole. AWS shortens such echoes too.
 */
export const MAX_ECHO = 1024

export function bounded(value: string, max: number = MAX_ECHO): string {
  return value.length <= max ? value : `${value.slice(0, max)}...`
}

/** The most a JSON (KMS, CloudTrail) or STS query request body may hold: docs/fidelity.md Q14. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024

export class BodyTooLarge extends Error {
  constructor(readonly max: number) {
    super(`Request body must be at most ${max} bytes`)
    this.name = 'BodyTooLarge'
  }
}

/**
 * The request with its body read into memory, at most `max` bytes: refused from its declared length before a
 * byte is read, else as soon as the bytes arriving pass it (a chunked body declares none).
 */
export async function withBoundedBody(request: Request, max: number): Promise<Request> {
  if (!request.body) return request
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > max) {
    await request.body.cancel().catch(() => {})
    throw new BodyTooLarge(max)
  }
  const reader = request.body.getReader()
  const parts: Uint8Array[] = []
  let size = 0
  for (;;) {
    const step = await reader.read()
    if (step.done) break
    size += step.value.length
    if (size > max) {
      await reader.cancel().catch(() => {})
      throw new BodyTooLarge(max)
    }
    parts.push(step.value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    bytes.set(p, at)
    at += p.length
  }
  return new Request(request, { body: bytes })
}

/** A copy of a decoded input whose strings and byte arrays are cut to MAX_ECHO: what a rejected call may record. */
export function boundedValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return bounded(value)
  if (value instanceof Uint8Array) return value.length > MAX_ECHO ? value.subarray(0, MAX_ECHO) : value
  if (value instanceof Date || value === null || typeof value !== 'object') return value
  if (depth > 8) return undefined
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => boundedValue(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, 100)
      .map(([k, v]) => [bounded(k, 128), boundedValue(v, depth + 1)]),
  )
}
