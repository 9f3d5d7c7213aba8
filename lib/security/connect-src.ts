/**
 * Whether a page's Content-Security-Policy lets it connect to a URL (CSP Level 3 source matching, for the
 * source expressions a connect-src holds: 'self', 'none', schemes, hosts with a leading `*.` wildcard,
 * ports and `:*`, paths). A refused connection reaches the page only as "Failed to fetch", exactly like a
 * CORS refusal, so the terminal and the target form use this to name the real cause.
 */

/** The sources of the directive that governs fetch (connect-src, else default-src); undefined when nothing restricts it. */
export function connectSources(policy: string | undefined): string[] | undefined {
  if (!policy) return undefined
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values)
  }
  return directives.get('connect-src') ?? directives.get('default-src')
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }
const portOf = (u: URL) => u.port || DEFAULT_PORT[u.protocol] || ''

function matches(source: string, url: URL, self: URL | undefined): boolean {
  const s = source.toLowerCase()
  if (s === "'none'") return false
  if (s === "'self'") return self !== undefined && url.origin === self.origin
  if (s === '*')
    return (
      ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) ||
      (self !== undefined && url.protocol === self.protocol)
    )
  if (/^[a-z][a-z0-9+.-]*:$/.test(s))
    return (
      url.protocol === s || (s === 'http:' && url.protocol === 'https:') || (s === 'ws:' && url.protocol === 'wss:')
    )
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\*|\d+))?(\/.*)?$/.exec(s)
  if (!m) return false
  const [, scheme, host, port, path] = m
  // A scheme-less source takes the page's scheme; http: also allows its secure upgrade.
  const want = scheme ? `${scheme}:` : self?.protocol
  if (
    want &&
    url.protocol !== want &&
    !(want === 'http:' && url.protocol === 'https:') &&
    !(want === 'ws:' && url.protocol === 'wss:')
  )
    return false
  const hostname = url.hostname.toLowerCase()
  if (host === '*') return false // "https://*" is not a valid host source
  if (host!.startsWith('*.')) {
    if (!hostname.endsWith(host!.slice(1))) return false
  } else if (hostname !== host) return false
  if (port !== '*') {
    const wanted = port ?? DEFAULT_PORT[want ?? url.protocol] ?? ''
    // An upgrade from http's default port to https's is allowed, as CSP says.
    if (
      portOf(url) !== wanted &&
      !(port === undefined && want === 'http:' && url.protocol === 'https:' && portOf(url) === '443')
    )
      return false
  }
  if (path && path !== '/') {
    const p = decodeURIComponent(url.pathname)
    if (path.endsWith('/') ? !p.startsWith(path) : p !== path) return false
  }
  return true
}

/** True when the policy allows a fetch of `url` from a page at `selfOrigin`, or when there is no policy. */
export function connectAllowed(policy: string | undefined, url: string, selfOrigin?: string): boolean {
  const sources = connectSources(policy)
  if (!sources) return true
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return false
  }
  const self = selfOrigin ? new URL(selfOrigin) : undefined
  return sources.some((s) => matches(s, target, self))
}

/** What the terminal says when the page's policy, not the endpoint, refused a request. */
export function connectRefusalText(url: string, policy: string | undefined): string {
  const origin = new URL(url).origin
  return [
    '',
    `[playground] This site's Content-Security-Policy does not let the page connect to ${origin},`,
    '  so the browser refused the request before it left (fetch reports only "Failed to fetch").',
    `  connect-src allows: ${(connectSources(policy) ?? []).join(' ')}`,
    `  Build the site with that endpoint allowed: PLAYGROUND_CONNECT_SRC='${origin}' npm run build`,
    '  (docs/security.md), or reach it through localhost, which is always allowed.',
    '',
  ].join('\n')
}
