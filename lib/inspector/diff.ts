/** Side-by-side differences between two exchanges: headers by name, bodies by line. */
import { diffLineOps } from '../text/line-diff'

export type Change = 'same' | 'changed' | 'added' | 'removed'

export interface DiffRow {
  /** The header name (headers) or undefined (body lines). */
  name?: string
  a?: string
  b?: string
  change: Change
}

/** Headers that differ on every request (ids, dates, signatures): noise when comparing two exchanges. */
export const PER_REQUEST_HEADERS = new Set([
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'date',
  'x-amz-date',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amzn-requestid',
])

const merge = (headers: [string, string][]) => {
  const out = new Map<string, string>()
  for (const [k, v] of headers) {
    const name = k.toLowerCase()
    out.set(name, out.has(name) ? `${out.get(name)}, ${v}` : v)
  }
  return out
}

/** Header names compared case-insensitively; A's order first, then what only B has. */
export function diffHeaders(a: [string, string][], b: [string, string][]): DiffRow[] {
  const left = merge(a)
  const right = merge(b)
  const rows: DiffRow[] = []
  for (const [name, va] of left) {
    const vb = right.get(name)
    if (vb === undefined) rows.push({ name, a: va, change: 'removed' })
    else rows.push({ name, a: va, b: vb, change: va === vb ? 'same' : 'changed' })
  }
  for (const [name, vb] of right) if (!left.has(name)) rows.push({ name, b: vb, change: 'added' })
  return rows
}

/** The inspector shows at most this many lines of each body (the line diff itself has its own work cap). */
const MAX_LINES = 2000

/** A line diff (lib/text/line-diff.ts); a removed line next to an added one shows as changed. */
export function diffLines(a: string, b: string): DiffRow[] {
  const x = a === '' ? [] : a.split('\n').slice(0, MAX_LINES)
  const y = b === '' ? [] : b.split('\n').slice(0, MAX_LINES)
  const rows = diffLineOps(x, y).map((o): DiffRow =>
    o.op === 'same'
      ? { a: o.a, b: o.b, change: 'same' }
      : o.op === 'removed'
        ? { a: o.a, change: 'removed' }
        : { b: o.b, change: 'added' },
  )
  return pairChanges(rows)
}

/** Folds each run of removals followed by additions into side-by-side "changed" rows. */
function pairChanges(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = []
  for (let k = 0; k < rows.length;) {
    if (rows[k]!.change !== 'removed') {
      out.push(rows[k++]!)
      continue
    }
    const removed: DiffRow[] = []
    const added: DiffRow[] = []
    while (k < rows.length && rows[k]!.change === 'removed') removed.push(rows[k++]!)
    while (k < rows.length && rows[k]!.change === 'added') added.push(rows[k++]!)
    for (let n = 0; n < Math.max(removed.length, added.length); n++) {
      const r = removed[n]
      const d = added[n]
      out.push(r && d ? { a: r.a, b: d.b, change: 'changed' } : (r ?? d)!)
    }
  }
  return out
}
