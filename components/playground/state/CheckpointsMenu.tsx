'use client'

import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { Checkpoints } from '@/lib/state/checkpoints'
import { useCheckpointList } from './use-checkpoints'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'
const time = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    day: 'numeric',
    month: 'short',
  })
const kib = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Named checkpoints for live demos: save the playground as it is, jump back to any checkpoint, delete
 * the ones you no longer need. Alt+Shift+C opens it from anywhere; Escape closes it.
 */
export function CheckpointsMenu({ checkpoints, onRestored }: { checkpoints: Checkpoints; onRestored?: () => void }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [note, setNote] = useState<{ text: string; error?: boolean }>()
  const { list, error } = useCheckpointList(checkpoints)
  const toggle = useRef<HTMLButtonElement>(null)
  const field = useRef<HTMLInputElement>(null)
  const panelId = useId()
  const count = list?.length ?? 0

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.shiftKey && (e.key === 'C' || e.key === 'c' || e.code === 'KeyC')) {
        e.preventDefault()
        e.stopPropagation()
        setOpen(true)
      }
    }
    // Capture: the terminal stops the keys it handles from bubbling.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  useEffect(() => {
    if (open) field.current?.focus()
  }, [open])

  const close = () => {
    setOpen(false)
    toggle.current?.focus()
  }
  const save = async (e: FormEvent) => {
    e.preventDefault()
    const chosen = name.trim() || `Checkpoint ${count + 1}`
    try {
      await checkpoints.save(chosen)
      setName('')
      setNote({ text: `Saved checkpoint “${chosen}”.` })
    } catch (err) {
      setNote({ text: `Could not save the checkpoint: ${message(err)}`, error: true })
    }
  }
  const restore = async (id: string, label: string) => {
    try {
      await checkpoints.restore(id)
      setNote({ text: `Restored “${label}”.` })
      onRestored?.()
    } catch (err) {
      setNote({ text: `Could not restore “${label}”: ${message(err)}. The playground is unchanged.`, error: true })
    }
  }
  const remove = async (id: string, label: string) => {
    await checkpoints.delete(id)
    setNote({ text: `Deleted “${label}”.` })
  }

  return (
    <span className="relative">
      <button
        ref={toggle}
        type="button"
        className={button}
        aria-expanded={open}
        aria-controls={panelId}
        aria-keyshortcuts="Alt+Shift+C"
        onClick={() => (open ? close() : setOpen(true))}
      >
        Checkpoints{count ? ` (${count})` : ''}
      </button>
      {open && (
        <div
          id={panelId}
          role="region"
          aria-label="Checkpoints"
          data-testid="checkpoints"
          className="absolute right-0 z-20 mt-1 w-[min(28rem,90vw)] rounded border border-[var(--border)] bg-[var(--bg)] p-2 text-sm shadow-lg"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              close()
            }
          }}
        >
          <form className="flex gap-1" onSubmit={(e) => void save(e)}>
            <label className="sr-only" htmlFor={`${panelId}-name`}>
              Checkpoint name
            </label>
            <input
              ref={field}
              id={`${panelId}-name`}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder={`Checkpoint ${count + 1}`}
              maxLength={120}
              className="min-w-0 flex-1 rounded border border-[var(--border)] bg-[var(--bg)] px-1"
            />
            <button type="submit" className={`${button} font-semibold`}>
              Save checkpoint
            </button>
          </form>
          {note && (
            <p
              role={note.error ? 'alert' : 'status'}
              className={`mt-1 text-xs ${note.error ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}
            >
              {note.text}
            </p>
          )}
          {error && <p role="alert">The checkpoints could not be read: {error}</p>}
          {list && list.length === 0 && (
            <p className="mt-2 text-xs text-[var(--muted)]">
              No checkpoints yet. Save one before a demo step, and come back to it with one click.
            </p>
          )}
          {list && list.length > 0 && (
            <ol className="mt-2 max-h-72 overflow-auto" aria-label="Saved checkpoints">
              {list.map((c) => (
                <li
                  key={c.id}
                  className="flex flex-wrap items-center gap-1 border-t border-[var(--border)] py-1"
                  data-testid="checkpoint"
                >
                  <span className="min-w-0 flex-1">
                    <span className="font-semibold">{c.name}</span>
                    <span className="block text-xs text-[var(--muted)]">
                      {time(c.createdAt)} · {kib(c.size)}
                      {c.lesson ? ' · taken when the lesson was first opened' : ''}
                    </span>
                  </span>
                  <button
                    type="button"
                    className={button}
                    onClick={() => void restore(c.id, c.name)}
                    aria-label={`Restore ${c.name}`}
                  >
                    Restore
                  </button>
                  <button
                    type="button"
                    className={button}
                    onClick={() => void remove(c.id, c.name)}
                    aria-label={`Delete ${c.name}`}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ol>
          )}
          <p className="mt-2 text-xs text-[var(--muted)]">
            Checkpoints stay in this browser and hold what a save holds (never an SSE-C key or an AWS secret).
          </p>
        </div>
      )}
    </span>
  )
}
