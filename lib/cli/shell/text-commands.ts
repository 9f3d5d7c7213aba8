/**
 * grep, head, tail and wc with their common flags, output laid out as GNU grep and coreutils do (checked against the
 * real tools in tests/unit/cli/shell/text-commands.test.ts). Files come from the shell's own file system; `-` or no
 * file reads the pipe.
 */
import type { Io } from '../aws/io'
import type { Builtin, ShellState } from './builtins'
import { VfsError } from './vfs'

const NL = 10
const enc = new TextEncoder()

interface Input {
  name: string
  data: Uint8Array
}

/** Reads each named file (or the pipe), reporting the missing ones as `cmd: name: reason`. */
function inputs(
  cmd: string,
  files: string[],
  io: Io,
  sh: ShellState,
  quoted = false,
): { read: Input[]; failed: boolean } {
  const read: Input[] = []
  let failed = false
  for (const name of files.length ? files : ['-']) {
    if (name === '-') {
      read.push({ name: files.length ? '-' : '', data: io.stdin ?? new Uint8Array() })
      continue
    }
    try {
      read.push({ name, data: sh.vfs.read(name) })
    } catch (e) {
      const why = e instanceof VfsError ? e.message : String(e)
      io.err(quoted ? `${cmd}: cannot open '${name}' for reading: ${why}\n` : `${cmd}: ${name}: ${why}\n`)
      failed = true
    }
  }
  return { read, failed }
}

/** Splits into lines, each keeping its newline (the last may have none). */
function lines(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  let start = 0
  for (let i = 0; i < data.length; i++)
    if (data[i] === NL) {
      out.push(data.subarray(start, i + 1))
      start = i + 1
    }
  if (start < data.length) out.push(data.subarray(start))
  return out
}

const join = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) out.set(p, (at += p.length) - p.length)
  return out
}

/** A count as head and tail take it: digits, with an optional leading sign. */
function parseCount(cmd: string, what: 'lines' | 'bytes', text: string | undefined, io: Io) {
  const m = /^([+-]?)(\d+)$/.exec(text ?? '')
  if (!m) {
    io.err(`${cmd}: invalid number of ${what}: ‘${text ?? ''}’\n`)
    return undefined
  }
  return { sign: m[1] as '' | '+' | '-', n: Number(m[2]) }
}

/** head and tail share their options: -n N, -c N, -N, -q, -v, and the `==> name <==` headers for several files. */
function headTail(cmd: 'head' | 'tail'): Builtin {
  return (args, io, sh) => {
    let count = { sign: '' as '' | '+' | '-', n: 10 }
    let bytes = false
    let headers: boolean | undefined
    const files: string[] = []
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!
      const opt = /^(-n|-c|--lines=|--bytes=)(.*)$/.exec(a)
      if (opt) {
        bytes = opt[1] === '-c' || opt[1] === '--bytes='
        const value = opt[2] || (opt[1]!.endsWith('=') ? '' : args[++i])
        const parsed = parseCount(cmd, bytes ? 'bytes' : 'lines', value, io)
        if (!parsed) return 1
        count = parsed
      } else if (/^-\d+$/.test(a)) count = { sign: '', n: Number(a.slice(1)) }
      else if (a === '-q' || a === '--quiet' || a === '--silent') headers = false
      else if (a === '-v' || a === '--verbose') headers = true
      else if (a.startsWith('-') && a !== '-') {
        io.err(`${cmd}: invalid option -- '${a.replace(/^-+/, '')}'\nTry '${cmd} --help' for more information.\n`)
        return 1
      } else files.push(a)
    }
    const { read, failed } = inputs(cmd, files, io, sh, true)
    const withHeaders = headers ?? files.length > 1
    read.forEach((input, i) => {
      if (withHeaders) io.out(`${i > 0 ? '\n' : ''}==> ${input.name || 'standard input'} <==\n`)
      io.out(cmd === 'head' ? headOf(input.data, count, bytes) : tailOf(input.data, count, bytes))
    })
    return failed ? 1 : 0
  }
}

function headOf(data: Uint8Array, { sign, n }: { sign: string; n: number }, bytes: boolean): Uint8Array {
  if (bytes) return sign === '-' ? data.subarray(0, Math.max(0, data.length - n)) : data.subarray(0, n)
  const all = lines(data)
  return join(sign === '-' ? all.slice(0, Math.max(0, all.length - n)) : all.slice(0, n))
}

