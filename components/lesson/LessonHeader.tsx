import type { LessonSpec } from '@/lib/lessons/types'
import { Inline } from './Inline'

/** The top of every lesson: its title, summary and "You will learn". */
export function LessonHeader({ spec }: { spec: LessonSpec }) {
  return (
    <header>
      <h1>{spec.title}</h1>
      <p className="text-[var(--muted)]">{spec.summary}</p>
      <section
        aria-labelledby="you-will-learn"
        className="my-4 rounded border border-[var(--border)] bg-[var(--panel)] px-4 py-3"
      >
        <h2 id="you-will-learn" className="!mt-0 text-base font-bold">
          You will learn
        </h2>
        <ul className="mt-1 list-disc pl-6">
          {spec.learn.map((l) => (
            <li key={l}>
              <Inline text={l} />
            </li>
          ))}
        </ul>
      </section>
    </header>
  )
}
