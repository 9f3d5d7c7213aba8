/**
 * The tokenizer against the real thing: generated lines (quotes, backslashes, variables, in any mix) are split
 * by `bash` and by tokenize(), and the words must agree. One bash process checks the whole batch.
 */
import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenize } from '@/lib/cli/shell/tokenize'

const env = { B: 'bucket', K: 'key.txt', EMPTY: '' }
const plain = fc.stringMatching(/^[a-z0-9._\/=:,-]{1,6}$/)
const variable = fc.constantFrom('$B', '${K}', '$EMPTY', '$UNSET', '${B}x', '$K.bak')
// Characters whose meaning differs inside and outside quotes, escaped or not. A bare `$` is never followed by a
// quote or another `$`: `$'…'`, `$"…"` and `$$` are bash extensions the playground's shell does not have.
const inDouble = fc.oneof(
  plain,
  variable,
  fc.constantFrom('\\\\', '\\"', '\\$', '\\`', '\\n', '\\a', "'", ' ', '  ', '\\ ', '$.', '\\\n'),
)
const inSingle = fc.oneof(plain, fc.constantFrom('"', '\\', '\\\\', '$B', ' ', '`', '\\n'))
const fragment = fc.oneof(
  plain,
  variable,
  fc.array(inDouble, { maxLength: 4 }).map((p) => `"${p.join('')}"`),
  fc.array(inSingle, { maxLength: 4 }).map((p) => `'${p.join('')}'`),
  fc.constantFrom('\\ ', '\\"', "\\'", '\\\\', '\\$B', '\\a', ' ', '  ', '\t', '$/', 'x$.'),
)
const line = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((f) => `w ${f.join('')}`)

function bashWords(lines: string[]): string[][] {
  // Each line sets the positional parameters; then the count, and each word ended by \x1f; \x1e ends a line.
  const script = lines
    .map((l) => `set -- ${l.slice(2)}; printf '%s\\x1d' "$#"; [ $# -gt 0 ] && printf '%s\\x1f' "$@"; printf '\\x1e'`)
    .join('\n')
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout
    .split('\x1e')
    .slice(0, lines.length)
    .map((out) => {
      const [count, words = ''] = out.split('\x1d')
      return words.split('\x1f').slice(0, Number(count))
    })
}

const ours = (l: string): string[] => {
  const r = tokenize(l, env)
  if (r.incomplete) throw new Error(`incomplete: ${JSON.stringify(l)}`)
  return r.tokens.map((t) => (t.kind === 'word' ? t.value : `<${t.value}>`)).slice(1)
}

describe('tokenize agrees with bash', () => {
  it('on 400 generated lines', () => {
    const lines = fc.sample(line, { numRuns: 400, seed: 20261208 })
    const theirs = bashWords(lines)
    const differ = lines
      .map((l, i) => ({ line: l, bash: theirs[i], ours: ours(l) }))
      .filter((d) => {
        // printf with no words prints one empty field: bash gives [''] for `printf '%s\x1f'` with no arguments.
        const bash = d.bash?.length === 1 && d.bash[0] === '' && d.ours.length === 0 ? [] : d.bash
        return JSON.stringify(bash) !== JSON.stringify(d.ours)
      })
    expect(differ.slice(0, 5)).toEqual([])
  })
})
