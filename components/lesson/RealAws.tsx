import { Inline } from './Inline'

/** "Try it on real AWS": what changes outside the playground (names, permissions, cost). */
export function RealAws({ notes }: { notes: string[] }) {
  return (
    <section aria-labelledby="real-aws" className="my-8 border-l-4 border-amber-500 bg-amber-500/10 px-4 py-2">
      <h2 id="real-aws" className="!mt-0">
        Try it on real AWS
      </h2>
      <ul className="list-disc pl-6">
        {notes.map((n) => (
          <li key={n}>
            <Inline text={n} />
          </li>
        ))}
      </ul>
    </section>
  )
}
