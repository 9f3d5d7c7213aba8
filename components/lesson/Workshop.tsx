'use client'

import { useEffect, useRef, useState } from 'react'
import { usePlayground } from '@/components/playground/PlaygroundProvider'
import { emulatorChanged } from '@/components/playground/use-emulator'
import type { Runtime } from '@/components/playground/runtime'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { findPreset, PRESET_PARAM, presetLink } from '@/lib/lessons/preset-links'
import type { LessonSpec, Preset } from '@/lib/lessons/types'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'

interface Applied {
  preset: Preset
  ran: { line: string; code: number; output: string }[]
  checkpoint?: string
  error?: string
}

/** Replaces the playground with a fresh one, then runs the preset's commands in the learner's session. */
async function applyPreset(runtime: Runtime, preset: Preset, spec: LessonSpec): Promise<Applied> {
  const kept = await runtime.checkpoints
    .save(`Before workshop preset "${preset.title}" (${new Date().toLocaleString('en-GB')})`)
    .catch(() => undefined)
  const { freshPlaygroundText } = await import('@/lib/lessons/presets')
  await runtime.persistence.replaceWith(freshPlaygroundText(), () => emulatorChanged(runtime.emulator))
  const ran: Applied['ran'] = []
  for (const line of preset.commands) {
    let output = ''
    const code = await runtime.session.run(line, {
      out: (t) => (output += typeof t === 'string' ? t : fromUtf8(t)),
      err: (t) => (output += t),
    })
    ran.push({ line, code, output })
  }
  emulatorChanged(runtime.emulator)
  // "Reset this lesson" comes back here, to the preset's scenario.
  await runtime.checkpoints.setLessonStart(spec.slug, spec.title).catch(() => undefined)
  return { preset, ran, ...(kept ? { checkpoint: kept.name } : {}) }
}

/**
 * Workshop tools in a lesson: a link with `?preset=<id>` sets the scenario up when the page opens (the
 * learner's previous work is kept as a checkpoint); facilitators copy those links from here.
 */
export function Workshop({ spec }: { spec: LessonSpec }) {
  const { status } = usePlayground()
  const [applied, setApplied] = useState<Applied>()
  const [copied, setCopied] = useState<string>()
  const started = useRef(false)

  useEffect(() => {
    if (status.state !== 'ready' || started.current) return
    const id = new URLSearchParams(location.search).get(PRESET_PARAM)
    if (!id) return
    started.current = true
    // Drop the parameter, so a reload does not wipe the learner's progress in the scenario.
    const url = new URL(location.href)
    url.searchParams.delete(PRESET_PARAM)
    history.replaceState(null, '', url.pathname + url.search + url.hash)
    const preset = findPreset(spec, id)
    const run = preset
      ? applyPreset(status.runtime, preset, spec).catch((e: unknown) => ({
          preset,
          ran: [],
          error: e instanceof Error ? e.message : String(e),
        }))
      : Promise.resolve({
          preset: { id, title: id, description: '', commands: [], startStep: '' },
          ran: [],
          error: `this lesson has no preset "${id}"`,
        })
    void run.then(setApplied)
  }, [status, spec])

  const failed = applied?.ran.filter((r) => r.code !== 0) ?? []
  return (
    <>
      {applied && (
        <div
          role={applied.error || failed.length ? 'alert' : 'status'}
          className="my-4 rounded border-l-4 border-sky-500 bg-sky-500/10 px-4 py-2 text-sm"
          data-testid="preset-notice"
        >
          {applied.error ? (
            <p className="font-semibold">The workshop preset could not be set up: {applied.error}.</p>
          ) : (
            <>
              <p className="font-semibold">
                Workshop preset “{applied.preset.title}” is ready: {applied.ran.length} command
                {applied.ran.length === 1 ? '' : 's'} run on a fresh playground
                {failed.length ? `, ${failed.length} failed` : ''}.
              </p>
              <p>{applied.preset.description}</p>
              {applied.checkpoint && (
                <p className="text-[var(--muted)]">
                  Your previous work is kept as the checkpoint “{applied.checkpoint}”.
                </p>
              )}
              <details>
                <summary className="cursor-pointer">What was run</summary>
                <pre className="overflow-x-auto font-mono text-xs">
                  {applied.ran.map((r) => `$ ${r.line}${r.code ? `   (exit ${r.code})` : ''}`).join('\n')}
                </pre>
              </details>
            </>
          )}
        </div>
      )}
      {spec.presets?.length ? (
        <details className="my-4 rounded border border-[var(--border)] px-3 py-2 text-sm" data-testid="workshop-tools">
          <summary className="cursor-pointer font-semibold">For facilitators: workshop presets</summary>
          <p className="mt-1 text-[var(--muted)]">
            A preset link opens this lesson on a fresh playground with the scenario set up, so everyone starts at the
            same step. Add presenter mode for large type on a projector. A{' '}
            <a href="/cheat-sheet/">printable header cheat sheet</a> goes with every lesson.
          </p>
          <ul className="mt-2 space-y-2">
            {spec.presets.map((p) => (
              <li key={p.id}>
                <p>
                  <strong>{p.title}</strong>: {p.description}
                </p>
                <div className="mt-1 flex flex-wrap gap-1">
                  {[false, true].map((presenter) => (
                    <button
                      key={String(presenter)}
                      type="button"
                      className={button}
                      onClick={() => {
                        void navigator.clipboard?.writeText(presetLink(location.origin, spec.slug, p.id, presenter))
                        setCopied(`${p.id}${presenter}`)
                      }}
                    >
                      {copied === `${p.id}${presenter}`
                        ? 'Copied'
                        : presenter
                          ? 'Copy link (presenter mode)'
                          : 'Copy link'}
                    </button>
                  ))}
                  <a className={button} href={`/learn/${spec.slug}/?${PRESET_PARAM}=${encodeURIComponent(p.id)}`}>
                    Open it here
                  </a>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  )
}
