'use client'

import { Inspector } from './Inspector'
import { Terminal } from './Terminal'
import { usePlayground } from './PlaygroundProvider'

/** Terminal above the inspector; waits for the emulator's service worker before anything can run. */
export function PlaygroundPanel({ className = '' }: { className?: string }) {
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
          It needs a service worker, which browsers allow only on https:// or on localhost. Open the site through one of those, and
          make sure service workers are not blocked (private windows sometimes block them).
        </p>
      </div>
    )
  }
  return (
    <div className={`flex min-h-0 flex-col gap-2 ${className}`} data-testid="playground" data-ready="true">
      <Terminal runtime={status.runtime} className="h-[45vh] min-h-64 shrink-0 overflow-hidden rounded border border-[var(--border)]" />
      <Inspector log={status.runtime.log} className="min-h-48 flex-1 rounded border border-[var(--border)]" />
    </div>
  )
}
