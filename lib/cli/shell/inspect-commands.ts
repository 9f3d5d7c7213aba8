/** Commands for looking at bytes: xxd, hexdump -C, base64, and `openssl rand` (text: text-commands.ts). */
import { fromBase64, toBase64, toHex } from '../../crypto/bytes'
import type { Builtin, ShellState } from './builtins'
import type { Io } from '../aws/io'
import { VfsError } from './vfs'
import { opensslEnc } from './openssl-enc'

function input(cmd: string, path: string | undefined, io: Io, sh: ShellState): Uint8Array | undefined {
  if (path === undefined || path === '-') return io.stdin ?? new Uint8Array()
  try {
    return sh.vfs.read(path)
  } catch (e) {
    io.err(`${cmd}: ${path}: ${e instanceof VfsError ? e.message : String(e)}\n`)
    return undefined
  }
}

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')

/** xxd's default layout: offset, eight 2-byte groups, the bytes as text. */
export function xxdDump(data: Uint8Array): string {
  let out = ''
  for (let off = 0; off < data.length; off += 16) {
    const row = data.subarray(off, off + 16)
    const groups: string[] = []
    for (let i = 0; i < row.length; i += 2) groups.push(toHex(row.subarray(i, i + 2)))
    out += `${off.toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(39)}  ${[...row].map(printable).join('')}\n`
  }
  return out
}

/** hexdump -C: offset, sixteen bytes in two halves, |text|, and the final length. */
export function hexdumpCanonical(data: Uint8Array): string {
  let out = ''
  for (let off = 0; off < data.length; off += 16) {
    const row = [...data.subarray(off, off + 16)]
    const hex = row.map((b) => b.toString(16).padStart(2, '0'))
    const left = hex.slice(0, 8).join(' ')
    const right = hex.slice(8).join(' ')
    out += `${off.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${row.map(printable).join('')}|\n`
  }
  return out + `${data.length.toString(16).padStart(8, '0')}\n`
}

export const INSPECT_COMMANDS: Record<string, Builtin> = {
  xxd(args, io, sh) {
    const data = input(
      'xxd',
      args.find((a) => !a.startsWith('-')),
      io,
      sh,
    )
    if (!data) return 2
    io.out(xxdDump(data))
    return 0
  },
  hexdump(args, io, sh) {
    const data = input(
      'hexdump',
      args.find((a) => !a.startsWith('-')),
      io,
      sh,
    )
    if (!data) return 1
    io.out(hexdumpCanonical(data))
    return 0
  },
  base64(args, io, sh) {
    const decode = args.includes('-d') || args.includes('--decode')
    const data = input(
      'base64',
      args.find((a) => !a.startsWith('-')),
      io,
      sh,
    )
    if (!data) return 1
    if (decode) {
      const bytes = fromBase64(new TextDecoder().decode(data).replace(/\s+/g, ''))
      if (!bytes) {
        io.err('base64: invalid input\n')
        return 1
      }
      io.out(bytes)
      return 0
    }
    const text = toBase64(data)
    io.out((text.match(/.{1,76}/g) ?? ['']).join('\n') + '\n')
    return 0
  },
  /** `openssl rand [-hex|-base64] [-out FILE] N`: random bytes from WebCrypto (e.g. an SSE-C key). */
  openssl(args, io, sh) {
    if (args[0] === 'enc') return opensslEnc(args.slice(1), io, sh)
    if (args[0] !== 'rand') {
      io.err(`Invalid command '${args[0] ?? ''}'; type "help" for a list.\n`)
      return 1
    }
    let format: 'hex' | 'base64' | 'raw' = 'raw'
    let out: string | undefined
    let n: number | undefined
    for (let i = 1; i < args.length; i++) {
      const a = args[i]!
      if (a === '-hex') format = 'hex'
      else if (a === '-base64') format = 'base64'
      else if (a === '-out') out = args[++i]
      else if (/^\d+$/.test(a)) n = Number(a)
      else {
        io.err(`rand: Unknown option or message digest: ${a.replace(/^-/, '')}\n`)
        return 1
      }
    }
    if (n === undefined) {
      io.err('rand: Missing number of bytes\n')
      return 1
    }
    const bytes = new Uint8Array(n)
    for (let off = 0; off < n; off += 65536) crypto.getRandomValues(bytes.subarray(off, Math.min(n, off + 65536)))
    const data =
      format === 'hex'
        ? new TextEncoder().encode(toHex(bytes) + '\n')
        : format === 'base64'
          ? new TextEncoder().encode(toBase64(bytes) + '\n')
          : bytes
    if (out) sh.vfs.write(out, data)
    else io.out(data)
    return 0
  },
}