function tailOf(data: Uint8Array, { sign, n }: { sign: string; n: number }, bytes: boolean): Uint8Array {
  // +N: from the Nth line (or byte) on, counting from 1.
  if (bytes) return sign === '+' ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n))
  const all = lines(data)
  return join(sign === '+' ? all.slice(Math.max(0, n - 1)) : n === 0 ? [] : all.slice(-n))
}

/** wc: lines, words, bytes (and -m characters), in GNU's columns; a total line for several files. */
const wc: Builtin = (args, io, sh) => {
  const want = { l: false, w: false, m: false, c: false }
  const files: string[] = []
  for (const a of args) {
    const long = { '--lines': 'l', '--words': 'w', '--chars': 'm', '--bytes': 'c' }[a]
    if (long) want[long as keyof typeof want] = true
    else if (/^-[lwmc]+$/.test(a)) for (const f of a.slice(1)) want[f as keyof typeof want] = true
    else if (a.startsWith('-') && a !== '-') {
      io.err(`wc: invalid option -- '${a.replace(/^-+/, '')}'\nTry 'wc --help' for more information.\n`)
      return 1
    } else files.push(a)
  }
  if (!want.l && !want.w && !want.m && !want.c) want.l = want.w = want.c = true
  const { read, failed } = inputs('wc', files, io, sh)
  const counts = read.map(({ name, data }) => {
    const text = new TextDecoder().decode(data)
    return {
      name,
      l: data.filter((b) => b === NL).length,
      w: text.split(/[ \t\n\v\f\r]+/).filter(Boolean).length,
      m: [...text].length,
      c: data.length,
    }
  })
  if (counts.length > 1)
    counts.push(
      counts.reduce((t, c) => ({ name: 'total', l: t.l + c.l, w: t.w + c.w, m: t.m + c.m, c: t.c + c.c }), {
        name: 'total',
        l: 0,
        w: 0,
        m: 0,
        c: 0,
      }),
    )
  const columns = (['l', 'w', 'm', 'c'] as const).filter((k) => want[k])
  // GNU's width: one column for one count of one input; else the digits of the files' total size, 7 with a pipe.
  const fromPipe = read.some((r) => r.name === '' || r.name === '-')
  const size = read.reduce((n, r) => n + r.data.length, 0)
  const width = columns.length === 1 && read.length === 1 ? 1 : Math.max(fromPipe ? 7 : 1, String(size).length)
  for (const c of counts)
    io.out(columns.map((k) => String(c[k]).padStart(width)).join(' ') + (c.name ? ` ${c.name}` : '') + '\n')
  return failed ? 1 : 0
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
}

/** grep's pattern syntax (basic by default, -E extended, -F fixed) as a JavaScript regular expression's source. */
function patternSource(p: string, mode: 'basic' | 'extended' | 'fixed'): string {
  if (mode === 'fixed') return p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  // In basic syntax \( \) \{ \} \| \+ \? are the operators, and the bare characters are literal; extended is the reverse.
  const special = '(){}|+?'
  let out = ''
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!
    if (ch === '[' && p[i + 1] === '[' && p[i + 2] === ':') {
      const end = p.indexOf(':]', i + 3)
      const name = end > 0 ? p.slice(i + 3, end) : ''
      if (CLASSES[name]) {
        out += `[${CLASSES[name]}`
        i = end + 1
        continue
      }
    }
    if (ch === '\\' && i + 1 < p.length) {
      const next = p[++i]!
      if (next === '<') out += '\\b(?=\\w)'
      else if (next === '>') out += '\\b(?<=\\w)'
      else if (special.includes(next)) out += mode === 'basic' ? next : `\\${next}`
      else out += `\\${next}`
    } else if (special.includes(ch)) out += mode === 'basic' ? `\\${ch}` : ch
    else out += ch
  }
  return out
}

function toRegExp(
  patterns: string[],
  mode: 'basic' | 'extended' | 'fixed',
  ignoreCase: boolean,
  word: boolean,
  line: boolean,
) {
  let source = patterns.map((p) => `(?:${patternSource(p, mode)})`).join('|')
  if (word) source = `(?<!\\w)(?:${source})(?!\\w)`
  if (line) source = `^(?:${source})$`
  return new RegExp(source, ignoreCase ? 'i' : '')
}

