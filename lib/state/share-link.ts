/**
 * A scenario as a link: JSON, compressed with deflate-raw (CompressionStream, in browsers and Node 18+),
 * base64url, in the URL fragment (`#scenario=…`). A fragment never reaches a server, so the link's
 * contents stay between the people who hold it. The scenario holds no key material or credential
 * (scenario.ts); `parseScenario` checks a decoded one and keeps only what a scenario may hold
 * (scenario-schema.ts) before it is replayed.
 */
import { SCENARIO_VERSION, type Scenario } from './scenario'
import { allowedScenario } from './scenario-schema'
import { sessionProblem } from './session'

export const FRAGMENT_KEY = 'scenario'
/** Links longer than this may be cut by chat and mail tools: the Share button says so. */
export const LONG_LINK = 8_000
/** Browsers stop here (Chromium's URL limit is 2 MiB). */
export const MAX_LINK = 2_000_000

export class ShareLinkError extends Error {
  override name = 'ShareLinkError'
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream)
  return new Uint8Array(await new Response(out).arrayBuffer())
}

const toBase64Url = (bytes: Uint8Array) => {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
const fromBase64Url = (text: string) => {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** The fragment value (without `#scenario=`). */
export async function encodeScenario(scenario: Scenario): Promise<string> {
  return toBase64Url(
    await pipe(new TextEncoder().encode(JSON.stringify(scenario)), new CompressionStream('deflate-raw')),
  )
}

export async function decodeScenario(encoded: string): Promise<Scenario> {
  let json: string
  try {
    json = new TextDecoder().decode(await pipe(fromBase64Url(encoded), new DecompressionStream('deflate-raw')))
  } catch {
    throw new ShareLinkError('the link is damaged or cut short (its scenario does not decompress)')
  }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new ShareLinkError('the link is damaged (its scenario is not JSON)')
  }
  return parseScenario(value)
}

/** Checks the outline of a decoded scenario; throws ShareLinkError with a reason. */
export function parseScenario(value: unknown): Scenario {
  const s = value as Partial<Scenario> | null
  if (typeof s !== 'object' || s === null || s.format !== 's3-encryption-playground-scenario')
    throw new ShareLinkError('the link does not hold a playground scenario')
  if (s.version !== SCENARIO_VERSION)
    throw new ShareLinkError(
      `the link was made by scenario format ${String(s.version)}, and this playground reads ${SCENARIO_VERSION}`,
    )
  if (!Array.isArray(s.keys) || !s.keys.every((k) => typeof k?.ref === 'string' && Array.isArray(k.aliases)))
    throw new ShareLinkError('the link’s key list is damaged')
  if (!Array.isArray(s.buckets) || !s.buckets.every((b) => typeof b?.name === 'string' && Array.isArray(b.objects)))
    throw new ShareLinkError('the link’s bucket list is damaged')
  const problem = sessionProblem(s.session)
  if (problem) throw new ShareLinkError(`the link’s terminal session is damaged: ${problem}`)
  if (!Array.isArray(s.notShared)) throw new ShareLinkError('the link is damaged (no list of what was left out)')
  // Only what a scenario may hold goes on: a link never carries behaviour (scenario-schema.ts).
  return allowedScenario(s as Scenario)
}

/** A full link to `page` (e.g. https://host/playground/) carrying the scenario. */
export async function shareLink(page: string, scenario: Scenario): Promise<string> {
  return `${page.replace(/#.*$/, '')}#${FRAGMENT_KEY}=${await encodeScenario(scenario)}`
}

/** The encoded scenario in a URL's fragment, if it has one. */
export function scenarioInFragment(hash: string): string | undefined {
  const match = new RegExp(`^#?(?:.*&)?${FRAGMENT_KEY}=([A-Za-z0-9_-]+)`).exec(hash)
  return match?.[1]
}
