'use client'

import { useSyncExternalStore } from 'react'
import { currentTarget, type TargetConfig } from '@/lib/sdk/target-config'

/** The page's current target, re-rendering on every switch (from the form or from `playground target`). */
export function useTarget(): TargetConfig {
  return useSyncExternalStore(
    (listener) => currentTarget.subscribe(listener),
    () => currentTarget.get(),
    () => currentTarget.get(),
  )
}