/** grep: -i -v -c -n -l -L -o -q -w -x -h -H -s -E -F -e PATTERN; exit 0 on a match, 1 on none, 2 on an error. */
const grep: Builtin = (args, io, sh) => {
  const flags = new Set<string>()
  const patterns: string[] = []
  const files: string[] = []
  let maxCount = Infinity
  let options = true
  const hasE = args.some((x) => x === '-e' || x === '--regexp' || x.startsWith('--regexp='))
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (options && a === '--') options = false
    else if (options && (a === '-e' || a === '--regexp')) patterns.push(args[++i] ?? '')
    else if (options && a.startsWith('--regexp=')) patterns.push(a.slice(9))
    else if (options && (a === '-m' || a === '--max-count')) maxCount = Number(args[++i])
    else if (options && /^-[ivcnlLoqwxhHsEF]+$/.test(a)) for (const f of a.slice(1)) flags.add(f)
    else if (options && a.startsWith('-') && a !== '-') {
      const long: Record<string, string> = {
        '--ignore-case': 'i',
        '--invert-match': 'v',
        '--count': 'c',
        '--line-number': 'n',
        '--files-with-matches': 'l',
        '--files-without-match': 'L',
        '--only-matching': 'o',
        '--quiet': 'q',
        '--silent': 'q',
        '--word-regexp': 'w',
        '--line-regexp': 'x',
        '--no-filename': 'h',
        '--with-filename': 'H',
        '--no-messages': 's',
        '--extended-regexp': 'E',
        '--fixed-strings': 'F',
      }
      if (!long[a]) {
        io.err(`grep: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n`)
        return 2
      }
      flags.add(long[a])
    } else if (!hasE && patterns.length === 0) patterns.push(a)
    else files.push(a)
  }
  if (patterns.length === 0) {
    io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
    return 2
  }
  let re: RegExp
  try {
    const mode = flags.has('F') ? 'fixed' : flags.has('E') ? 'extended' : 'basic'
    // Each -e, and each line of a pattern, is a pattern of its own.
    re = toRegExp(
      patterns.flatMap((p) => p.split('\n')),
      mode,
      flags.has('i'),
      flags.has('w'),
      flags.has('x'),
    )
  } catch {
    io.err('grep: Invalid regular expression\n')
    return 2
  }
  const { read, failed } = inputs('grep', files, flags.has('s') ? { ...io, err: () => {} } : io, sh)
  const named = flags.has('H') || (!flags.has('h') && files.length > 1)
  let matched = false
  let listed = false
  for (const { name, data } of read) {
    const label = name || '(standard input)'
    const prefix = named ? `${label}:` : ''
    let found = 0
    const text = new TextDecoder().decode(data)
    const all = text.split('\n')
    if (all.at(-1) === '') all.pop()
    for (let n = 0; n < all.length && found < maxCount; n++) {
      const lineText = all[n]!
      const hit = re.test(lineText) !== flags.has('v')
      if (!hit) continue
      found++
      matched = true
      if (flags.has('q')) return 0
      if (flags.has('c') || flags.has('l') || flags.has('L')) continue
      const at = `${prefix}${flags.has('n') ? `${n + 1}:` : ''}`
      if (flags.has('o') && !flags.has('v')) {
        const global = new RegExp(re.source, re.flags + 'g')
        for (const m of lineText.matchAll(global)) if (m[0]) io.out(enc.encode(`${at}${m[0]}\n`))
      } else if (!flags.has('o')) io.out(enc.encode(`${at}${lineText}\n`))
    }
    if (flags.has('c')) io.out(`${prefix}${found}\n`)
    else if (flags.has('l') && found) io.out(`${label}\n`)
    else if (flags.has('L') && !found) {
      io.out(`${label}\n`)
      listed = true
    }
  }
  // -L succeeds when it listed a file (GNU grep 3.5 and later).
  if (flags.has('L')) matched = listed
  return failed && !(flags.has('q') && matched) ? 2 : matched ? 0 : 1
}

export const TEXT_COMMANDS: Record<string, Builtin> = { grep, head: headTail('head'), tail: headTail('tail'), wc }
