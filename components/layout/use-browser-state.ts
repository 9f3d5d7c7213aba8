'use client'
/** Small browser stores read through useSyncExternalStore, so the static HTML renders the default and hydration never mismatches. */
import { useCallback, useSyncExternalStore } from 'react'

const noop = () => () => {}

/** Whether a media query matches (false while rendering on the server). */
export function useMediaQuery(query: string, serverValue = true): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = matchMedia(query)
      mq.addEventListener('change', cb)
      return () => mq.removeEventListener('change', cb)
    },
    () => matchMedia(query).matches,
    () => serverValue,
  )
}

const changed = new Set<() => void>()

function readNumber(key: string, fallback: number): number {
  try {
    const raw = localStorage.getItem(key)
    const n = raw === null ? NaN : Number(raw)
    return Number.isFinite(n) ? n : fallback
  } catch {
    return fallback
  }
}

/** A number remembered in localStorage (pane sizes), shared by every component that reads the same key. */
export function useStoredNumber(key: string, fallback: number): [number, (n: number) => void] {
  const value = useSyncExternalStore(
    (cb) => {
      changed.add(cb)
      return () => changed.delete(cb)
    },
    () => readNumber(key, fallback),
    () => fallback,
  )
  const set = useCallback(
    (n: number) => {
      try {
        localStorage.setItem(key, String(n))
      } catch {
        // Private mode: the size still changes, it is just not remembered.
      }
      for (const cb of changed) cb()
    },
    [key],
  )
  return [value, set]
}

/** Whether presenter mode (html.presenter) is on. */
export function usePresenter(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('display-change', cb)
      return () => window.removeEventListener('display-change', cb)
    },
    () => document.documentElement.classList.contains('presenter'),
    () => false,
  )
}

export const useHydrated = () =>
  useSyncExternalStore(
    noop,
    () => true,
    () => false,
  )
