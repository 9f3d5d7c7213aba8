'use client'

import type { Emulator } from '@/lib/emulator/create-emulator'
import { whoCanRead, type Verdict } from '@/lib/inspector/who-can-read'

const VERDICT: Record<Verdict, { text: string; style: string }> = {
  yes: { text: 'can read', style: 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100' },
  'with-key': { text: 'only with the key', style: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100' },
  no: { text: 'cannot read', style: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100' },
}

/**
 * "Who can read this object?": each principal the policies name, and the key holders, with the verdict in words
 * and the deciding statements one keypress away (a native <details>, so Tab and Enter open it).
 */
export function WhoCanRead({
  emulator,
  bucket,
  objectKey,
  versionId,
}: {
  emulator: Emulator
  bucket: string
  objectKey: string
  versionId?: string
}) {
  const answer = whoCanRead(emulator.s3, emulator.kms.state, bucket, objectKey, versionId)
  if (!answer) return null
  return (
    <section aria-label="Who can read this?" data-testid="who-can-read">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">
        Who can read this object?
      </h3>
      <p className="mb-1 text-xs text-[var(--muted)]">
        Decided from the bucket policy, the key policy and the key state as they are now, the way S3 and KMS decide a
        GET.
      </p>
      <ul className="space-y-1">
        {answer.readers.map((r, n) => (
          <li
            key={`${n}:${r.who}`}
            className="rounded border border-[var(--border)] p-1.5 text-xs"
            data-verdict={r.verdict}
          >
            <details>
              <summary className="cursor-pointer">
                <span
                  className={`mr-1 inline-block whitespace-nowrap rounded px-1.5 font-semibold ${VERDICT[r.verdict].style}`}
                >
                  {VERDICT[r.verdict].text}
                </span>
                <span className="font-mono [overflow-wrap:anywhere]">{r.who}</span>
              </summary>
              <ul className="ml-4 mt-1 list-disc space-y-0.5">
                {r.why.map((w, n) => (
                  <li key={`${n}:${w}`}>{w}</li>
                ))}
              </ul>
              {r.citations.map((c, n) => (
                <div key={`${n}:${c.policy}:${c.statement}`} className="mt-1">
                  <p className="font-semibold">
                    {c.policy} statement {c.statement} ({c.effect})
                  </p>
                  <ul className="ml-4 break-all font-mono">
                    {c.checks.map((check, i) => (
                      <li key={i}>{check}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          </li>
        ))}
      </ul>
    </section>
  )
}
