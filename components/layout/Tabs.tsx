'use client'

import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface Tab {
  id: string
  label: ReactNode
  /** Rendered only while the tab is selected. */
  render: () => ReactNode
}

/**
 * Tabs as the ARIA pattern has them: one tab stop, arrow keys (and Home/End) move between tabs. The tabs stay on one
 * row that scrolls sideways when they do not fit (a narrow panel, presenter mode's large type); the focused tab
 * scrolls into view.
 */
export function Tabs({
  label,
  tabs,
  selected,
  onSelect,
  className = '',
}: {
  label: string
  tabs: Tab[]
  selected: string
  onSelect: (id: string) => void
  className?: string
}) {
  const base = useId()
  const refs = useRef<Record<string, HTMLButtonElement | null>>({})
  const current = tabs.find((t) => t.id === selected) ?? tabs[0]!
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current.id)
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    const next = tabs[(to + tabs.length) % tabs.length]!
    onSelect(next.id)
    refs.current[next.id]?.focus()
  }
  return (
    <div className={`flex min-h-0 flex-col ${className}`}>
      <div
        role="tablist"
        aria-label={label}
        className="flex shrink-0 gap-1 overflow-x-auto border-b border-[var(--border)] px-1 pt-1 [scrollbar-width:thin]"
        onKeyDown={move}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`${base}-panel`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
            onFocus={(e) => e.currentTarget.scrollIntoView({ block: 'nearest', inline: 'nearest' })}
            className="shrink-0 whitespace-nowrap rounded-t border border-b-0 border-transparent px-3 py-1 text-sm aria-selected:border-[var(--border)] aria-selected:bg-[var(--panel)] aria-selected:font-semibold"
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        tabIndex={0}
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${current.id}`}
        className="min-h-0 flex-1 overflow-auto"
      >
        {current.render()}
      </div>
    </div>
  )
}
