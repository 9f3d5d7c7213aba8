import type { ReactNode } from 'react'
import { PlaygroundProvider } from '@/components/playground/PlaygroundProvider'
import { PlaygroundPanel } from '@/components/playground/PlaygroundPanel'

/** A lesson: prose on the left, the live terminal and inspector beside it. `lesson` names it for "Reset this lesson". */
export function LessonLayout({ children, lesson }: { children: ReactNode; lesson?: { slug: string; title: string } }) {
  return (
    <PlaygroundProvider>
      <div className="mx-auto grid max-w-[1600px] gap-6 px-4 py-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <article className="prose-lesson min-w-0">{children}</article>
        <aside aria-label="Playground" className="lg:sticky lg:top-2 lg:h-[calc(100vh-5rem)]">
          <PlaygroundPanel className="h-full" {...(lesson ? { lesson } : {})} />
        </aside>
      </div>
    </PlaygroundProvider>
  )
}
