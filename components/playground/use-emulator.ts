'use client'
/**
 * Re-render on every request the emulator answers, and after every terminal command: the side panels read
 * its state directly, and a few changes (the playground's clock control) answer without a request event.
 */
import { useSyncExternalStore } from 'react'
import type { Emulator } from '@/lib/emulator/create-emulator'

const versions = new WeakMap<Emulator, number>()
const listeners = new WeakMap<Emulator, Set<() => void>>()

/** Tells every panel reading `emulator` to look again. */
export function emulatorChanged(emulator: Emulator): void {
  versions.set(emulator, (versions.get(emulator) ?? 0) + 1)
  for (const cb of listeners.get(emulator) ?? []) cb()
}

function subscribe(emulator: Emulator, cb: () => void): () => void {
  if (!listeners.has(emulator)) {
    listeners.set(emulator, new Set())
    emulator.events.subscribe(() => emulatorChanged(emulator))
  }
  listeners.get(emulator)!.add(cb)
  return () => listeners.get(emulator)!.delete(cb)
}

export function useEmulatorVersion(emulator: Emulator): number {
  return useSyncExternalStore(
    (cb) => subscribe(emulator, cb),
    () => versions.get(emulator) ?? 0,
    () => 0,
  )
}
