'use client'

import { useRef, useState } from 'react'
import { emptyProgress, mergeProgress, parseProgress } from '@/lib/lessons/progress'
import { updateProgress, useProgress, writeProgress } from './progress-store'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'

/** Export progress to a file, import one (added to what is here), or start over. */
export function ProgressTools() {
  const progress = useProgress()
  const input = useRef<HTMLInputElement>(null)
  const [note, setNote] = useState<{ text: string; error?: boolean }>()
  const [confirming, setConfirming] = useState(false)

  const importFile = async (file: File) => {
    try {
      const imported = parseProgress(await file.text())
      updateProgress((p) => mergeProgress(p, imported))
      setNote({ text: `Imported the progress of ${Object.keys(imported.lessons).length} lesson(s).` })
    } catch (e) {
      setNote({ text: `Could not import ${file.name}: ${e instanceof Error ? e.message : String(e)}`, error: true })
    }
  }

  return (
    <div className="mt-4 flex flex-wrap items-center gap-1" data-testid="progress-tools">
      <button
        type="button"
        className={button}
        onClick={() =>
          void import('@/components/playground/state/download').then(({ downloadText, stamp }) =>
            downloadText(JSON.stringify(progress, null, 2), `s3-playground-progress-${stamp()}.json`),
          )
        }
      >
        Export progress
      </button>
      <button type="button" className={button} onClick={() => input.current?.click()}>
        Import progress
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="hidden"
        aria-label="Progress file to import"
        data-testid="progress-import"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void importFile(file)
          e.target.value = ''
        }}
      />
      {confirming ? (
        <>
          <button
            type="button"
            className={`${button} font-semibold`}
            onClick={() => {
              writeProgress(emptyProgress())
              setConfirming(false)
              setNote({ text: 'Progress cleared.' })
            }}
          >
            Yes, clear my progress
          </button>
          <button type="button" className={button} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" className={button} onClick={() => setConfirming(true)}>
          Clear progress
        </button>
      )}
      {note && (
        <p
          role={note.error ? 'alert' : 'status'}
          className={`w-full text-xs ${note.error ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}
        >
          {note.text}
        </p>
      )}
    </div>
  )
}
