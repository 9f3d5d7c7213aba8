import Link from 'next/link'

export default function Home() {
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
    </div>
  )
}
