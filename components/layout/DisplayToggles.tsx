'use client'

import { useEffect, useState } from 'react'

/** Dark/light theme and presenter mode (large type), remembered in this browser. */
export function DisplayToggles() {
  const [dark, setDark] = useState(false)
  const [presenter, setPresenter] = useState(false)

  useEffect(() => {
    setDark(document.documentElement.classList.contains('dark'))
    setPresenter(document.documentElement.classList.contains('presenter'))
  }, [])

  const toggle = (cls: 'dark' | 'presenter', on: boolean) => {
    document.documentElement.classList.toggle(cls, on)
    try {
      if (cls === 'dark') localStorage.setItem('theme', on ? 'dark' : 'light')
      else localStorage.setItem('presenter', on ? '1' : '0')
    } catch {
      // Storage can be unavailable (private mode); the toggle still works for this page.
    }
    window.dispatchEvent(new Event('display-change'))
  }

  return (
    <div className="flex gap-2 text-sm">
      <button
        type="button"
        aria-pressed={dark}
        onClick={() => (setDark(!dark), toggle('dark', !dark))}
        className="rounded border border-[var(--border)] px-2 py-1"
      >
        {dark ? '☀️ Light' : '🌙 Dark'}
      </button>
      <button
        type="button"
        aria-pressed={presenter}
        onClick={() => (setPresenter(!presenter), toggle('presenter', !presenter))}
        className="rounded border border-[var(--border)] px-2 py-1"
        title="Larger type for projectors"
      >
        📽 Presenter
      </button>
    </div>
  )
}
