import { course, lessons } from '@/content/lessons'
import { CourseMap } from '@/components/lesson/CourseMap'

export const metadata = { title: 'Lessons' }

export default function LessonsIndex() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-6 text-3xl font-bold">Lessons</h1>
      <p className="mb-6 text-[var(--muted)]">
        Your progress is kept in this browser only. Export it to carry it to another browser, or import a file a
        colleague exported.
      </p>
      <CourseMap course={course()} summaries={Object.fromEntries(lessons.map((l) => [l.slug, l.summary]))} />
    </div>
  )
}
