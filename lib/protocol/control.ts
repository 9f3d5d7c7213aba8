/**
 * The playground's own control endpoint, beside the AWS APIs on the same host (as LocalStack has
 * `/_localstack`): read simulated time, and move it forward so a lesson can show a scheduled key deletion
 * completing or an automatic rotation happening. Not an AWS API; paths start with `/_playground/`.
 *   GET  /_playground/clock                 → {"now": ISO time, "offsetDays": n}
 *   POST /_playground/clock?advanceDays=N   → moves time N days forward, runs what became due, same answer
 *   GET  /_playground/traces                → the server-side traces of the last 100 requests, oldest first
 *   GET  /_playground/traces/<request id>   → one request's trace: [{name, detail, start, ms, depth}]
 */
import type { Emulator } from '../emulator/create-emulator'
import { bounded } from './bounded'

export const CONTROL_PREFIX = '/_playground/'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** `path` is the raw path (raw-path.ts): `/bucket/../_playground/clock` is an object key, not the clock. */
export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX)
}

export function handleControl(emulator: Emulator, request: Request, url: URL, path: string): Response {
  if (path.startsWith(`${CONTROL_PREFIX}traces`)) return traces(emulator, request, url, path)
  if (path !== `${CONTROL_PREFIX}clock`) return json(404, { error: `no such control resource: ${bounded(path, 256)}` })
  if (request.method === 'POST') {
    const days = Number(url.searchParams.get('advanceDays'))
    if (!Number.isFinite(days) || days <= 0 || days > 3650)
      return json(400, { error: 'advanceDays must be a number of days between 0 and 3650' })
    emulator.clock.advanceDays(days)
    emulator.kms.tick() // deletions and rotations that fell due happen now, and show in CloudTrail
  } else if (request.method !== 'GET') return json(405, { error: 'use GET or POST' })
  return json(200, { now: emulator.clock.now().toISOString(), offsetDays: emulator.clock.offset / 86_400_000 })
}

function traces(emulator: Emulator, request: Request, url: URL, path: string): Response {
  if (request.method !== 'GET') return json(405, { error: 'use GET' })
  const id = path.slice(`${CONTROL_PREFIX}traces`.length).replace(/^\//, '')
  if (!id) return json(200, { traces: emulator.traces.recent() })
  // Request ids are hex or UUIDs: anything else names no trace (and is not echoed).
  const steps = /^[0-9A-Za-z-]{1,64}$/.test(id) ? emulator.traces.get(id) : undefined
  return steps
    ? json(200, { requestId: id, steps })
    : json(404, { error: `no trace kept for that request id (the last 100 are kept)` })
}
