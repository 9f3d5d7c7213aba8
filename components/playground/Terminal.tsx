'use client'

import { useEffect, useRef } from 'react'
import '@xterm/xterm/css/xterm.css'
import { LineEditor } from '@/lib/cli/terminal/line-editor'
import { tokenize } from '@/lib/cli/shell/tokenize'
import { commonPrefix, complete } from '@/lib/cli/terminal/complete'
import { wrapWords } from '@/lib/cli/terminal/wrap'
import type { Runtime } from './runtime'
import { usePlayground } from './PlaygroundProvider'
import { TerminalDropStatus, terminalDropHandlers } from './files/TerminalDrop'

/** Keys kept as type-ahead while a command runs: printable text only, no Enter or control keys. */
const PRINTABLE = /^[^\x00-\x1f\x7f]+$/

const PROMPT = '\x1b[1;32mlearner@playground\x1b[0m:\x1b[1;34m~\x1b[0m$ '

const toTerminal = (text: string) => text.replace(/\r?\n/g, '\r\n')

const fontSize = () => (document.documentElement.classList.contains('presenter') ? 20 : 14)

/** The xterm.js terminal: a line editor in front of the session's shell and simulated aws CLI. */
export function Terminal({ runtime, className = '' }: { runtime: Runtime; className?: string }) {
  const host = useRef<HTMLDivElement>(null)
  const live = useRef<HTMLDivElement>(null)
  const { registerTypist } = usePlayground()

  useEffect(() => {
    const abort = new AbortController()
    if (host.current && live.current)
      void mountTerminal(host.current, live.current, runtime, registerTypist, abort.signal)
    return () => abort.abort()
  }, [runtime, registerTypist])

  return (
    <div className={`relative ${className}`} {...terminalDropHandlers(runtime)}>
      <div ref={host} className="h-full w-full bg-[#0b1020] p-2" data-testid="terminal" aria-label="Terminal" />
      <div ref={live} role="log" aria-live="polite" className="sr-only" data-testid="terminal-log" />
      <TerminalDropStatus runtime={runtime} />
    </div>
  )
}

