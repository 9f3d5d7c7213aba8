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
  /** How many commands were sent with typeCommand (▶ Run): a docked terminal opens to show them. */
  typed: number
}

const PlaygroundContext = createContext<PlaygroundApi | undefined>(undefined)

export function usePlayground(): PlaygroundApi {
  const api = useContext(PlaygroundContext)
  if (!api) throw new Error('usePlayground must be used inside <PlaygroundProvider>')
  return api
}

export const useOptionalPlayground = () => useContext(PlaygroundContext)

const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'focusin'] as const
export const PLAYGROUND_SLOT = '[data-playground-slot]'

/**
 * Runs `start` at the learner's first input, or once the page has loaded and the playground is on screen,
 * whichever is first: on a phone the playground sits below the lesson and starts when scrolled to; beside
 * the lesson it starts once the page has loaded. Starting the emulator (a megabyte of script to compile)
 * while the page is still settling would make the lesson slow to appear and to respond.
 */
function whenReady(start: () => void, slot: string): () => void {
  let done = false
  let observer: IntersectionObserver | undefined
  const go = () => {
    if (done) return
    done = true
    cleanup()
    start()
  }
  const onLoad = () => {
    const el = document.querySelector(slot)
    if (!el || typeof IntersectionObserver === 'undefined') return go()
    observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go())
    observer.observe(el)
  }
  const cleanup = () => {
    for (const e of INPUT_EVENTS) document.removeEventListener(e, go, true)
    window.removeEventListener('load', onLoad)
    observer?.disconnect()
  }
  for (const e of INPUT_EVENTS) document.addEventListener(e, go, { capture: true, passive: true })
  if (document.readyState === 'complete') onLoad()
  else window.addEventListener('load', onLoad)
  return () => {
    done = true
    cleanup()
  }
}

/** `deferStart` (lessons): start the playground at the first input, or after load once it is on screen (PLAYGROUND_SLOT). */
export function PlaygroundProvider({ children, deferStart = false }: { children: ReactNode; deferStart?: boolean }) {
  const [status, setStatus] = useState<Status>({ state: 'starting' })
  const typist = useRef<((command: string) => void) | undefined>(undefined)
  const pending = useRef<string[]>([])
  const [typed, setTyped] = useState(0)

  useEffect(() => {
    let live = true
    // Loaded on demand: the emulator, the SDK and the CLI stay out of the page's first load.
    const start = () =>
      void import('./runtime')
        .then((m) => m.getRuntime())
        .then(
          (runtime) => live && setStatus({ state: 'ready', runtime }),
          (error: unknown) =>
            live && setStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
        )
    const cancel = deferStart ? whenReady(start, PLAYGROUND_SLOT) : (start(), () => {})
    return () => {
      live = false
      cancel()
    }
  }, [deferStart])

  const registerTypist = useCallback((t: ((command: string) => void) | undefined) => {
    typist.current = t
    if (t) for (const c of pending.current.splice(0)) t(c)
  }, [])

  const typeCommand = useCallback((command: string) => {
    setTyped((n) => n + 1)
    if (typist.current) typist.current(command)
    else pending.current.push(command)
  }, [])

  return (
    <PlaygroundContext.Provider value={{ status, typeCommand, registerTypist, typed }}>
      {children}
    </PlaygroundContext.Provider>
  )
}
