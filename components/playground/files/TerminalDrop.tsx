'use client'

import { useSyncExternalStore } from 'react'
import type { Runtime } from '../runtime'
import { importsOf } from './imports'

/** Files dropped on the terminal are copied into its working directory; this shows those still being read. */
export function TerminalDropStatus({ runtime }: { runtime: Runtime }) {
  const imports = importsOf(runtime)
  const jobs = useSyncExternalStore(imports.subscribe, imports.all, imports.all).filter((j) => j.state === 'reading')
  if (jobs.length === 0) return null
  return (
    <p
      role="status"
      className="absolute bottom-2 right-2 rounded bg-[var(--bg)] px-2 py-1 text-xs shadow"
      data-testid="terminal-drop-status"
    >
      {jobs.map((j) => `Copying ${j.name}: ${j.total ? Math.round((j.read / j.total) * 100) : 100} %`).join(' · ')}
    </p>
  )
}

/** Drag-and-drop handlers for the terminal's container. */
export function terminalDropHandlers(runtime: Runtime) {
  return {
    onDragOver: (e: React.DragEvent) => {
      if (![...e.dataTransfer.types].includes('Files')) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
    },
    onDrop: (e: React.DragEvent) => {
      if (e.dataTransfer.files.length === 0) return
      e.preventDefault()
      void importsOf(runtime).add(runtime, Array.from(e.dataTransfer.files))
    },
  }
}
