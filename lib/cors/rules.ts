/**
 * S3's CORS rule matching, shared by the strict server (lib/protocol/cors.ts) and the CORS doctor: the
 * first rule whose AllowedOrigin, AllowedMethod and every requested header match wins. AllowedOrigin
 * and AllowedHeader may hold one `*` wildcard (`?` is a plain character here); header names compare without
 * case, origins with it. Matching goes through the one linear-time wildcard matcher (lib/policy/glob.ts).
 */
import { globMatch } from '../policy/glob'
import type { CorsRule } from '../s3/model'

export const originAllowed = (rule: CorsRule, origin: string) =>
  rule.allowedOrigins.some((o) => globMatch(o, origin, { questionMark: false }))
export const methodAllowed = (rule: CorsRule, method: string) => rule.allowedMethods.includes(method.toUpperCase())
export const headerAllowed = (rule: CorsRule, header: string) =>
  rule.allowedHeaders.some((h) => globMatch(h.toLowerCase(), header.toLowerCase(), { questionMark: false }))

/** Access-Control-Request-Headers as a list of lower-case names. */
export const requestedHeaders = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)

export function matchRule(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  headers: readonly string[] = [],
): CorsRule | undefined {
  return rules.find(
    (r) => originAllowed(r, origin) && methodAllowed(r, method) && headers.every((h) => headerAllowed(r, h)),
  )
}

/**
 * Response headers browser code may always read (the Fetch standard's CORS-safelisted response-header
 * names); every other header is readable only when Access-Control-Expose-Headers names it.
 */
export const SAFELISTED_RESPONSE_HEADERS = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]

export const isSafelisted = (header: string) => SAFELISTED_RESPONSE_HEADERS.includes(header.toLowerCase())
