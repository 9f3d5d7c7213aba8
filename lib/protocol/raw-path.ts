/**
 * The request path exactly as the client sent it. `new Request(url)` and `new URL(url)` resolve `.` and `..`
 * segments (also spelled `%2e`), so `PUT /a/../victim/x` would become `PUT /victim/x`: another bucket. S3
 * keeps such keys literally (docs/fidelity.md §10.1), so every front door that can see the raw
 * path passes it in this header (the Node server from the request line; the page's SDK clients and share-link
 * replay from the path they built), and the emulator reads keys from it. A client cannot set it through the
 * Node server, which always replaces it.
 */
export const RAW_PATH_HEADER = 'x-playground-raw-path'

/** The path (no query), still percent-encoded: from the front door's header, else from the already-parsed URL. */
export function requestPath(request: Request, url: URL): string {
  const raw = request.headers.get(RAW_PATH_HEADER)
  if (raw === null) return url.pathname
  let path = raw
  // An absolute-form request target (`GET http://host/path HTTP/1.1`) names the path after its authority.
  if (!path.startsWith('/')) {
    const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path)
    path = authority ? path.slice(authority[0].length) : `/${path}`
  }
  const end = path.search(/[?#]/)
  if (end >= 0) path = path.slice(0, end)
  return path || '/'
}

/** The header a front door adds for a path it built itself (share-link replay, the page's SDK clients). */
export const rawPathHeader = (path: string): Record<string, string> => ({ [RAW_PATH_HEADER]: path })