/** Builds the xterm terminal inside `hostEl` and wires it to the session; undone when `signal` aborts. */
async function mountTerminal(
  hostEl: HTMLDivElement,
  liveEl: HTMLDivElement,
  runtime: Runtime,
  registerTypist: (typist: ((command: string) => void) | undefined) => void,
  signal: AbortSignal,
): Promise<void> {
  const [{ Terminal: XTerm }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')])
  if (signal.aborted) return
  const term = new XTerm({
    cursorBlink: true,
    fontSize: fontSize(),
    fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
    theme: { background: '#0b1020', foreground: '#e5e7eb' },
    scrollback: 5000,
    screenReaderMode: false,
    convertEol: false,
  })
  const fit = new FitAddon()
  term.loadAddon(fit)
  term.open(hostEl)
  fit.fit()
  const { session } = runtime
  const editor = new LineEditor(session.shell.history, PROMPT, (line) => tokenize(line, session.shell.env).incomplete)
  session.setClear(() => term.clear())
  let busy = false
  let running: AbortController | undefined
  let typeAhead = ''
  let runs = 0
  const queue: string[] = []
  const announce = (text: string) => {
    liveEl.textContent = text
  }

  const runLine = async (line: string) => {
    busy = true
    running = new AbortController()
    const started = performance.now()
    let transcript = ''
    const code = await session.run(
      line,
      {
        out: (t) => {
          const text = typeof t === 'string' ? t : new TextDecoder().decode(t)
          transcript += text
          term.write(toTerminal(text))
        },
        err: (t) => {
          transcript += t
          term.write(toTerminal(t))
        },
      },
      running.signal,
    )
    running = undefined
    announce(`${line}\n${transcript}\nexit code ${code}`)
    runs++
    hostEl.setAttribute('data-runs', String(runs))
    // Enter-to-output time of the last command, read by the latency benchmark (npm run bench).
    hostEl.setAttribute('data-last-ms', (performance.now() - started).toFixed(2))
    term.write(editor.currentPrompt)
    editor.promptShown()
    busy = false
    if (typeAhead) {
      const typed = typeAhead
      typeAhead = ''
      feed(typed)
    }
    next()
  }

  const feed = (data: string) => {
    const out = editor.input(data)
    if (out.clear) {
      term.clear()
      term.write(`\x1b[2K\r${editor.currentPrompt}${editor.line}`)
      editor.promptShown()
    }
    term.write(out.write)
    if (out.interrupt) {
      term.write(editor.currentPrompt)
      editor.promptShown()
    }
    if (out.complete) void completeWord()
    if (out.submit !== undefined) {
      if (out.rest) queue.unshift(out.rest)
      void runLine(out.submit)
    }
  }

  // Tab: extend the word to what every candidate shares; list them when that adds nothing.
  const completeWord = async () => {
    busy = true
    const before = editor.beforeCursor
    const { from, candidates } = await complete(session.shell, before)
    const word = before.slice(from)
    const shared = commonPrefix(candidates)
    if (candidates.length === 1)
      term.write(editor.replaceBeforeCursor(from, candidates[0]!.endsWith('/') ? candidates[0]! : candidates[0]! + ' '))
    else if (shared.length > word.length) term.write(editor.replaceBeforeCursor(from, shared))
    else if (candidates.length > 1) {
      const width = Math.max(...candidates.map((c) => c.length)) + 2
      const perRow = Math.max(1, Math.floor(term.cols / width))
      const rows: string[] = []
      for (let i = 0; i < candidates.length; i += perRow)
        rows.push(
          candidates
            .slice(i, i + perRow)
            .map((c) => c.padEnd(width))
            .join('')
            .trimEnd(),
        )
      term.write(`\r\n${rows.join('\r\n')}\r\n`)
      term.write(editor.reprint())
    }
    busy = false
    next()
  }

  // Commands from Run buttons are pasted whole, then run: typing them character by character looked nice, but a
  // learner who left the lesson mid-way lost the rest of the block without a word.
  const next = () => {
    if (busy || queue.length === 0) return
    const item = queue.shift()!
    if (!item.startsWith('\u0000type:')) return feed(item)
    if (signal.aborted) return
    term.write(editor.type(item.slice('\u0000type:'.length)))
    feed('\r')
  }

  // A question from a running command (confirming a destructive command on a real target): the next line answers it.
  let answering: { line: string; resolve: (answer: string) => void } | undefined
  session.setConfirm(
    (question) =>
      new Promise<boolean>((resolve) => {
        term.write(toTerminal(question))
        announce(question)
        answering = { line: '', resolve: (answer) => resolve(/^y(es)?$/i.test(answer.trim())) }
      }),
  )
  const answer = (data: string) => {
    const a = answering!
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        term.write('\r\n')
        answering = undefined
        a.resolve(a.line)
        return
      }
      if (ch === '\x7f') {
        if (a.line) term.write('\b \b')
        a.line = a.line.slice(0, -1)
      } else if (ch === '\x03') {
        term.write('^C\r\n')
        answering = undefined
        a.resolve('')
        return
      } else if (ch >= ' ') {
        a.line += ch
        term.write(ch)
      }
    }
  }

  term.onData((data) => {
    if (answering) return answer(data)
    // While a command runs, Ctrl-C stops it (exit code 130) and printable keys are kept for the next prompt.
    if (busy) {
      if (data === '\x03' && running) {
        typeAhead = '' // as a terminal flushes its input on an interrupt
        term.write('^C\r\n')
        running.abort()
      } else if (PRINTABLE.test(data)) {
        // Type-ahead, as in a terminal: echoed now, read by the line editor when the prompt returns.
        typeAhead += data
        term.write(data)
      }
      return
    }
    feed(data)
  })
  // Wrapped at spaces for the terminal's width: a phone's narrow terminal must not split a word.
  const welcome = wrapWords('Welcome to the S3 Encryption Playground. Type help for the commands.', term.cols)
  term.write(`${welcome.join('\r\n').replace(/\bhelp\b/, '\x1b[1mhelp\x1b[0m')}\r\n${PROMPT}`)
  editor.promptShown()
  editor.columns = term.cols
  session.setColumns(term.cols)
  term.onResize(({ cols }) => {
    editor.columns = cols
    session.setColumns(cols)
  })
  // After the welcome: commands a Run queued while the terminal was starting are typed below it.
  registerTypist((command) => {
    queue.push(`\u0000type:${command}`)
    next()
    term.focus()
  })
  const resize = new ResizeObserver(() => fit.fit())
  resize.observe(hostEl)
  const onDisplay = () => {
    term.options.fontSize = fontSize()
    fit.fit()
  }
  window.addEventListener('display-change', onDisplay)
  signal.addEventListener('abort', () => {
    registerTypist(undefined)
    resize.disconnect()
    window.removeEventListener('display-change', onDisplay)
    term.dispose()
  })
}
