/**
 * POSIX-shell-style word splitting for the terminal: single and double quotes, backslash escapes,
 * $VAR / ${VAR} expansion (not inside single quotes), and the operators | > >> && ;.
 * A line that ends inside quotes or after a backslash is `incomplete`: the terminal asks for more.
 */

export type Token = { kind: 'word'; value: string } | { kind: 'op'; value: '|' | '>' | '>>' | '&&' | ';' }

export type TokenizeResult = { incomplete: true } | { incomplete: false; tokens: Token[] }

const OPERATORS = ['>>', '&&', '|', '>', ';'] as const

export function tokenize(line: string, env: Readonly<Record<string, string>> = {}): TokenizeResult {
  const tokens: Token[] = []
  let word = ''
  let inWord = false
  let i = 0
  const flush = () => {
    if (inWord) tokens.push({ kind: 'word', value: word })
    word = ''
    inWord = false
  }
  const expand = (): string => {
    // Called with line[i] === '$'; returns the expansion and advances i past the name.
    const braced = line[i + 1] === '{'
    const m = braced
      ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(line.slice(i))
      : /^\$([A-Za-z_][A-Za-z0-9_]*|\?)/.exec(line.slice(i))
    if (!m) {
      i++
      return '$'
    }
    i += m[0].length
    return env[m[1]!] ?? ''
  }
  while (i < line.length) {
    const c = line[i]!
    if (c === ' ' || c === '\t' || c === '\n') {
      flush()
      i++
    } else if (c === '\\') {
      if (i + 1 >= line.length) return { incomplete: true }
      if (line[i + 1] !== '\n') word += line[i + 1]
      inWord = line[i + 1] !== '\n' || inWord
      i += 2
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) return { incomplete: true }
      word += line.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (c === '"') {
      inWord = true
      i++
      for (;;) {
        if (i >= line.length) return { incomplete: true }
        const d = line[i]!
        if (d === '"') {
          i++
          break
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== '\n') word += line[i + 1]
          i += 2
        } else if (d === '$') word += expand()
        else {
          word += d
          i++
        }
      }
    } else if (c === '$') {
      // As in sh: an unquoted expansion that comes out empty makes no word of its own (`echo $UNSET x` is `echo x`).
      const value = expand()
      word += value
      inWord ||= value !== ''
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i))
      if (op) {
        flush()
        tokens.push({ kind: 'op', value: op })
        i += op.length
      } else {
        word += c
        inWord = true
        i++
      }
    }
  }
  flush()
  return { incomplete: false, tokens }
}
