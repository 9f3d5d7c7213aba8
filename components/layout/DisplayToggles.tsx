'use client'

import { useSyncExternalStore } from 'react'

type Mode = 'dark' | 'presenter'

const subscribe = (cb: () => void) => {
  window.addEventListener('display-change', cb)
  return () => window.removeEventListener('display-change', cb)
}
const isOn = (mode: Mode) => document.documentElement.classList.contains(mode)

function useMode(mode: Mode): boolean {
  return useSyncExternalStore(
    subscribe,
    () => isOn(mode),
    () => false,
  )
}

function setMode(mode: Mode, on: boolean) {
  document.documentElement.classList.toggle(mode, on)
  try {
    if (mode === 'dark') localStorage.setItem('theme', on ? 'dark' : 'light')
    else localStorage.setItem('presenter', on ? '1' : '0')
  } catch {
    // Storage can be unavailable (private mode); the toggle still works for this page.
  }
  window.dispatchEvent(new Event('display-change'))
}

/** Dark/light theme and presenter mode (large type), remembered in this browser. */
export function DisplayToggles() {
  const dark = useMode('dark')
  const presenter = useMode('presenter')
  return (
    <div className="flex gap-2 text-sm">
      <button
        type="button"
        aria-pressed={dark}
        onClick={() => setMode('dark', !dark)}
        className="rounded border border-[var(--border)] px-2 py-1"
      >
        {dark ? '☀️ Light' : '🌙 Dark'}
      </button>
      <button
        type="button"
        aria-pressed={presenter}
        onClick={() => setMode('presenter', !presenter)}
        className="rounded border border-[var(--border)] px-2 py-1"
        title="Larger type for projectors"
      >
        📽 Presenter
      </button>
    </div>
  )
}
