/** The small shell's commands: enough to make files, look at them and compare a download with its original. */
import { fromUtf8, toHex } from '../../crypto/bytes'
import { md5 } from '../../crypto/md5'
import { sha256 } from '../../crypto/checksums'
import type { Io } from '../aws/io'
import { diffLines } from './diff'
import { VfsError, type FileSystem } from './vfs'

export interface ShellState {
  vfs: FileSystem
  env: Record<string, string>
  history: string[]
  /** Asks the terminal to clear its screen. */
  clear?: () => void
  /** Output goes to a terminal (the browser's), not a pipe or a test: ls lays out columns and colours. */
  tty?: boolean
}

export type Builtin = (args: string[], io: Io, sh: ShellState) => number | Promise<number>

const fileError = (cmd: string, path: string, e: unknown) =>
  `${cmd}: ${path}: ${e instanceof VfsError ? e.message : String(e)}\n`

function readInputs(
  cmd: string,
  args: string[],
  io: Io,
  sh: ShellState,
  each: (data: Uint8Array, name: string) => void,
): number {
  let status = 0
  if (args.length === 0) each(io.stdin ?? new Uint8Array(), '-')
  for (const path of args) {
    try {
      each(path === '-' ? (io.stdin ?? new Uint8Array()) : sh.vfs.read(path), path)
    } catch (e) {
      io.err(fileError(cmd, path, e))
      status = 1
    }
  }
  return status
}

const digest =
  (name: string, hash: (d: Uint8Array) => Promise<Uint8Array> | Uint8Array): Builtin =>
  async (args, io, sh) => {
    const inputs: [Uint8Array, string][] = []
    const status = readInputs(name, args, io, sh, (data, file) => inputs.push([data, file]))
    for (const [data, file] of inputs) io.out(`${toHex(await hash(data))}  ${file}\n`)
    return status
  }

const HELP = `The aws CLI (aws-cli v2 syntax; requests go to the in-browser S3 emulator):
  aws s3 mb | rb | ls | cp | rm ...           high-level S3 commands
  aws s3api <operation> --bucket ... ...       any S3 API operation, e.g. head-object, put-bucket-encryption
  s3ec put-object | get-object ...             client-side encryption like the S3 Encryption Client (s3ec for usage)

Shell commands:
  echo, cat, ls, rm, mkdir, cd, pwd           files live in this browser tab (redirect with > and >>)
  cmp, diff, md5sum, sha256sum                compare and fingerprint files
  xxd, hexdump -C, base64 [-d]               look at bytes (ciphertext, keys)
  grep, head, tail, wc                        filter and count lines (grep -i -v -c -n -o -E -F, head/tail -n -c)
  openssl rand [-hex|-base64] [-out FILE] N   random bytes, e.g. a 32-byte SSE-C key
  openssl enc -aes-256-cbc [-d] [-a] -pbkdf2 -pass pass:SECRET -in F -out F   encrypt by hand, OpenSSL-compatible
  export NAME=value, history, clear           variables ($NAME), past commands (arrow keys), clear the screen
  a | b, a && b, a ; b, X=$(cmd)              pipes, command lists, variables and substitution
  playground time [advance DAYS]              the emulator's simulated clock (key deletions, rotations)
`

