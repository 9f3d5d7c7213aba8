'use client'

import { lazy, Suspense } from 'react'
import { usePlayground } from './PlaygroundProvider'

const PlaygroundReady = lazy(() => import('./PlaygroundReady'))

/** The playground, once the emulator's service worker runs: the full workspace, or a lesson's narrower one. */
export function PlaygroundPanel({
  className = '',
  layout = 'lesson',
  lesson,
}: {
  className?: string
  layout?: 'lesson' | 'workspace'
  lesson?: { slug: string; title: string }
}) {
  const { status } = usePlayground()
  if (status.state === 'starting') {
    return (
      <div className={`flex items-center justify-center bg-[var(--panel)] p-6 text-sm ${className}`} role="status">
        Starting the S3 emulator in your browser…
      </div>
    )
  }
  if (status.state === 'error') {
    return (
      <div className={`bg-[var(--panel)] p-6 text-sm ${className}`} role="alert">
        <p className="font-semibold">The in-browser emulator could not start.</p>
        <p className="mt-2">{status.message}</p>
        <p className="mt-2">
          It needs a service worker, which browsers allow only on https:// or on localhost. Open the site through one of
          those, and make sure service workers are not blocked (private windows sometimes block them).
        </p>
      </div>
    )
  }
  return (
    <Suspense
      fallback={
        <div className={`flex items-center justify-center bg-[var(--panel)] p-6 text-sm ${className}`} role="status">
          Opening the terminal…
        </div>
      }
    >
      <PlaygroundReady runtime={status.runtime} className={className} layout={layout} {...(lesson ? { lesson } : {})} />
    </Suspense>
  )
}
