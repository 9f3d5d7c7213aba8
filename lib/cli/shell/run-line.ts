/**
 * Runs one terminal line: `a && b; c | d > file`. Each stage's stdout feeds the next stage's stdin;
 * `>` and `>>` send the last stage's stdout to a file; `$?` holds the last exit code.
 */
import { concat, utf8 } from '../../crypto/bytes'
import { Interrupted, INTERRUPTED_CODE } from '../interrupt'
import type { AwsEnv, Io } from '../aws/io'
import { runAws } from '../aws/main'
import { BUILTINS, type ShellState } from './builtins'
import { INSPECT_COMMANDS } from './inspect-commands'
import { TEXT_COMMANDS } from './text-commands'
import { tokenize, type Token } from './tokenize'
import { VfsError } from './vfs'
import { findSubstitution, quoteOutput } from './substitute'
import { expandWords, parseForLoop, type ForLoop } from './for-loop'
import { playgroundCommand } from './playground-command'
import { s3ecCommand } from './s3ec-command'

export interface Shell extends ShellState {
  aws: Omit<AwsEnv, 'vfs'>
}

interface Stage {
  argv: string[]
  redirect?: { path: string; append: boolean }
}

type Chain = { stages: Stage[]; then: '&&' | ';' | undefined }[]

function parse(tokens: Token[]): Chain | string {
  const chain: Chain = []
  let stages: Stage[] = [{ argv: [] }]
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const stage = stages.at(-1)!
    if (t.kind === 'word') stage.argv.push(t.value)
    else if (t.value === '>' || t.value === '>>') {
      const target = tokens[++i]
      if (target?.kind !== 'word') return `bash: syntax error near unexpected token \`${target?.value ?? 'newline'}'`
      stage.redirect = { path: target.value, append: t.value === '>>' }
    } else if (t.value === '|') {
      if (stage.argv.length === 0) return "bash: syntax error near unexpected token `|'"
      stages.push({ argv: [] })
    } else {
      if (stage.argv.length === 0) return `bash: syntax error near unexpected token \`${t.value}'`
      chain.push({ stages, then: t.value })
      stages = [{ argv: [] }]
    }
  }
  if (stages.at(-1)!.argv.length || stages.length > 1) chain.push({ stages, then: undefined })
  return chain
}

async function runStage(
  sh: Shell,
  stage: Stage,
  stdin: Uint8Array | undefined,
  sink: Io,
): Promise<{ code: number; out: Uint8Array[] }> {
  const out: Uint8Array[] = []
  const io: Io = {
    out: (t) => out.push(typeof t === 'string' ? utf8(t) : t),
    err: (t) => sink.err(t),
    ...(stdin ? { stdin } : {}),
    ...(sink.signal ? { signal: sink.signal } : {}),
  }
  const [name, ...args] = stage.argv
  let code: number
  // NAME=value on its own sets a shell variable, as in bash.
  const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(name ?? '')
  if (assignment && args.length === 0) {
    sh.env[assignment[1]!] = assignment[2]!
    return { code: 0, out }
  }
  try {
    if (name === 'playground') code = await playgroundCommand(args, io, sh)
    else if (name === 's3ec') code = await s3ecCommand(args, io, sh)
    else if (name === 'aws') code = await runAws(args, { ...sh.aws, vfs: sh.vfs, shellEnv: sh.env }, io)
    else if (name !== undefined && (BUILTINS[name] ?? INSPECT_COMMANDS[name] ?? TEXT_COMMANDS[name]))
      code = await (BUILTINS[name] ?? INSPECT_COMMANDS[name] ?? TEXT_COMMANDS[name])!(args, io, sh)
    else {
      sink.err(`bash: ${name}: command not found\n`)
      code = 127
    }
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error
    code = INTERRUPTED_CODE
  }
  return { code, out }
}

/** A `for` loop line (for-loop.ts): the words once, then the body per word, Ctrl-C checked between runs. */
async function runForLoop(sh: Shell, loop: ForLoop, sink: Io): Promise<number> {
  const expanded = await expandWords(loop.words, async (command) => {
    let captured = ''
    await runLine(sh, command, {
      out: (t) => (captured += typeof t === 'string' ? t : new TextDecoder().decode(t)),
      err: (t) => sink.err(t),
      ...(sink.signal ? { signal: sink.signal } : {}),
    })
    return captured
  })
  const tokens = tokenize(expanded, sh.env)
  if (tokens.incomplete || tokens.tokens.some((t) => t.kind !== 'word')) {
    sink.err('bash: syntax error in the words of a for loop\n')
    return 2
  }
  let code = 0
  for (const word of tokens.tokens) {
    if (sink.signal?.aborted) return INTERRUPTED_CODE
    sh.env[loop.name] = word.value
    code = await runLine(sh, loop.body, sink)
  }
  sh.env['?'] = String(code)
  return code
}

export async function runLine(sh: Shell, original: string, sink: Io): Promise<number> {
  const loop = parseForLoop(original)
  if (loop) return runForLoop(sh, loop, sink)
  let line = original
  for (let sub = findSubstitution(line); sub; sub = findSubstitution(line)) {
    let captured = ''
    await runLine(sh, sub.inner, {
      out: (t) => (captured += typeof t === 'string' ? t : new TextDecoder().decode(t)),
      err: (t) => sink.err(t),
      ...(sink.signal ? { signal: sink.signal } : {}),
    })
    if (sink.signal?.aborted) return INTERRUPTED_CODE
    line = line.slice(0, sub.start) + quoteOutput(captured, sub.inDoubleQuotes) + line.slice(sub.end)
  }
  const tokens = tokenize(line, sh.env)
  if (tokens.incomplete) {
    sink.err('bash: unexpected EOF while looking for matching quote\n')
    return 2
  }
  const chain = parse(tokens.tokens)
  if (typeof chain === 'string') {
    sink.err(chain + '\n')
    return 2
  }
  let code = 0
  let skip = false
  for (const { stages, then } of chain) {
    if (skip) {
      skip = then !== ';'
      continue
    }
    let stdin: Uint8Array | undefined
    for (const [i, stage] of stages.entries()) {
      // Ctrl-C ends the whole line, as SIGINT ends a shell's list: nothing after it runs.
      if (sink.signal?.aborted) return INTERRUPTED_CODE
      const result = await runStage(sh, stage, stdin, sink)
      // Nor is a stopped command's output redirected into a file.
      if (sink.signal?.aborted) return INTERRUPTED_CODE
      code = result.code
      const bytes = concat(...result.out)
      if (stage.redirect) {
        try {
          sh.vfs.write(stage.redirect.path, bytes, stage.redirect.append)
        } catch (e) {
          sink.err(`bash: ${stage.redirect.path}: ${e instanceof VfsError ? e.message : String(e)}\n`)
          code = 1
        }
        stdin = new Uint8Array()
      } else if (i === stages.length - 1) sink.out(bytes)
      else stdin = bytes
    }
    sh.env['?'] = String(code)
    skip = then === '&&' && code !== 0
  }
  return code
}
