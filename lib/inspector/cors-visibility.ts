/**
 * For an exchange with a real target: which response headers browser code could read, and which the
 * server may have sent but CORS hid. The page only ever sees the readable ones, so the hidden ones come
 * from what the operation can return (the S3 API model's output headers) checked against the bucket's
 * ExposeHeaders when the CORS doctor has read them, or else against the CORS-safelisted names alone.
 */
import s3Model from '../cli/models/s3.json'
import { isSafelisted } from '../cors/rules'
import type { Exchange } from './exchange'

export type Visibility = 'readable' | 'hidden' | 'unknown'

export interface VisibilityRow {
  name: string
  visibility: Visibility
  /** Why, in a few words. */
  why: string
  /** What the server sent, when it said (strict-mode server). */
  sentValue?: string
}

interface Model {
  operations: Record<string, { output?: string }>
  shapes: Record<string, { members?: { location?: string; locationName?: string }[] }>
}

/** The response headers an S3 operation can carry, from the API model. */
export function modelledResponseHeaders(operation: string | undefined): string[] {
  const model = s3Model as unknown as Model
  const output = operation ? model.operations[operation]?.output : undefined
  const members = output ? (model.shapes[output]?.members ?? []) : []
  return members.filter((m) => m.location === 'header' && m.locationName).map((m) => m.locationName!)
}

/** Buckets whose ExposeHeaders the CORS doctor has read (GetBucketCors), by bucket name. */
export const knownExposeHeaders = new Map<string, string[]>()

const bucketOf = (exchange: Exchange) => {
  const url = new URL(exchange.url)
  const first = url.pathname.split('/')[1]
  // Virtual-hosted (bucket.s3.region.amazonaws.com) or path-style (/bucket/key).
  return /^[^.]+\.s3[.-]/.test(url.hostname) ? url.hostname.split('.s3')[0]! : decodeURIComponent(first ?? '')
}

export function corsVisibility(exchange: Exchange): VisibilityRow[] {
  if (!exchange.target) return []
  const readable = new Set(exchange.responseHeaders.map(([k]) => k.toLowerCase()))
  if (exchange.sentHeaders) {
    // The server said what it sent: no guessing.
    return [
      ...exchange.responseHeaders.map(([name]): VisibilityRow => ({
        name,
        visibility: 'readable',
        why: isSafelisted(name) ? 'CORS-safelisted' : 'listed in Access-Control-Expose-Headers',
      })),
      ...exchange.sentHeaders
        .filter(
          ([name]) =>
            !readable.has(name.toLowerCase()) &&
            !name.toLowerCase().startsWith('access-control-') &&
            name.toLowerCase() !== 'vary',
        )
        .map(([name, value]): VisibilityRow => ({
          name,
          visibility: 'hidden',
          why: 'the server sent it; CORS hid it from the page',
          sentValue: value,
        })),
    ]
  }
  const expose = knownExposeHeaders.get(bucketOf(exchange))
  const exposed = expose ? new Set(expose.map((h) => h.toLowerCase())) : undefined
  const rows: VisibilityRow[] = exchange.responseHeaders.map(([name]) => ({
    name,
    visibility: 'readable',
    why: isSafelisted(name) ? 'CORS-safelisted' : 'listed in Access-Control-Expose-Headers',
  }))
  for (const name of modelledResponseHeaders(exchange.operation)) {
    const lower = name.toLowerCase()
    if (readable.has(lower) || isSafelisted(lower)) continue
    if (exposed?.has(lower)) continue // exposed, so absent means not sent
    rows.push({
      name,
      visibility: exposed ? 'hidden' : 'unknown',
      why: exposed
        ? "not in the bucket's ExposeHeaders: if the server sent it, the page could not read it"
        : 'not CORS-safelisted and not exposed to this page: the server may have sent it',
    })
  }
  return rows
}
