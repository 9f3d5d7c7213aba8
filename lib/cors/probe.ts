/**
 * The CORS doctor's live check: from the page, send each planned call's preflight for real and see
 * whether the browser lets the answer through. A page cannot read a preflight's answer, so each probe is
 * an ordinary fetch carrying the call's method and request headers (with a dummy signature, so the
 * endpoint refuses the request itself: nothing is created or deleted). A TypeError means the browser
 * refused it; further probes with one header at a time then name the method or header at fault.
 */
import type { PlannedCall } from './doctor'

export interface ProbeResult {
  call: PlannedCall
  ok: boolean
  /** Refused even with no extra headers: the method (or the origin) is not allowed. */
  methodRefused?: boolean
  /** Headers refused one by one. */
  refusedHeaders?: string[]
  /** Status of the endpoint's answer when it got through (a 403 for the dummy signature is expected). */
  status?: number
  /** Response headers the page could read on that answer. */
  readable?: string[]
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string> },
) => Promise<{ status: number; headers: { forEach(cb: (v: string, k: string) => void): void } }>

const DUMMY: Record<string, string> = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=CORSPROBE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
  'x-amz-date': '20260101T000000Z',
  'content-type': 'application/octet-stream',
  range: 'bytes=0-0',
  'if-match': '"0"',
  'content-md5': '1B2M2Y8AsgTpgAmY7PqVyw==',
}
const dummy = (header: string) => DUMMY[header] ?? (header.includes('algorithm') ? 'AES256' : '0')

/** The URL of the probe object in the sandbox bucket, path-style or virtual-hosted as the target uses. */
export function probeUrl(bucketBase: string): string {
  return `${bucketBase.replace(/\/$/, '')}/.playground-cors-probe`
}

async function attempt(
  fetchFn: Fetch,
  url: string,
  method: string,
  headers: string[],
): Promise<{ ok: boolean; status?: number; readable?: string[] }> {
  try {
    const response = await fetchFn(url, { method, headers: Object.fromEntries(headers.map((h) => [h, dummy(h)])) })
    const readable: string[] = []
    response.headers.forEach((_v, k) => readable.push(k))
    return { ok: true, status: response.status, readable }
  } catch {
    return { ok: false }
  }
}

export async function probeCalls(
  bucketBase: string,
  plan: readonly PlannedCall[],
  fetchFn: Fetch,
): Promise<ProbeResult[]> {
  const url = probeUrl(bucketBase)
  const results: ProbeResult[] = []
  const headerVerdict = new Map<string, boolean>()
  for (const call of plan) {
    const whole = await attempt(fetchFn, url, call.method, call.headers)
    if (whole.ok) {
      results.push({
        call,
        ok: true,
        ...(whole.status !== undefined ? { status: whole.status } : {}),
        ...(whole.readable ? { readable: whole.readable } : {}),
      })
      for (const h of call.headers) headerVerdict.set(`${call.method} ${h}`, true)
      continue
    }
    // x-amz-date alone forces a preflight for any method.
    const bare = await attempt(fetchFn, url, call.method, ['x-amz-date'])
    if (!bare.ok) {
      results.push({ call, ok: false, methodRefused: true })
      continue
    }
    const refused: string[] = []
    for (const h of call.headers) {
      const key = `${call.method} ${h}`
      if (!headerVerdict.has(key)) headerVerdict.set(key, (await attempt(fetchFn, url, call.method, [h])).ok)
      if (!headerVerdict.get(key)) refused.push(h)
    }
    results.push({ call, ok: false, refusedHeaders: refused })
  }
  return results
}
