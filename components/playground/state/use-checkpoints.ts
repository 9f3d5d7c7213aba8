'use client'

import { useCallback, useEffect, useState } from 'react'
import type { CheckpointMeta, Checkpoints } from '@/lib/state/checkpoints'

/** The checkpoint list, re-read whenever one is saved or deleted. */
export function useCheckpointList(checkpoints: Checkpoints): {
  list: CheckpointMeta[] | undefined
  error: string | undefined
  reload: () => void
} {
  const [list, setList] = useState<CheckpointMeta[]>()
  const [error, setError] = useState<string>()
  const reload = useCallback(() => {
    checkpoints.list().then(
      (l) => {
        setList(l)
        setError(undefined)
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    )
  }, [checkpoints])
  useEffect(() => {
    reload()
    return checkpoints.subscribe(reload)
  }, [checkpoints, reload])
  return { list, error, reload }
}
