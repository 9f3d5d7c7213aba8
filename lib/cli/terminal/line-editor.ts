/**
 * The terminal's line editor, free of any UI: it turns keystrokes (xterm `onData` strings) into the
 * escape sequences to draw and, on Enter, the line to run. History with the arrow keys, cursor
 * movement, Ctrl-A/E/U/C/L, pasted text, and continuation lines for open quotes or a trailing `\`.
 */

export interface EditorOutput {
  /** Escape sequences and text to write to the terminal. */
  write: string
  /** A complete command line to run. */
  submit?: string
  /** Ctrl-C: abandon the current line (or interrupt a running command). */
  interrupt?: boolean
  /** Ctrl-L: clear the screen. */
  clear?: boolean
  /** Input that arrived after a submitted line (a multi-line paste): feed it back once the command ends. */
  rest?: string
  /** Tab: the terminal should complete the word before the cursor. */
  complete?: boolean
}

export class LineEditor {
  private buffer = ''
  private cursor = 0
  private continued: string[] = []
  private historyIndex: number | undefined
  private draft = ''
  /** Where the terminal cursor is now, as an offset into prompt + buffer (for wrapped lines). */
  private drawnCursor = 0
  /** Terminal width, so redraws can climb back over wrapped rows. */
  columns = 80

  constructor(
    private readonly history: string[],
    readonly prompt: string,
    private readonly isIncomplete: (line: string) => boolean,
    private readonly continuationPrompt = '> ',
  ) {}

  get currentPrompt(): string {
    return this.continued.length ? this.continuationPrompt : this.prompt
  }

  /** The line being edited, for tests and accessibility. */
  get line(): string {
    return this.buffer
  }

  private get promptWidth(): number {
    // The prompt may carry colour escapes; only printable characters take columns.
    return this.currentPrompt.replace(/\x1b\[[0-9;]*m/g, '').length
  }

  /** Rewrites prompt + buffer from the row the prompt starts on, then puts the cursor back. */
  private redraw(): string {
    const cols = Math.max(1, this.columns)
    const up = Math.floor(this.drawnCursor / cols)
    const end = this.promptWidth + this.buffer.length
    const target = this.promptWidth + this.cursor
    let out = `${up > 0 ? `\x1b[${up}A` : ''}\r\x1b[J${this.currentPrompt}${this.buffer}`
    // At an exact multiple of the width the terminal has not wrapped yet; force it so rows stay true.
    if (end > 0 && end % cols === 0) out += ' \b'
    const rowsBack = Math.floor(end / cols) - Math.floor(target / cols)
    if (rowsBack > 0) out += `\x1b[${rowsBack}A`
    out += `\r${target % cols > 0 ? `\x1b[${target % cols}C` : ''}`
    this.drawnCursor = target
    return out
  }

  private moveTo(position: number): string {
    const next = Math.min(Math.max(position, 0), this.buffer.length)
    if (next === this.cursor) return ''
    this.cursor = next
    return this.redraw()
  }

  /** After a new prompt is written: the cursor sits right after it. */
  promptShown(): void {
    this.drawnCursor = this.promptWidth
  }

  private setBuffer(text: string): string {
    this.buffer = text
    this.cursor = text.length
    return this.redraw()
  }

  /** The text before the cursor: what tab completion completes. */
  get beforeCursor(): string {
    return this.buffer.slice(0, this.cursor)
  }

  /** Replaces the text from `from` up to the cursor (a completed word). */
  replaceBeforeCursor(from: number, text: string): string {
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(this.cursor)
    this.cursor = from + text.length
    return this.redraw()
  }

  /** After printing something below the line (a list of completions): draw prompt and line again. */
  reprint(): string {
    this.drawnCursor = 0
    return this.redraw()
  }

  /** Inserts text at the cursor, as if typed (used by Run buttons). */
  type(text: string): string {
    return this.input(text.replace(/[\r\n]/g, ' ')).write
  }

  private enter(): EditorOutput {
    // Put the cursor after the last character first, so output starts below the whole line.
    let pre = ''
    if (this.cursor !== this.buffer.length) {
      this.cursor = this.buffer.length
      pre = this.redraw()
    }
    const line = this.buffer
    this.buffer = ''
    this.cursor = 0
    this.historyIndex = undefined
    const full = [...this.continued, line].join('\n')
    if (this.isIncomplete(full)) {
      this.continued.push(line)
      this.promptShown()
      return { write: `${pre}\r\n${this.continuationPrompt}` }
    }
    this.continued = []
    return { write: `${pre}\r\n`, submit: full }
  }

  private recall(step: -1 | 1): string {
    if (this.history.length === 0) return ''
    if (this.historyIndex === undefined) {
      if (step === 1) return ''
      this.draft = this.buffer
      this.historyIndex = this.history.length
    }
    const next = this.historyIndex + step
    if (next < 0) return ''
    if (next >= this.history.length) {
      this.historyIndex = undefined
      return this.setBuffer(this.draft)
    }
    this.historyIndex = next
    return this.setBuffer(this.history[next]!)
  }

  input(data: string): EditorOutput {
    let write = ''
    let i = 0
    while (i < data.length) {
      const rest = data.slice(i)
      const seq = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Z])/.exec(rest)?.[0]
      if (seq) {
        i += seq.length
        if (seq === '\x1b[A') write += this.recall(-1)
        else if (seq === '\x1b[B') write += this.recall(1)
        else if (
          seq === '\x1b[D' ||
          seq === '\x1b[C' ||
          seq === '\x1b[H' ||
          seq === '\x1bOH' ||
          seq === '\x1b[F' ||
          seq === '\x1bOF'
        ) {
          write += this.moveTo(
            seq === '\x1b[D'
              ? this.cursor - 1
              : seq === '\x1b[C'
                ? this.cursor + 1
                : seq.endsWith('H')
                  ? 0
                  : this.buffer.length,
          )
        } else if (seq === '\x1b[3~' && this.cursor < this.buffer.length) {
          this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1)
          write += this.redraw()
        }
        continue
      }
      const c = data[i]!
      i++
      if (c === '\r' || c === '\n') {
        if (c === '\n' && data[i - 2] === '\r') continue
        const entered = this.enter()
        write += entered.write
        if (entered.submit !== undefined) {
          // Anything pasted after the first line waits for the next prompt.
          return { write, submit: entered.submit, ...(i < data.length ? { rest: data.slice(i) } : {}) }
        }
      } else if (c === '\x7f' || c === '\b') {
        if (this.cursor > 0) {
          this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor)
          this.cursor--
          write += this.redraw()
        }
      } else if (c === '\x03') {
        this.buffer = ''
        this.cursor = 0
        this.continued = []
        this.historyIndex = undefined
        return { write: write + '^C\r\n', interrupt: true }
      } else if (c === '\x0c') return { write, clear: true }
      else if (c === '\x01') write += this.moveTo(0)
      else if (c === '\x05') write += this.moveTo(this.buffer.length)
      else if (c === '\x15') {
        this.buffer = this.buffer.slice(this.cursor)
        this.cursor = 0
        write += this.redraw()
      } else if (c === '\t') {
        return { write, complete: true }
      } else if (c >= ' ') {
        const text = c
        this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor)
        this.cursor += text.length
        if (this.cursor === this.buffer.length) {
          write += text
          this.drawnCursor = this.promptWidth + this.cursor
        } else write += this.redraw()
      }
    }
    return { write }
  }
}