export const BUILTINS: Record<string, Builtin> = {
  echo(args, io) {
    const noNewline = args[0] === '-n'
    io.out(args.slice(noNewline ? 1 : 0).join(' ') + (noNewline ? '' : '\n'))
    return 0
  },
  cat: (args, io, sh) => readInputs('cat', args, io, sh, (data) => io.out(data)),
  pwd(_args, io, sh) {
    io.out(sh.vfs.cwd + '\n')
    return 0
  },
  cd(args, io, sh) {
    const target = args[0] ?? '~'
    if (!sh.vfs.isDir(target)) {
      io.err(`bash: cd: ${target}: ${sh.vfs.isFile(target) ? 'Not a directory' : 'No such file or directory'}\n`)
      return 1
    }
    sh.vfs.cwd = sh.vfs.resolve(target)
    return 0
  },
  ls(args, io, sh) {
    const long = args.includes('-l') || args.includes('-la') || args.includes('-al')
    const paths = args.filter((a) => !a.startsWith('-'))
    let status = 0
    for (const path of paths.length ? paths : ['.']) {
      if (sh.vfs.isFile(path)) {
        io.out(
          long ? `-rw-r--r-- 1 learner learner ${String(sh.vfs.read(path).length).padStart(8)} ${path}\n` : `${path}\n`,
        )
        continue
      }
      try {
        const entries = sh.vfs.list(path)
        if (paths.length > 1) io.out(`${path}:\n`)
        if (long)
          for (const e of entries)
            io.out(`${e.dir ? 'd' : '-'}rw-r--r-- 1 learner learner ${String(e.size).padStart(8)} ${e.name}\n`)
        else if (entries.length && sh.tty)
          io.out(entries.map((e) => (e.dir ? `\x1b[1;34m${e.name}\x1b[0m` : e.name)).join('  ') + '\n')
        else for (const e of entries) io.out(`${e.name}\n`) // one per line when not a terminal, as GNU ls does
      } catch {
        io.err(`ls: cannot access '${path}': No such file or directory\n`)
        status = 2
      }
    }
    return status
  },
  rm(args, io, sh) {
    const force = args.some((a) => /^-\w*f/.test(a))
    let status = 0
    for (const path of args.filter((a) => !a.startsWith('-'))) {
      try {
        sh.vfs.remove(path)
      } catch (e) {
        if (force && e instanceof VfsError && e.message.startsWith('No such')) continue
        io.err(`rm: cannot remove '${path}': ${e instanceof VfsError ? e.message : String(e)}\n`)
        status = 1
      }
    }
    return status
  },
  mkdir(args, io, sh) {
    let status = 0
    for (const path of args.filter((a) => !a.startsWith('-'))) {
      try {
        sh.vfs.mkdir(path)
      } catch (e) {
        io.err(`mkdir: cannot create directory '${path}': ${e instanceof VfsError ? e.message : String(e)}\n`)
        status = 1
      }
    }
    return status
  },
  /** GNU cmp: silent and 0 when equal, the first difference and 1 when not, 2 on trouble. */
  cmp(args, io, sh) {
    const [a, b] = args.filter((x) => !x.startsWith('-') || x === '-')
    if (a === undefined || b === undefined) {
      io.err(`cmp: missing operand after '${a ?? 'cmp'}'\ncmp: Try 'cmp --help' for more information.\n`)
      return 2
    }
    let x: Uint8Array, y: Uint8Array
    try {
      x = sh.vfs.read(a)
    } catch (e) {
      io.err(fileError('cmp', a, e))
      return 2
    }
    try {
      y = sh.vfs.read(b)
    } catch (e) {
      io.err(fileError('cmp', b, e))
      return 2
    }
    let line = 1
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) {
        io.out(`${a} ${b} differ: byte ${i + 1}, line ${line}\n`)
        return 1
      }
      if (x[i] === 10) line++
    }
    if (x.length === y.length) return 0
    const [shorter, n] = x.length < y.length ? [a, x.length] : [b, y.length]
    io.err(
      `cmp: EOF on ${shorter} ${n === 0 ? 'which is empty' : `after byte ${n}, line ${line - (n > 0 && (x.length < y.length ? x : y)[n - 1] === 10 ? 1 : 0)}`}\n`,
    )
    return 1
  },
  diff(args, io, sh) {
    const [a, b] = args.filter((x) => !x.startsWith('-'))
    if (a === undefined || b === undefined) {
      io.err(`diff: missing operand after '${a ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n`)
      return 2
    }
    try {
      const out = diffLines(fromUtf8(sh.vfs.read(a)), fromUtf8(sh.vfs.read(b)))
      io.out(out)
      return out ? 1 : 0
    } catch (e) {
      io.err(fileError('diff', sh.vfs.isFile(a) ? b : a, e))
      return 2
    }
  },
  md5sum: digest('md5sum', md5),
  sha256sum: digest('sha256sum', sha256),
  export(args, _io, sh) {
    for (const a of args) {
      const eq = a.indexOf('=')
      if (eq > 0) sh.env[a.slice(0, eq)] = a.slice(eq + 1)
    }
    return 0
  },
  history(_args, io, sh) {
    sh.history.forEach((line, i) => io.out(`${String(i + 1).padStart(5)}  ${line}\n`))
    return 0
  },
  clear(_args, _io, sh) {
    sh.clear?.()
    return 0
  },
  help(_args, io) {
    io.out(HELP)
    return 0
  },
  true: () => 0,
  false: () => 1,
}
