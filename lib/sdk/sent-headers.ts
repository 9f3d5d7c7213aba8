/**
 * Asks a server that can tell (the project's own, `npm run emulator -- --cors rules|permissive`) which
 * headers it really sent for a request id, so the inspector can grey out exactly the ones CORS hid.
 * A strict-mode server wants the S3 credential for it: the request is then presigned with the target's keys.
 * Other servers answer 4xx or refuse the request; then the inspector falls back to what it can infer.
 */
import { presignUrl } from '../cli/aws/s3/presign'

export interface SentHeadersSigning {
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

export async function fetchSentHeaders(
  endpoint: string,
  requestId: string,
  fetchFn: typeof fetch = fetch,
  signing?: SentHeadersSigning,
): Promise<[string, string][] | undefined> {
  try {
    const url = new URL(`${endpoint.replace(/\/$/, '')}/_playground/sent-headers/${encodeURIComponent(requestId)}`)
    const signed =
      signing && signing.credentials.accessKeyId ? await presignUrl({ url, ...signing, expiresIn: 60 }) : url.href
    const response = await fetchFn(signed)
    if (!response.ok) return undefined
    const body = (await response.json()) as { headers?: unknown }
    return Array.isArray(body.headers) && body.headers.every((h) => Array.isArray(h) && h.length === 2)
      ? (body.headers as [string, string][])
      : undefined
  } catch {
    return undefined
  }
}
