'use client'

import { useSyncExternalStore } from 'react'
import type { Persistence, SaveStatus } from './persistence'

export function useSaveStatus(persistence: Persistence): SaveStatus {
  return useSyncExternalStore(persistence.subscribe, persistence.get, persistence.get)
}
