import Link from 'next/link'
import { DisplayToggles } from './DisplayToggles'

export function SiteHeader() {
  return (
    <header className="flex flex-wrap items-center gap-4 border-b border-[var(--border)] px-4 py-2">
      <Link href="/" className="font-semibold">
        🔐 S3 Encryption Playground
      </Link>
      <nav aria-label="Main" className="flex gap-4 text-sm">
        <Link href="/learn/" className="hover:underline">
          Lessons
        </Link>
        <Link href="/playground/" className="hover:underline">
          Playground
        </Link>
        <Link href="/cheat-sheet/" className="hover:underline">
          Cheat sheet
        </Link>
      </nav>
      <div className="ml-auto">
        <DisplayToggles />
      </div>
    </header>
  )
}
