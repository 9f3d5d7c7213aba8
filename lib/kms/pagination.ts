/**
 * Limit / Marker paging for the List* operations. The marker is opaque to callers (base64 of the last
 * item's sort key), and pages stay correct when items are added or removed between calls.
 */
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/bytes'
import { invalidMarker } from './errors'

export interface Page<T> {
  items: T[]
  /** Present only when there are more items. */
  nextMarker?: string
}

export function paginate<T>(
  all: readonly T[],
  sortKey: (item: T) => string,
  limit: number | undefined,
  marker: string | undefined,
  defaultLimit: number,
): Page<T> {
  const sorted = [...all].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
  let start = 0
  if (marker !== undefined) {
    const bytes = fromBase64(marker)
    if (!bytes || bytes.length === 0) throw invalidMarker()
    const after = fromUtf8(bytes)
    start = sorted.findIndex((item) => sortKey(item) > after)
    if (start === -1) start = sorted.length
  }
  const size = limit ?? defaultLimit
  const items = sorted.slice(start, start + size)
  const more = start + size < sorted.length
  return more ? { items, nextMarker: toBase64(utf8(sortKey(items[items.length - 1]!))) } : { items }
}

/** The List* response tail: Truncated always, NextMarker only when truncated. */
export const pageTail = (page: Page<unknown>) =>
  page.nextMarker ? { NextMarker: page.nextMarker, Truncated: true } : { Truncated: false }
