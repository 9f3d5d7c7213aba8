'use client'
/**
 * The learner's progress in localStorage (no secrets in it), shared by every component on the page and
 * kept in step with other tabs through the `storage` event.
 */
import { useSyncExternalStore } from 'react'
import { emptyProgress, parseProgress, type Progress } from '@/lib/lessons/progress'

export const PROGRESS_KEY = 's3pg-progress'

const listeners = new Set<() => void>()
let cached: { raw: string | null; value: Progress } | undefined
const EMPTY = emptyProgress()

function read(): Progress {
  let raw: string | null = null
  try {
    raw = localStorage.getItem(PROGRESS_KEY)
  } catch {
    // Storage blocked (some private windows): progress lives only as long as the page.
    return cached?.value ?? EMPTY
  }
  if (cached && cached.raw === raw) return cached.value
  let value = EMPTY
  try {
    value = raw ? parseProgress(raw) : EMPTY
  } catch {
    // A damaged record is ignored rather than breaking the lesson; the next change overwrites it.
  }
  cached = { raw, value }
  return value
}

export function writeProgress(next: Progress): void {
  const raw = JSON.stringify(next)
  cached = { raw, value: next }
  try {
    localStorage.setItem(PROGRESS_KEY, raw)
  } catch {
    // See read(): keep it in memory.
  }
  for (const l of listeners) l()
}

export const updateProgress = (change: (p: Progress) => Progress) => {
  const before = read()
  const after = change(before)
  if (after !== before) writeProgress(after)
}

function subscribe(cb: () => void): () => void {
  listeners.add(cb)
  const onStorage = (e: StorageEvent) => e.key === PROGRESS_KEY && cb()
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(cb)
    window.removeEventListener('storage', onStorage)
  }
}

/** The progress; empty during server rendering and the first client render. */
export const useProgress = (): Progress => useSyncExternalStore(subscribe, read, () => EMPTY)
