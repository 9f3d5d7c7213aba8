/** `for NAME in WORDS; do BODY; done` on one line, as bash runs it (lib/cli/shell/for-loop.ts). */
import { describe, expect, it } from 'vitest'
import { parseForLoop } from '@/lib/cli/shell/for-loop'
import { shellOnly } from '../../../helpers/cli'

describe('for loops', () => {
  it('runs the body once per word with the variable set, and leaves it set to the last word', async () => {
    const r = await shellOnly('for f in a b "c d"; do echo "[$f]"; echo next; done', 'echo $f')
    expect(r.out).toBe('[a]\nnext\n[b]\nnext\n[c d]\nnext\nc d\n')
  })

  it('splits an unquoted $(command) into words, and keeps a quoted one whole', async () => {
    const r = await shellOnly(
      'echo one two > list.txt',
      'for w in $(cat list.txt); do echo "<$w>"; done',
      'for w in "$(cat list.txt)"; do echo "<$w>"; done',
    )
    expect(r.out).toBe('<one>\n<two>\n<one two>\n')
  })

  it('the exit code is the last body run; a body with pipes, && and redirection works', async () => {
    const r = await shellOnly('for x in 1 2; do echo $x >> out.txt && echo ok | cat; done', 'cat out.txt')
    expect(r.out).toBe('ok\nok\n1\n2\n')
    expect(r.code).toBe(0)
  })

  it('only a whole loop is a loop: the separators must be outside quotes', () => {
    expect(parseForLoop('for k in a b; do echo $k; done')).toEqual({ name: 'k', words: ' a b', body: 'echo $k' })
    expect(parseForLoop('for k in "x; do y"; do echo $k; done')?.words).toBe(' "x; do y"')
    expect(parseForLoop('echo for k in a; do b; done')).toBeUndefined()
    expect(parseForLoop('for k in a b; do echo $k')).toBeUndefined()
    expect(parseForLoop('for k in a; do echo; done; echo after')).toBeUndefined()
    // A long hostile line is one linear scan.
    expect(parseForLoop(`for k in ${';'.repeat(100_000)}`)).toBeUndefined()
  })
})
