/**
 * Which web origins may read the emulator's answers (CORS), and which Host names it serves. A page the user
 * merely visits must not drive a local emulator: by default only loopback origins (the playground served by
 * `npm run dev` or `npm start`) and origins named with `--allow-origin` are answered with
 * Access-Control-Allow-Origin, and only loopback Host names (plus `--host`) are served, which defeats DNS
 * rebinding (docs/security.md).
 */

/** Whether an origin may read answers. Absent (tests, `--cors permissive`): every origin. */
export type OriginPolicy = (origin: string) => boolean

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** A loopback host name: localhost, 127.0.0.0/8, ::1, and names under `.localhost` (RFC 6761: always loopback). */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name)
}

/** http(s) origins on a loopback name, any port. `null` (sandboxed frames, file: pages) is not one. */
export function isLoopbackOrigin(origin: string): boolean {
  const m = /^https?:\/\/(\[[0-9a-f:.]+\]|[^/:[\]]+)(:\d{1,5})?$/i.exec(origin)
  return m !== null && isLoopbackName(m[1]!)
}

/** Loopback origins plus the exact origins listed (`--allow-origin https://team.example`). */
export function loopbackOriginPolicy(allowed: readonly string[] = []): OriginPolicy {
  const exact = new Set(allowed.map((o) => o.replace(/\/+$/, '').toLowerCase()))
  return (origin) => isLoopbackOrigin(origin) || exact.has(origin.toLowerCase())
}

/** The name of a Host header without its port: `bucket.localhost:4566` → `bucket.localhost`, `[::1]:80` → `[::1]`. */
export function hostName(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(:\d*)?$/.exec(host.trim())
  return (m ? m[1]! : host).toLowerCase().replace(/\.$/, '')
}

const isIpLiteral = (name: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/i.test(name)
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]'])

/**
 * Host names the server answers: loopback names and their virtual-hosted forms (`bucket.localhost`,
 * `bucket.s3.localhost.localstack.cloud`), the `--host` name and its subdomains, and with a wildcard bind
 * (0.0.0.0, ::) any IP literal: a DNS rebinding attack needs a name the attacker controls, never an IP.
 */
export function hostPolicy(bind: string): (host: string | undefined) => boolean {
  const own = hostName(bind.includes(':') && !bind.startsWith('[') ? `[${bind}]` : bind)
  const wildcard = WILDCARD_BINDS.has(bind)
  return (host) => {
    if (!host) return false
    const name = hostName(host)
    if (isLoopbackName(name) || name === 'localhost.localstack.cloud' || name.endsWith('.localhost.localstack.cloud'))
      return true
    if (wildcard) return isIpLiteral(name)
    return name === own || name.endsWith(`.${own}`)
  }
}
