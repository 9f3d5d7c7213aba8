/**
 * S3's CORS rule matching, shared by the strict server (lib/protocol/cors.ts) and the CORS doctor: the
 * first rule whose AllowedOrigin, AllowedMethod and every requested header match wins. AllowedOrigin
 * and AllowedHeader may hold one `*` wildcard; header names compare without case, origins with it.
 */
import type { CorsRule } from '../s3/model'

/** `*`-wildcard match of a whole string (one wildcard at most, as S3 allows). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*')
  if (star < 0) return pattern === value
  const head = pattern.slice(0, star)
  const tail = pattern.slice(star + 1)
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail)
}

export const originAllowed = (rule: CorsRule, origin: string) =>
  rule.allowedOrigins.some((o) => wildcardMatch(o, origin))
export const methodAllowed = (rule: CorsRule, method: string) => rule.allowedMethods.includes(method.toUpperCase())
export const headerAllowed = (rule: CorsRule, header: string) =>
  rule.allowedHeaders.some((h) => wildcardMatch(h.toLowerCase(), header.toLowerCase()))

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
