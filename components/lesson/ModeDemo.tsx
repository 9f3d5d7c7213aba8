'use client'

import { useRef, useState } from 'react'
import { toHex } from '@/lib/crypto/bytes'
import type { DemoStepInfo } from '@/lib/lessons/demo-steps'
import type { Demo, DemoOutput, DemoStepResult } from '@/lib/lessons/demos'
import type { DemoMode } from '@/lib/lessons/types'

type Step = DemoStepInfo & { code: string }

const show = (o: DemoOutput) =>
  typeof o.value === 'string'
    ? o.value
    : o.value.length > 48
      ? `${toHex(o.value.subarray(0, 48))}… (${o.value.length} bytes)`
      : toHex(o.value)
const button = 'rounded border border-[var(--border)] px-2 py-1 disabled:opacity-50'

/**
 * The mode's encryption run step by step on the learner's text, with the emulator's own functions (loaded
 * when first used, so the lesson page stays light). Each step shows the call, its code and what came out.
 */
export function ModeDemo({ mode, title, steps }: { mode: DemoMode; title: string; steps: Step[] }) {
  const [text, setText] = useState('Hello from the S3 encryption playground')
  const [results, setResults] = useState<DemoStepResult[]>([])
  const [busy, setBusy] = useState(false)
  const demo = useRef<Demo | undefined>(undefined)

  const next = async () => {
    setBusy(true)
    try {
      if (!demo.current) {
        const { createDemo } = await import('@/lib/lessons/demos')
        demo.current = createDemo(mode, text)
      }
      const result = await demo.current.run(results.length)
      setResults((r) => [...r, result])
    } finally {
      setBusy(false)
    }
  }
  const restart = () => {
    demo.current = undefined
    setResults([])
  }

  return (
    <div className="my-4 rounded border border-[var(--border)] p-3 text-sm" data-testid="mode-demo" data-mode={mode}>
      <h3 className="!mt-0 font-semibold">{title}</h3>
      <label className="mt-2 block font-semibold" htmlFor={`demo-text-${mode}`}>
        The text to store
      </label>
      <input
        id={`demo-text-${mode}`}
        value={text}
        disabled={results.length > 0}
        onChange={(e) => setText(e.target.value)}
        className="mt-1 w-full rounded border border-[var(--border)] bg-transparent p-1 font-mono"
      />
      <ol className="mt-3 space-y-3">
        {steps.map((s, i) => {
          const r = results[i]
          return (
            <li
              key={i}
              data-demo-step={i}
              data-state={r ? (r.error ? 'error' : 'done') : 'pending'}
              className={r ? '' : 'text-[var(--muted)]'}
            >
              <p className="font-semibold">
                {i + 1}. {s.title}
              </p>
              <code className="block font-mono text-xs break-all">{s.call}</code>
              <details className="mt-1">
                <summary className="cursor-pointer text-xs">
                  The code: <span className="font-mono">{s.source.name}</span> in{' '}
                  <span className="font-mono">{s.source.path}</span>
                </summary>
                <pre
                  tabIndex={0}
                  className="mt-1 max-h-64 overflow-auto bg-[#0b1020] p-2 font-mono text-xs text-[#e5e7eb]"
                >
                  <code>{s.code}</code>
                </pre>
              </details>
              {r && (
                <dl
                  className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs break-all"
                  data-testid="demo-output"
                >
                  {r.outputs.map((o) => (
                    <div key={o.name} className="contents">
                      <dt className="font-semibold">
                        {o.name}
                        {o.secret ? ' (never stored)' : ''}
                      </dt>
                      <dd>{show(o)}</dd>
                    </div>
                  ))}
                  {r.error && (
                    <>
                      <dt className="font-semibold text-red-700 dark:text-red-300">refused</dt>
                      <dd className="text-red-700 dark:text-red-300">{r.error}</dd>
                    </>
                  )}
                </dl>
              )}
            </li>
          )
        })}
      </ol>
      <div className="mt-3 flex gap-2" role="group" aria-label="Demo controls">
        <button
          type="button"
          className={`${button} bg-amber-500 font-semibold text-black`}
          disabled={busy || results.length >= steps.length}
          onClick={() => void next()}
        >
          {results.length === 0
            ? 'Run step 1'
            : results.length >= steps.length
              ? 'All steps run'
              : `Run step ${results.length + 1}`}
        </button>
        <button type="button" className={button} disabled={results.length === 0} onClick={restart}>
          Start again
        </button>
      </div>
      <p className="sr-only" role="status">
        {results.length
          ? `Step ${results.length} of ${steps.length} run${results.at(-1)?.error ? ', refused' : ''}.`
          : ''}
      </p>
    </div>
  )
}
