'use client'

import type { Persistence } from './persistence'
import { downloadText, stamp } from './download'
import { useSaveStatus } from './use-save-status'

const button = 'rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm font-semibold'

/** A saved record that could not be restored: say so plainly, keep it safe, and let the learner choose. */
export function DamagedNotice({ persistence }: { persistence: Persistence }) {
  const { damaged } = useSaveStatus(persistence)
  if (!damaged) return null
  return (
    <div
      role="alert"
      data-testid="damaged-notice"
      className="rounded border-2 border-red-700 bg-[var(--panel)] p-3 text-sm dark:border-red-300"
    >
      <p className="font-semibold">Your saved playground could not be restored: {damaged.reason}.</p>
      <p className="mt-1">
        Nothing has been deleted, and the playground below starts empty. Download the damaged record to keep it (you can
        try importing it later), or start fresh, which deletes it. Saving is paused until you choose.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className={button}
          onClick={() => downloadText(damaged.raw, `s3-playground-damaged-${stamp()}.json`)}
        >
          Download the damaged record
        </button>
        <button type="button" className={button} onClick={() => void persistence.discardDamaged()}>
          Start fresh
        </button>
        <button type="button" className={button} onClick={() => location.reload()}>
          Try again
        </button>
      </div>
    </div>
  )
}
