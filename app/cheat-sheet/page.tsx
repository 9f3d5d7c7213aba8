import Link from 'next/link'
import { cheatSheetGroups } from '@/lib/lessons/cheat-sheet'
import { PrintButton } from './PrintButton'

export const metadata = {
  title: 'S3 encryption headers: cheat sheet',
  description: 'Every S3 encryption header on one printable page.',
}

/** Every encryption header, from the inspector's dictionary, laid out to print (see the print rules in globals.css). */
export default function CheatSheet() {
  const groups = cheatSheetGroups()
  return (
    <div className="cheat-sheet mx-auto max-w-5xl px-4 py-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">S3 encryption headers: cheat sheet</h1>
        <PrintButton />
      </div>
      <p className="mt-1 text-sm text-[var(--muted)] print:text-black">
        Generated from the playground’s header dictionary, the same one the inspector uses to explain each exchange.
        Header names are case-insensitive.
      </p>
      {groups.map((g) => (
        <section key={g.title} className="mt-5 break-inside-avoid-page" aria-labelledby={`g-${g.title}`}>
          <h2 id={`g-${g.title}`} className="text-lg font-bold">
            {g.title}
          </h2>
          {g.note && <p className="text-sm">{g.note}</p>}
          <table className="mt-1 w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-[var(--border)] text-left">
                <th scope="col" className="w-[34%] py-1 pr-2">
                  Header
                </th>
                <th scope="col" className="py-1 pr-2">
                  Meaning
                </th>
                <th scope="col" className="w-[28%] py-1">
                  Values
                </th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map(({ name, info }) => (
                <tr
                  key={name}
                  className="break-inside-avoid border-b border-[var(--border)] align-top"
                  data-header={name}
                >
                  <th scope="row" className="py-1 pr-2 text-left font-mono text-xs font-semibold break-all">
                    {name}
                  </th>
                  <td className="py-1 pr-2">{info.meaning}</td>
                  <td className="py-1 font-mono text-xs break-words">{info.values ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <p className="mt-6 text-sm print:hidden">
        Back to the{' '}
        <Link href="/learn/" className="underline">
          lessons
        </Link>
        .
      </p>
    </div>
  )
}
