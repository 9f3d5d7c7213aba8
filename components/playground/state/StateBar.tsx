'use client'

import { useRef, useState, type ReactNode } from 'react'
import type { Persistence, SaveStatus } from './persistence'
import { downloadText, stamp } from './download'
import { useSaveStatus } from './use-save-status'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'
const time = (ms: number | string) => new Date(ms).toLocaleTimeString('en-GB')

function describe(s: SaveStatus): string {
  if (s.state === 'off') return s.message ?? 'Not saved in this browser'
  if (s.state === 'error') return s.message ?? 'Could not save'
  if (s.state === 'paused')
    return s.damaged
      ? 'Saving paused: see the message below'
      : s.otherTab
        ? 'Saving paused: another tab saved newer work'
        : 'Saving paused'
  if (s.state === 'saving') return 'Saving…'
  if (s.state === 'saved' && s.at) return `Saved in this browser at ${time(s.at)}`
  return s.restoredFrom ? `Restored your work from ${time(s.restoredFrom)}` : 'Saved in this browser as you go'
}

/** Save status, and what a learner can do with their state: export it, import a file, or reset everything. */
export function StateBar({ persistence, actions }: { persistence: Persistence; actions?: ReactNode }) {
  const status = useSaveStatus(persistence)
  const file = useRef<HTMLInputElement>(null)
  const [confirming, setConfirming] = useState(false)
  const [problem, setProblem] = useState<string>()

  const importFile = async (f: File | undefined) => {
    if (!f) return
    try {
      await persistence.importText(await f.text())
      location.reload()
    } catch (error) {
      setProblem(
        `${f.name} was not imported: ${error instanceof Error ? error.message : String(error)}. Your current work is unchanged.`,
      )
    }
    if (file.current) file.current.value = ''
  }
  const reset = async () => {
    await persistence.reset()
    location.reload()
  }

  return (
    <div
      className="flex flex-wrap items-center gap-2 text-xs"
      data-testid="state-bar"
      data-save-state={status.state}
      data-save-count={status.count}
      data-save-pending={status.pending}
    >
      <span
        className={status.state === 'error' ? 'font-semibold text-red-700 dark:text-red-300' : 'text-[var(--muted)]'}
      >
        {describe(status)}
      </span>
      <span className="ml-auto flex flex-wrap gap-1">
        {actions}
        <button
          type="button"
          className={button}
          onClick={() => downloadText(persistence.exportText(), `s3-playground-${stamp()}.json`)}
        >
          Export
        </button>
        <button type="button" className={button} onClick={() => file.current?.click()}>
          Import…
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label="Playground file to import"
          onChange={(e) => void importFile(e.target.files?.[0])}
        />
        {confirming ? (
          <span role="group" aria-label="Confirm reset" className="flex items-center gap-1">
            <span>Delete every bucket, key, file and command?</span>
            <button
              type="button"
              className={`${button} border-red-700 font-semibold text-red-700 dark:border-red-300 dark:text-red-300`}
              onClick={() => void reset()}
            >
              Yes, reset
            </button>
            <button type="button" className={button} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className={button} onClick={() => setConfirming(true)}>
            Reset everything
          </button>
        )}
      </span>
      {status.otherTab && (
        <p role="status" className="flex w-full flex-wrap items-center gap-2 font-semibold">
          The playground is open in another tab, which saved after this one. Keep which work?
          <button type="button" className={button} onClick={() => location.reload()}>
            Reload to load the other tab&apos;s
          </button>
          <button type="button" className={button} onClick={() => void persistence.keepThisTab()}>
            Keep this tab&apos;s (replaces it)
          </button>
        </p>
      )}
      {problem && (
        <p role="alert" className="w-full font-semibold text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </div>
  )
}
