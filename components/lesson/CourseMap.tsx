'use client'

import Link from 'next/link'
import type { CourseEntry } from '@/content/lessons'
import { PRESET_PARAM } from '@/lib/lessons/preset-links'
import { lessonStatus } from '@/lib/lessons/progress'
import { ProgressTools } from './ProgressTools'
import { useProgress } from './progress-store'

const presetHref = (slug: string, id: string) => `/learn/${slug}/?${PRESET_PARAM}=${encodeURIComponent(id)}`

/**
 * Every lesson with the learner's progress: steps done and quiz answers right. On /learn/ it is the index;
 * beside a lesson it is the sidebar (`current` marks the open lesson and lists its steps).
 */
export function CourseMap({
  course,
  current,
  summaries,
}: {
  course: CourseEntry[]
  current?: string
  summaries?: Record<string, string>
}) {
  const progress = useProgress()
  return (
    <nav aria-label="Course map" data-testid="course-map">
      <ol className={summaries ? 'space-y-4' : 'space-y-2 text-sm'}>
        {course.map((l, i) => {
          const s = lessonStatus(progress, { slug: l.slug, steps: l.steps, quiz: l.quiz })
          const state = s.total === 0 ? '' : s.complete ? 'complete' : s.done > 0 ? 'started' : ''
          return (
            <li
              key={l.slug}
              data-lesson={l.slug}
              data-state={state || undefined}
              className={summaries ? 'rounded border border-[var(--border)] p-4' : ''}
            >
              <Link
                href={`/learn/${l.slug}/`}
                aria-current={l.slug === current ? 'page' : undefined}
                className={`${summaries ? 'text-lg font-semibold' : ''} hover:underline ${l.slug === current ? 'font-bold' : ''}`}
              >
                <span aria-hidden="true">{s.complete && s.total ? '✔ ' : ''}</span>
                {i + 1}. {l.title}
              </Link>
              {s.total > 0 && (
                <span className="ml-2 text-xs text-[var(--muted)]" data-testid="lesson-progress">
                  {s.done}/{s.total} steps{s.quizTotal ? ` · quiz ${s.quizCorrect}/${s.quizTotal}` : ''}
                </span>
              )}
              {summaries?.[l.slug] && <p className="mt-1 text-[var(--muted)]">{summaries[l.slug]}</p>}
              {l.presets.length > 0 && (
                <p className="mt-0.5 text-xs text-[var(--muted)]" data-testid="course-presets">
                  Workshop preset{l.presets.length > 1 ? 's' : ''}:{' '}
                  {l.presets.map((p, n) => (
                    <span key={p.id}>
                      {n > 0 && ', '}
                      <a href={presetHref(l.slug, p.id)} className="underline">
                        {p.title}
                      </a>
                    </span>
                  ))}
                </p>
              )}
              {l.slug === current && l.steps.length > 0 && (
                <ol className="mt-1 ml-4 space-y-0.5">
                  {l.steps.map((step) => (
                    <li key={step.id}>
                      <a href={`#step-${step.id}`} className="hover:underline">
                        <span aria-hidden="true">{progress.lessons[l.slug]?.steps[step.id] ? '✔' : '○'} </span>
                        {step.title}
                        <span className="sr-only">{progress.lessons[l.slug]?.steps[step.id] ? ' (done)' : ''}</span>
                      </a>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          )
        })}
      </ol>
      <ProgressTools />
    </nav>
  )
}
