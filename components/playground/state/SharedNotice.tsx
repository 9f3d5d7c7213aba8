'use client'

import { useState } from 'react'
import type { SharedOpen } from './open-shared'

const button = 'rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-xs font-semibold'
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`

/** After opening a share link: what it rebuilt, what it could not carry, and where the previous work went. */
export function SharedNotice({ shared }: { shared: SharedOpen | undefined }) {
  const [shown, setShown] = useState(true)
  if (!shared || !shown) return null
  if (shared.error)
    return (
      <div
        role="alert"
        data-testid="shared-notice"
        className="rounded border-2 border-red-700 bg-[var(--panel)] p-2 text-sm dark:border-red-300"
      >
        <p className="font-semibold">The shared link could not be opened: {shared.error}.</p>
        <p>Your own playground is unchanged.</p>
        <button type="button" className={`${button} mt-1`} onClick={() => setShown(false)}>
          Dismiss
        </button>
      </div>
    )
  return (
    <div
      role="status"
      data-testid="shared-notice"
      className="rounded border border-[var(--accent)] bg-[var(--panel)] p-2 text-sm"
    >
      <p className="font-semibold">
        Opened a shared scenario: {plural(shared.buckets, 'bucket')}, {plural(shared.objects, 'object')},{' '}
        {plural(shared.keys, 'KMS key')}, {plural(shared.files, 'file')}, rebuilt here with fresh keys.
      </p>
      {shared.checkpoint && <p>Your previous work is kept as the checkpoint “{shared.checkpoint}”.</p>}
      {shared.notShared.length > 0 && (
        <details>
          <summary>Not shareable, so not here ({shared.notShared.length})</summary>
          <ul className="list-disc pl-4 text-xs" data-testid="shared-not-shared">
            {shared.notShared.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      {shared.problems.length > 0 && (
        <details open>
          <summary className="font-semibold">Some of it could not be rebuilt ({shared.problems.length})</summary>
          <ul className="list-disc pl-4 font-mono text-xs">
            {shared.problems.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className={`${button} mt-1`} onClick={() => setShown(false)}>
        Dismiss
      </button>
    </div>
  )
}
