'use client'
/** Re-render on every request the emulator answers: the side panels read its state directly. */
import { useSyncExternalStore } from 'react'
import type { Emulator } from '@/lib/emulator/create-emulator'

const versions = new WeakMap<Emulator, number>()

export function useEmulatorVersion(emulator: Emulator): number {
  return useSyncExternalStore(
    (cb) =>
      emulator.events.subscribe(() => {
        versions.set(emulator, (versions.get(emulator) ?? 0) + 1)
        cb()
      }),
    () => versions.get(emulator) ?? 0,
    () => 0,
  )
}
