import type { ReactNode } from 'react'
import { PlaygroundProvider } from '@/components/playground/PlaygroundProvider'
import type { CourseEntry } from '@/content/lessons'
import type { LessonSpec } from '@/lib/lessons/types'
import { CourseMap } from './CourseMap'
import { LessonHeader } from './LessonHeader'
import { LessonProvider } from './LessonContext'
import { PlaygroundDock } from './PlaygroundDock'
import { Quiz } from './Quiz'
import { RealAws } from './RealAws'
import { Workshop } from './Workshop'

/**
 * A lesson: the course map (a sidebar on wide screens, folded above the lesson otherwise), the prose with its
 * steps, the recap quiz and the notes for real AWS, and the live terminal and inspector beside it (docked at the
 * bottom on narrow screens). Presenter mode gives the playground the larger share and folds the course map.
 */
export function LessonLayout({
  children,
  lesson,
  spec,
  course,
}: {
  children: ReactNode
  lesson?: { slug: string; title: string }
  spec?: LessonSpec
  course?: CourseEntry[]
}) {
  const body = (
    <div className="mx-auto grid max-w-[1800px] gap-6 px-4 py-6 max-lg:pb-16 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] xl:grid-cols-[14rem_minmax(0,1fr)_minmax(0,1fr)] [.presenter_&]:lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      {course && (
        <aside aria-label="Course" className="hidden xl:block [.presenter_&]:xl:hidden">
          <div className="sticky top-2">
            <CourseMap course={course} {...(lesson ? { current: lesson.slug } : {})} />
          </div>
        </aside>
      )}
      <article className="prose-lesson min-w-0">
        {course && (
          <details className="mb-4 rounded border border-[var(--border)] px-3 py-2 xl:hidden [.presenter_&]:xl:block">
            <summary className="cursor-pointer text-sm font-semibold">Course map and progress</summary>
            <CourseMap course={course} {...(lesson ? { current: lesson.slug } : {})} />
          </details>
        )}
        {spec && <LessonHeader spec={spec} />}
        {spec && <Workshop spec={spec} />}
        {children}
        {spec && <Quiz slug={spec.slug} questions={spec.quiz} />}
        {spec && <RealAws notes={spec.realAws} />}
      </article>
      <PlaygroundDock {...(lesson ? { lesson } : {})} />
    </div>
  )
  return (
    <PlaygroundProvider deferStart>
      {spec ? <LessonProvider spec={spec}>{body}</LessonProvider> : body}
    </PlaygroundProvider>
  )
}
