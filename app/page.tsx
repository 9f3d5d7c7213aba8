import Link from 'next/link'
import { course } from '@/content/lessons'
import { PRESET_PARAM } from '@/lib/lessons/preset-links'

export default function Home() {
  const presets = course().flatMap((l) => l.presets.map((p) => ({ ...p, lesson: l })))
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-4xl font-bold">Learn S3 encryption by doing it</h1>
      <p className="mt-4 text-lg text-[var(--muted)]">
        Type real <code>aws</code> commands into a terminal in your browser. The AWS SDK sends real HTTP requests to an
        S3 emulator that encrypts your objects for real, and an inspector shows every header on the wire. No AWS
        account, no server: it all runs in this page, even offline.
      </p>
      <div className="mt-8 flex flex-wrap gap-4">
        <Link
          href="/learn/overview/"
          className="rounded bg-amber-500 px-4 py-2 font-semibold text-black hover:bg-amber-400"
        >
          Start the first lesson
        </Link>
        <Link href="/playground/" className="rounded border border-[var(--border)] px-4 py-2 font-semibold">
          Open the playground
        </Link>
      </div>
      {presets.length > 0 && (
        <section aria-labelledby="workshops" className="mt-10" data-testid="home-presets">
          <h2 id="workshops" className="text-xl font-semibold">
            Running a workshop?
          </h2>
          <p className="mt-2 text-[var(--muted)]">
            A preset opens a lesson on a fresh playground with its scenario already set up, so everyone starts at the
            same step. Add <code>&amp;presenter=1</code> to the link for large type on a projector.
          </p>
          <ul className="mt-2 list-disc pl-6">
            {presets.map((p) => (
              <li key={`${p.lesson.slug}/${p.id}`}>
                <a className="underline" href={`/learn/${p.lesson.slug}/?${PRESET_PARAM}=${encodeURIComponent(p.id)}`}>
                  {p.title}
                </a>{' '}
                <span className="text-[var(--muted)]">in “{p.lesson.title}”</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
