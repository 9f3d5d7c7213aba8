/** aws-cli's `--output text` (awscli/text.py): tab-separated scalars, nested values on lines named by their key. */

const isContainer = (v: unknown) => typeof v === 'object' && v !== null

/** Python's str() of a scalar. */
export const pyStr = (v: unknown): string =>
  v === null || v === undefined ? 'None' : v === true ? 'True' : v === false ? 'False' : String(v)

function formatText(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (Array.isArray(item)) formatList(item, out, identifier)
  else if (isContainer(item)) formatDict(item as Record<string, unknown>, out, identifier, scalarKeys)
  else out.push(pyStr(item) + '\n')
}

function formatList(items: unknown[], out: string[], identifier?: string): void {
  if (items.length === 0) return
  if (items.some((e) => isContainer(e) && !Array.isArray(e))) {
    const keys = [
      ...new Set(
        items.flatMap((e) =>
          isContainer(e) && !Array.isArray(e)
            ? Object.entries(e as object)
                .filter(([, v]) => !isContainer(v))
                .map(([k]) => k)
            : [],
        ),
      ),
    ].sort()
    for (const e of items) formatText(e, out, identifier, keys)
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((e) => !isContainer(e))
    if (scalars.length) formatScalarList(scalars, out, identifier)
    for (const e of items.filter(isContainer)) formatText(e, out, identifier)
  } else formatScalarList(items, out, identifier)
}

function formatScalarList(items: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) for (const e of items) out.push(`${identifier.toUpperCase()}\t${pyStr(e)}\n`)
  else out.push(items.map(pyStr).join('\t') + '\n')
}

function formatDict(item: Record<string, unknown>, out: string[], identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = []
  const nested: [string, unknown][] = []
  if (scalarKeys === undefined) {
    for (const [k, v] of Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (isContainer(v)) nested.push([k, v])
      else scalars.push(pyStr(v))
    }
  } else {
    for (const k of scalarKeys) scalars.push(k in item ? pyStr(item[k]) : '')
    for (const k of Object.keys(item)
      .filter((k) => !scalarKeys.includes(k))
      .sort())
      nested.push([k, item[k]])
  }
  if (scalars.length)
    out.push([...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join('\t') + '\n')
  for (const [k, v] of nested) formatText(v, out, k)
}

export function toText(value: unknown): string {
  const out: string[] = []
  formatText(value, out)
  return out.join('')
}
