/**
 * Asks a server that can tell (the project's own, `npm run emulator -- --cors rules|permissive`) which
 * headers it really sent for a request id, so the inspector can grey out exactly the ones CORS hid.
 * Other servers answer 4xx or refuse the request; then the inspector falls back to what it can infer.
 */
export async function fetchSentHeaders(
  endpoint: string,
  requestId: string,
  fetchFn: typeof fetch = fetch,
): Promise<[string, string][] | undefined> {
  try {
    const response = await fetchFn(
      `${endpoint.replace(/\/$/, '')}/_playground/sent-headers/${encodeURIComponent(requestId)}`,
    )
    if (!response.ok) return undefined
    const body = (await response.json()) as { headers?: unknown }
    return Array.isArray(body.headers) && body.headers.every((h) => Array.isArray(h) && h.length === 2)
      ? (body.headers as [string, string][])
      : undefined
  } catch {
    return undefined
  }
}
