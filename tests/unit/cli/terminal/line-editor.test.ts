import { describe, expect, it } from 'vitest'
import { LineEditor } from '@/lib/cli/terminal/line-editor'
import { tokenize } from '@/lib/cli/shell/tokenize'

const editor = (history: string[] = []) => new LineEditor(history, '$ ', (l) => tokenize(l).incomplete)

describe('LineEditor', () => {
  it('submits the typed line on Enter', () => {
    const e = editor()
    expect(e.input('aws s3 ls').write).toBe('aws s3 ls')
    expect(e.input('\r')).toMatchObject({ submit: 'aws s3 ls' })
    expect(e.line).toBe('')
  })

  it('edits in the middle of the line', () => {
    const e = editor()
    e.input('aws s3 l')
    e.input('\x1b[D\x1b[D\x1b[D') // three left
    e.input('X')
    e.input('\x7f') // backspace removes X
    e.input('\x1b[F') // end
    e.input('s')
    expect(e.input('\r').submit).toBe('aws s3 ls')
  })

  it('walks the history with the arrow keys and comes back to the draft', () => {
    const e = editor(['first', 'second'])
    e.input('draft')
    e.input('\x1b[A')
    expect(e.line).toBe('second')
    e.input('\x1b[A')
    expect(e.line).toBe('first')
    e.input('\x1b[A')
    expect(e.line).toBe('first')
    e.input('\x1b[B')
    e.input('\x1b[B')
    expect(e.line).toBe('draft')
  })

  it('continues a line with an open quote, then submits it whole', () => {
    const e = editor()
    const first = e.input(`echo '{"a":\r`)
    expect(first.submit).toBeUndefined()
    expect(first.write).toContain('> ')
    expect(e.input(` 1}'\r`).submit).toBe(`echo '{"a":\n 1}'`)
  })

  it('Ctrl-C abandons the line, Ctrl-L asks for a clear, Ctrl-U deletes to the start', () => {
    const e = editor()
    e.input('oops')
    expect(e.input('\x03')).toMatchObject({ interrupt: true })
    expect(e.line).toBe('')
    expect(e.input('\x0c').clear).toBe(true)
    e.input('abc def')
    e.input('\x1b[D\x1b[D\x1b[D')
    e.input('\x15')
    expect(e.line).toBe('def')
  })

  it('keeps the rest of a multi-line paste for after the first command', () => {
    const out = editor().input('echo a\recho b\r')
    expect(out.submit).toBe('echo a')
    expect(out.rest).toBe('echo b\r')
  })

  it('redraws wrapped lines from the row where the prompt starts', () => {
    const e = editor()
    e.columns = 10
    e.promptShown()
    e.input('abcdefghijklmnop') // prompt (2) + 16 = 18 columns: two rows
    const moved = e.input('\x1b[H') // Home
    expect(moved.write.startsWith('\x1b[1A\r\x1b[J$ abcdefghijklmnop')).toBe(true)
  })
})
