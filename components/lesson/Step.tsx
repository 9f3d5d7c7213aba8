'use client'

import { useState, type ReactNode } from 'react'
import { CommandBlock } from '@/components/mdx/CodeBlock'
import { completeStep } from '@/lib/lessons/progress'
import { GoalList } from './GoalList'
import { Inline } from './Inline'
import { useLesson } from './LessonContext'
import { updateProgress } from './progress-store'

const button = 'rounded border border-[var(--border)] px-2 py-1 text-sm hover:bg-[var(--panel)]'

/**
 * One step of a lesson: `<Step id="upload">` in the MDX, with prose and command blocks inside. The
 * heading, goals, hints and solution come from the lesson's spec, so the page and the tests agree.
 */
export function Step({ id, children }: { id: string; children?: ReactNode }) {
  const lesson = useLesson()
  const [hints, setHints] = useState(0)
  const [solution, setSolution] = useState(false)
  if (!lesson) throw new Error(`<Step id="${id}"> is only allowed in a lesson with a spec`)
  const { spec, goals, progress } = lesson
  const index = spec.steps.findIndex((s) => s.id === id)
  const step = spec.steps[index]
  if (!step) throw new Error(`<Step id="${id}">: the lesson's spec has no such step`)
  const done = Boolean(progress.steps[id])
  const headingId = `step-${id}`
  return (
    <section aria-labelledby={headingId} data-step={id} data-done={done || undefined} className="my-8">
      <h2 id={headingId} className="flex items-baseline gap-2">
        <span aria-hidden="true" className={done ? 'text-green-700 dark:text-green-400' : 'text-[var(--muted)]'}>
          {done ? '✔' : '○'}
        </span>
        <span>
          Step {index + 1}: {step.title}
          {done && <span className="sr-only"> (done)</span>}
        </span>
      </h2>
      {children}
      <div className="mt-4 rounded border border-[var(--border)] p-3">
        {step.goals.length > 0 ? (
          <GoalList results={goals?.[id]} goals={step.goals} done={done} />
        ) : (
          <button
            type="button"
            className={button}
            disabled={done}
            onClick={() => updateProgress((p) => completeStep(p, spec.slug, id))}
          >
            {done ? 'Done' : 'Mark this step done'}
          </button>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          {step.hints.length > 0 && hints < step.hints.length && (
            <button type="button" className={button} onClick={() => setHints(hints + 1)}>
              {hints === 0 ? 'Show a hint' : 'Another hint'} ({hints + 1} of {step.hints.length})
            </button>
          )}
          <button type="button" className={button} aria-expanded={solution} onClick={() => setSolution(!solution)}>
            {solution ? 'Hide the solution' : 'Show the solution'}
          </button>
        </div>
        {hints > 0 && (
          <ol className="mt-2 list-decimal pl-6 text-sm" aria-label="Hints">
            {step.hints.slice(0, hints).map((h) => (
              <li key={h}>
                <Inline text={h} />
              </li>
            ))}
          </ol>
        )}
        {solution && <CommandBlock text={step.solution.join('\n')} runnable label="solution" />}
      </div>
    </section>
  )
}
