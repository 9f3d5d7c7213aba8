/**
 * Where the scratchpad's requests may go: the chosen target only. User code runs where its own network is
 * shut (the sandbox's policy: docs/security.md); its SDK requests are forwarded to the page, which sends
 * one only when this says its URL belongs to the target the clients were configured for: a configured
 * endpoint (emulator, custom) or a bucket's virtual host under it, or AWS's own S3 and KMS endpoints for
 * the region. Anything else is refused unsent, so code that posts its own "request" cannot use the page.
 */
import type { SdkClientConfig } from '../sdk/target-config'

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' }
const portOf = (u: URL) => u.port || DEFAULT_PORT[u.protocol] || ''

/** True when `url` addresses the endpoint (same scheme and port; the same host or a subdomain of it, a bucket's virtual host). */
function underEndpoint(url: URL, endpoint: string): boolean {
  let base: URL
  try {
    base = new URL(endpoint)
  } catch {
    return false
  }
  if (url.protocol !== base.protocol || portOf(url) !== portOf(base)) return false
  const host = base.hostname.toLowerCase()
  const hostname = url.hostname.toLowerCase()
  return hostname === host || hostname.endsWith(`.${host}`)
}

/** `service` is the client the config is for: AWS's endpoints are `s3.REGION.amazonaws.com` and `kms.REGION.amazonaws.com`. */
export function allowedForTarget(url: string, configs: { service: 's3' | 'kms'; config: SdkClientConfig }[]): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.username || parsed.password) return false
  return configs.some(({ service, config }) =>
    config.endpoint
      ? underEndpoint(parsed, config.endpoint)
      : underEndpoint(parsed, `https://${service}.${config.region}.amazonaws.com`),
  )
}
