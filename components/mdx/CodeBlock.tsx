'use client'

import { isValidElement, useState, type ReactElement, type ReactNode } from 'react'
import { useOptionalPlayground } from '@/components/playground/PlaygroundProvider'
import { commandsOf } from './commands'

const RUNNABLE = ['language-sh', 'language-bash', 'language-shell', 'language-console']

function codeText(children: ReactNode): { text: string; className: string } {
  if (isValidElement(children)) {
    const el = children as ReactElement<{ className?: string; children?: ReactNode }>
    return { text: String(el.props.children ?? '').replace(/\n$/, ''), className: el.props.className ?? '' }
  }
  return { text: String(children ?? ''), className: '' }
}

/** A fenced code block; shell blocks get a Run button that types each command into the terminal. */
export function CodeBlock({ children }: { children?: ReactNode }) {
  const { text, className } = codeText(children)
  return <CommandBlock text={text} runnable={RUNNABLE.some((c) => className.includes(c))} />
}

/** Code with a Copy button and, for shell commands, ▶ Run (also used by a step's "Show solution"). */
export function CommandBlock({ text, runnable, label }: { text: string; runnable: boolean; label?: string }) {
  const playground = useOptionalPlayground()
  const [copied, setCopied] = useState(false)
  return (
    <div className="my-3 overflow-hidden rounded bg-[#0b1020]" {...(label ? { 'data-block': label } : {})}>
      <div className="flex justify-end gap-1 border-b border-white/10 px-2 py-1">
        <button
          type="button"
          className="rounded bg-white/10 px-2 py-0.5 text-xs text-white hover:bg-white/20"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true))
            setTimeout(() => setCopied(false), 1500)
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        {runnable && playground && (
          <button
            type="button"
            className="rounded bg-amber-500 px-2 py-0.5 text-xs font-semibold text-black hover:bg-amber-400 disabled:opacity-50"
            // While the emulator starts, a Run is queued (and starts it): the terminal types it once it is up.
            disabled={playground.status.state === 'error'}
            aria-label={`${label === 'solution' ? 'Run the solution' : 'Run in the terminal'}: ${commandsOf(text).join('; ')}`}
            onClick={() => commandsOf(text).forEach((c) => playground.typeCommand(c))}
          >
            ▶ Run
          </button>
        )}
      </div>
      {/* Focusable, so a long line can be scrolled with the keyboard. */}
      <pre tabIndex={0} className="overflow-x-auto p-3 font-mono text-sm text-[#e5e7eb]">
        <code>{text}</code>
      </pre>
    </div>
  )
}
