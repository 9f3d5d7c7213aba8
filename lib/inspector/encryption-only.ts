/**
 * The inspector's "encryption only" view (presenter mode): of the last two exchanges, just what encryption is about —
 * the SSE request and response headers and the KMS calls (the learner's own, and those S3 made on their behalf) — as
 * rows of before and after, with the rows whose value changed marked.
 */
import type { Exchange } from './exchange'
import { isEncryptionHeader } from './encryption-headers'

export interface EncryptionRow {
  /** `request`, `response` or `kms`. */
  side: 'request' | 'response' | 'kms'
  name: string
  before?: string
  after?: string
  changed: boolean
}

export interface EncryptionComparison {
  before?: { id: number; title: string }
  after: { id: number; title: string }
  rows: EncryptionRow[]
}

const title = (e: Exchange) =>
  `${e.operation ?? e.method} ${decodeURIComponent(new URL(e.url).pathname)} → ${e.blocked ? 'no answer' : e.status}`

/** The KMS calls an exchange stands for: itself when it is one (X-Amz-Target), and the steps S3 took inside KMS. */
export function kmsCalls(e: Exchange): string[] {
  const target = e.requestHeaders.find(([n]) => n.toLowerCase() === 'x-amz-target')?.[1]
  const own = target?.startsWith('TrentService.') ? [target.slice('TrentService.'.length)] : []
  const inside = (e.trace ?? []).filter((s) => /\bKMS\b/.test(s.name)).map((s) => s.name.replace(/^KMS\s+/, ''))
  return [...own, ...inside]
}

function encryptionHeaders(e: Exchange | undefined, side: 'request' | 'response'): Map<string, string> {
  const headers = side === 'request' ? e?.requestHeaders : e?.responseHeaders
  return new Map((headers ?? []).filter(([n]) => isEncryptionHeader(n)).map(([n, v]) => [n.toLowerCase(), v]))
}

/** Before/after rows for the last two exchanges; undefined when there is none. */
export function compareEncryption(exchanges: readonly Exchange[]): EncryptionComparison | undefined {
  const after = exchanges.at(-1)
  if (!after) return undefined
  const before = exchanges.length > 1 ? exchanges.at(-2) : undefined
  const rows: EncryptionRow[] = []
  // KMS calls first: short, and the first thing a presenter points at.
  const kb = before ? kmsCalls(before).join(', ') : ''
  const ka = kmsCalls(after).join(', ')
  if (kb || ka)
    rows.push({
      side: 'kms',
      name: 'KMS calls',
      ...(kb ? { before: kb } : {}),
      ...(ka ? { after: ka } : {}),
      changed: kb !== ka,
    })
  for (const side of ['request', 'response'] as const) {
    const b = encryptionHeaders(before, side)
    const a = encryptionHeaders(after, side)
    for (const name of new Set([...b.keys(), ...a.keys()])) {
      const row: EncryptionRow = { side, name, changed: b.get(name) !== a.get(name) }
      if (b.has(name)) row.before = b.get(name)!
      if (a.has(name)) row.after = a.get(name)!
      rows.push(row)
    }
  }
  return {
    ...(before ? { before: { id: before.id, title: title(before) } } : {}),
    after: { id: after.id, title: title(after) },
    rows,
  }
}
