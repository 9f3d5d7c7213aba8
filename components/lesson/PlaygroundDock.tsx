'use client'

import { useId, useState } from 'react'
import { PlaygroundPanel } from '@/components/playground/PlaygroundPanel'
import { usePlayground } from '@/components/playground/PlaygroundProvider'

/**
 * A lesson's playground. Beside the lesson on wide screens (sticky, full height). Below 1024 px (phones, and a
 * 1280 px projector at 150% zoom) it docks as a bottom sheet: a bar that stays on screen and opens the terminal
 * over the lesson, so ▶ Run never sends the reader thousands of pixels down the page. Pure CSS decides which,
 * so resizing never remounts the terminal.
 */
export function PlaygroundDock({ lesson }: { lesson?: { slug: string; title: string } }) {
  const [open, setOpen] = useState(false)
  const sheet = useId()
  const { typed } = usePlayground()
  // ▶ Run opens the sheet: the command is typed where the reader can see it (state adjusted while rendering).
  const [seen, setSeen] = useState(0)
  if (typed !== seen) {
    setSeen(typed)
    setOpen(true)
  }
  return (
    <aside
      aria-label="Playground"
      className="max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-30 max-lg:border-t max-lg:border-[var(--border)] max-lg:bg-[var(--bg)] max-lg:shadow-[0_-4px_12px_rgba(0,0,0,0.25)] lg:sticky lg:top-2 lg:h-[calc(100vh-5rem)]"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open && !e.defaultPrevented) setOpen(false)
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={sheet}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center justify-between px-4 py-2 text-sm font-semibold lg:hidden"
        data-testid="dock-toggle"
      >
        <span>{open ? 'Hide the terminal' : 'Open the terminal and inspector'}</span>
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      <div
        id={sheet}
        data-playground-slot
        className={`h-full min-w-0 max-lg:h-[75dvh] max-lg:overflow-y-auto max-lg:overflow-x-hidden max-lg:px-2 max-lg:pb-2 ${open ? '' : 'max-lg:hidden'}`}
      >
        <PlaygroundPanel className="h-full" {...(lesson ? { lesson } : {})} />
      </div>
    </aside>
  )
}
