'use client'

import { useEffect, useSyncExternalStore } from 'react'
import type { Exchange, ExchangeLog } from '@/lib/inspector/exchange'

const EMPTY: readonly Exchange[] = []

export function useExchanges(log: ExchangeLog): readonly Exchange[] {
  return useSyncExternalStore(
    (cb) => log.subscribe(cb),
    () => log.all(),
    () => EMPTY,
  )
}

/** Typing somewhere (a field, the terminal) must never step the inspector. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el?.closest?.('input, textarea, select, [contenteditable="true"], .xterm')
}

/**
 * Presenter mode: one key steps through the exchanges, for a clicker or a single hand on the keyboard.
 * N, →, PageDown: newer. P, ←, PageUp: older.
 */
export function usePresenterKeys(enabled: boolean, step: (delta: number) => void) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return
      const delta = { n: 1, N: 1, ArrowRight: 1, PageDown: 1, p: -1, P: -1, ArrowLeft: -1, PageUp: -1 }[e.key]
      if (!delta) return
      // Arrow keys keep their own meaning on splitters, tabs and other widgets.
      if (
        e.key.startsWith('Arrow') &&
        (e.target as HTMLElement | null)?.closest?.('[role=separator], [role=tab], summary, button')
      )
        return
      e.preventDefault()
      step(delta)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled, step])
}
