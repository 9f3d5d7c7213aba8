/** Readable request and response bodies: JSON and XML pretty-printed, anything else as it came. */

export type BodyKind = 'json' | 'xml' | 'text'

export function bodyKind(text: string, contentType?: string | null): BodyKind {
  const type = (contentType ?? '').toLowerCase()
  const start = text.trimStart()[0]
  if (type.includes('json') || start === '{' || start === '[') return 'json'
  if (type.includes('xml') || start === '<') return 'xml'
  return 'text'
}

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

const indent = (depth: number) => '  '.repeat(Math.max(0, depth))

/** One element per line, nested elements indented; an element holding only text stays on one line. */
export function prettyXml(xml: string): string {
  const tokens = xml
    .trim()
    .split(/(<[^>]+>)/)
    .filter((t) => t.trim() !== '')
  const lines: string[] = []
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.startsWith('<?') || t.startsWith('<!')) lines.push(indent(depth) + t)
    else if (t.startsWith('</')) lines.push(indent(--depth) + t)
    else if (t.startsWith('<')) {
      const text = tokens[i + 1]
      const close = tokens[i + 2]
      if (t.endsWith('/>')) lines.push(indent(depth) + t)
      else if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(indent(depth) + t + text + close)
        i += 2
      } else lines.push(indent(depth++) + t)
    } else lines.push(indent(depth) + t.trim())
  }
  return lines.join('\n')
}

export function prettyBody(text: string, contentType?: string | null): string {
  const kind = bodyKind(text, contentType)
  return kind === 'json' ? prettyJson(text) : kind === 'xml' ? prettyXml(text) : text
}
