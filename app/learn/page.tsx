import Link from 'next/link'
import { lessons } from '@/content/lessons'

export const metadata = { title: 'Lessons' }

export default async function LessonsIndex() {
  const entries = await Promise.all(lessons.map(async (l) => ({ slug: l.slug, ...(await l.load()).metadata })))
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-6 text-3xl font-bold">Lessons</h1>
      <ol className="space-y-4">
        {entries.map((l, i) => (
          <li key={l.slug} className="rounded border border-[var(--border)] p-4">
            <Link href={`/learn/${l.slug}/`} className="text-lg font-semibold hover:underline">
              {i + 1}. {l.title}
            </Link>
            <p className="mt-1 text-[var(--muted)]">{l.summary}</p>
          </li>
        ))}
      </ol>
    </div>
  )
}
