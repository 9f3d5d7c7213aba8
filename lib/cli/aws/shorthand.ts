/**
 * aws-cli's shorthand syntax for structure, list and map parameters: `Key=Value,Other=[a,b],Nested={K=V}`.
 * Values stay strings; the model-aware conversion happens afterwards, as in awscli/shorthand.py.
 */

export class ShorthandError extends Error {}

export function parseShorthand(text: string): unknown {
  let pos = 0
  const fail = (expected: string): never => {
    const received = pos < text.length ? text[pos] : 'EOF'
    throw new ShorthandError(
      `Expected: '${expected}', received: '${received}' for input:\n${text}\n${' '.repeat(pos)}^`,
    )
  }
  const ws = () => {
    while (text[pos] === ' ') pos++
  }
  const key = (): string => {
    const start = pos
    while (pos < text.length && /[A-Za-z0-9_.\-:/#@]/.test(text[pos]!)) pos++
    if (pos === start) fail('=')
    return text.slice(start, pos)
  }
  const scalar = (stops: string): string => {
    ws()
    if (text[pos] === '"' || text[pos] === "'") {
      const q = text[pos]!
      const end = text.indexOf(q, pos + 1)
      if (end < 0) fail(q)
      const v = text.slice(pos + 1, end)
      pos = end + 1
      ws()
      return v
    }
    const start = pos
    while (pos < text.length && !stops.includes(text[pos]!)) pos++
    return text.slice(start, pos).trim()
  }
  const value = (stops: string): unknown => {
    ws()
    if (text[pos] === '[') {
      pos++
      const out: unknown[] = []
      ws()
      if (text[pos] === ']') {
        pos++
        return out
      }
      for (;;) {
        out.push(value(',]'))
        ws()
        if (text[pos] === ']') {
          pos++
          return out
        }
        if (text[pos] !== ',') fail(',')
        pos++
      }
    }
    if (text[pos] === '{') {
      pos++
      const out = pairs('}')
      if (text[pos] !== '}') fail(',') // aws-cli reports the separator it hoped for, not the brace
      pos++
      return out
    }
    return scalar(stops)
  }
  const pairs = (close: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (;;) {
      ws()
      const k = key()
      ws()
      if (text[pos] !== '=') fail('=')
      pos++
      const stops = close ? `,${close}` : ','
      const v = value(stops)
      // A bare `a=b,c` continues the previous value as a list (aws-cli's "explicit list" rule).
      const extra: string[] = []
      while (typeof v === 'string' && text[pos] === ',' && !/^,\s*[A-Za-z0-9_.\-:/#@]+\s*=/.test(text.slice(pos))) {
        pos++
        extra.push(scalar(stops))
      }
      out[k] = extra.length ? [v, ...extra] : v
      ws()
      if (text[pos] === ',') {
        pos++
        continue
      }
      return out
    }
  }
  const result = pairs('')
  if (pos < text.length) fail(',')
  return result
}
