'use client'

import { Component, type ReactNode } from 'react'

interface State {
  error?: Error
}

/**
 * If a panel ever throws while rendering, say so and offer a way out, instead of React's blank page.
 * Resetting deletes the saved state, the most likely cause of a failure that survives a reload.
 */
export class PlaygroundErrorBoundary extends Component<{ children: ReactNode; onReset: () => Promise<void> }, State> {
  override state: State = {}

  static getDerivedStateFromError(error: Error): State {
    return { error }
  }

  override render() {
    if (!this.state.error) return this.props.children
    const button = 'rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm font-semibold'
    return (
      <div role="alert" className="rounded border-2 border-red-700 bg-[var(--panel)] p-4 text-sm dark:border-red-300">
        <p className="font-semibold">
          The playground hit a problem it could not recover from: {this.state.error.message}
        </p>
        <p className="mt-1">
          Reloading usually helps. If it keeps happening, reset the playground: your saved buckets, keys, files and
          history are deleted.
        </p>
        <div className="mt-2 flex gap-2">
          <button type="button" className={button} onClick={() => location.reload()}>
            Reload
          </button>
          <button
            type="button"
            className={button}
            onClick={() => void this.props.onReset().then(() => location.reload())}
          >
            Reset and reload
          </button>
        </div>
      </div>
    )
  }
}
