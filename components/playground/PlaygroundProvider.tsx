'use client'

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import type { Runtime } from './runtime'

type Status = { state: 'starting' } | { state: 'ready'; runtime: Runtime } | { state: 'error'; message: string }

interface PlaygroundApi {
  status: Status
  /** Types a command into the terminal and runs it (queued behind anything already running). */
  typeCommand(command: string): void
  /** The terminal registers how it types. */
  registerTypist(typist: ((command: string) => void) | undefined): void
}

const PlaygroundContext = createContext<PlaygroundApi | undefined>(undefined)

export function usePlayground(): PlaygroundApi {
  const api = useContext(PlaygroundContext)
  if (!api) throw new Error('usePlayground must be used inside <PlaygroundProvider>')
  return api
}

export const useOptionalPlayground = () => useContext(PlaygroundContext)

export function PlaygroundProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>({ state: 'starting' })
  const typist = useRef<((command: string) => void) | undefined>(undefined)
  const pending = useRef<string[]>([])

  useEffect(() => {
    let live = true
    // Loaded on demand: the emulator, the SDK and the CLI stay out of the page's first load.
    import('./runtime').then((m) => m.getRuntime()).then(
      (runtime) => live && setStatus({ state: 'ready', runtime }),
      (error: unknown) => live && setStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      live = false
    }
  }, [])

  const registerTypist = useCallback((t: ((command: string) => void) | undefined) => {
    typist.current = t
    if (t) for (const c of pending.current.splice(0)) t(c)
  }, [])

  const typeCommand = useCallback((command: string) => {
    if (typist.current) typist.current(command)
    else pending.current.push(command)
  }, [])

  return <PlaygroundContext.Provider value={{ status, typeCommand, registerTypist }}>{children}</PlaygroundContext.Provider>
}
