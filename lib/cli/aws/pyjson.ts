/**
 * A JSON parser whose error messages are Python's json module's ("Expecting value: line 1 column 1
 * (char 0)"), because aws-cli reports them verbatim in "Invalid JSON: ..." errors.
 */

export class PyJsonError extends Error {}

const WS = /[ \t\n\r]*/y
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y

function where(doc: string, pos: number): string {
  const line = doc.slice(0, pos).split('\n').length
  const col = line === 1 ? pos + 1 : pos - doc.lastIndexOf('\n', pos - 1)
  return `line ${line} column ${col} (char ${pos})`
}

export function parsePythonJson(doc: string): unknown {
  let pos = 0
  const fail = (msg: string, at = pos): never => {
    throw new PyJsonError(`${msg}: ${where(doc, at)}`)
  }
  const ws = () => {
    WS.lastIndex = pos
    WS.exec(doc)
    pos = WS.lastIndex
  }
  const string = (): string => {
    const start = pos // at the opening quote
    pos++
    let out = ''
    for (;;) {
      if (pos >= doc.length) fail('Unterminated string starting at', start)
      const c = doc[pos]!
      if (c === '"') {
        pos++
        return out
      }
      if (c === '\\') {
        const e = doc[pos + 1]
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        }
        if (e === undefined) fail('Unterminated string starting at', start)
        if (e === 'u') {
          const hex = doc.slice(pos + 2, pos + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape', pos + 1)
          out += String.fromCharCode(parseInt(hex, 16))
          pos += 6
        } else if (simple[e!] !== undefined) {
          out += simple[e!]
          pos += 2
        } else fail('Invalid \\escape', pos)
      } else if (c < ' ') fail('Invalid control character at')
      else {
        out += c
        pos++
      }
    }
  }
  const value = (): unknown => {
    const c = doc[pos]
    if (c === '"') return string()
    if (c === '{') {
      pos++
      const obj: Record<string, unknown> = {}
      ws()
      if (doc[pos] === '}') {
        pos++
        return obj
      }
      for (;;) {
        if (doc[pos] !== '"') fail('Expecting property name enclosed in double quotes')
        const key = string()
        ws()
        if (doc[pos] !== ':') fail("Expecting ':' delimiter")
        pos++
        ws()
        obj[key] = value()
        ws()
        if (doc[pos] === '}') {
          pos++
          return obj
        }
        if (doc[pos] !== ',') fail("Expecting ',' delimiter")
        pos++
        ws()
      }
    }
    if (c === '[') {
      pos++
      const arr: unknown[] = []
      ws()
      if (doc[pos] === ']') {
        pos++
        return arr
      }
      for (;;) {
        arr.push(value())
        ws()
        if (doc[pos] === ']') {
          pos++
          return arr
        }
        if (doc[pos] !== ',') fail("Expecting ',' delimiter")
        pos++
        ws()
      }
    }
    for (const [word, v] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (doc.startsWith(word, pos)) {
        pos += word.length
        return v
      }
    }
    NUMBER.lastIndex = pos
    const m = NUMBER.exec(doc)
    if (!m) return fail('Expecting value')
    pos += m[0].length
    return Number(m[0])
  }
  ws()
  const result = value()
  ws()
  if (pos !== doc.length) fail('Extra data')
  return result
}
