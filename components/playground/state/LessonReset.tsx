'use client'

import { useEffect, useState } from 'react'
import { updateProgress } from '@/components/lesson/progress-store'
import { resetSteps } from '@/lib/lessons/progress'
import type { Runtime } from '../runtime'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'

/**
 * "Reset this lesson": the first time a lesson is opened the playground is checkpointed as it stands; the
 * button puts it back to that (buckets, keys, files, history) and clears the lesson's terminal.
 */
export function LessonReset({ runtime, lesson }: { runtime: Runtime; lesson: { slug: string; title: string } }) {
  const [ready, setReady] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [note, setNote] = useState<{ text: string; error?: boolean }>()
  const [since, setSince] = useState<string[]>([])

  useEffect(() => {
    let live = true
    runtime.checkpoints.ensureLessonCheckpoint(lesson.slug, lesson.title).then(
      () => live && setReady(true),
      (e: unknown) =>
        live &&
        setNote({
          text: `This lesson's starting point could not be kept: ${e instanceof Error ? e.message : String(e)}`,
          error: true,
        }),
    )
    return () => {
      live = false
    }
  }, [runtime, lesson.slug, lesson.title])

  const reset = async () => {
    setConfirming(false)
    try {
      await runtime.checkpoints.resetLesson(lesson.slug)
      runtime.session.shell.clear?.()
      // Its ticks go too; steps the starting state already meets (a preset's) tick again at once.
      updateProgress((p) => resetSteps(p, lesson.slug))
      setNote({ text: 'The lesson is back to where it started.' })
    } catch (e) {
      setNote({ text: `Could not reset the lesson: ${e instanceof Error ? e.message : String(e)}`, error: true })
    }
  }

  return (
    <span className="flex items-center gap-1" data-testid="lesson-reset" data-ready={ready || undefined}>
      {confirming ? (
        <span role="group" aria-label="Confirm lesson reset" className="flex items-center gap-1">
          <span>
            Undo everything since this lesson was first opened?
            {since.length > 0 && ` That includes your work in ${since.join(', ')}, opened since.`}
          </span>
          <button type="button" className={`${button} font-semibold`} onClick={() => void reset()}>
            Yes, reset the lesson
          </button>
          <button type="button" className={button} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className={button}
          disabled={!ready}
          onClick={() => {
            setConfirming(true)
            void runtime.checkpoints
              .lessonsOpenedSince(lesson.slug)
              .then((l) => setSince(l.map((m) => m.name.replace(/^Start of /, ''))))
          }}
        >
          Reset this lesson
        </button>
      )}
      {note && (
        <span
          role={note.error ? 'alert' : 'status'}
          className={note.error ? 'font-semibold text-red-700 dark:text-red-300' : ''}
        >
          {note.text}
        </span>
      )}
    </span>
  )
}
