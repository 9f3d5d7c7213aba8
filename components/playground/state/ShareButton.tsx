'use client'

import { useId, useRef, useState } from 'react'
import { captureScenario } from '@/lib/state/scenario'
import { LONG_LINK, MAX_LINK, shareLink } from '@/lib/state/share-link'
import type { Runtime } from '../runtime'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'

interface Made {
  link: string
  copied: boolean
  notShared: string[]
}

/**
 * Share: the playground as a link (buckets, keys, objects, files, history; never a key or a secret),
 * copied to the clipboard, with its length and what it leaves out.
 */
export function ShareButton({ runtime }: { runtime: Runtime }) {
  const [open, setOpen] = useState(false)
  const [made, setMade] = useState<Made>()
  const [error, setError] = useState<string>()
  const field = useRef<HTMLInputElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const id = useId()

  const share = async () => {
    setOpen(true)
    setMade(undefined)
    setError(undefined)
    try {
      const scenario = await captureScenario(runtime.emulator, runtime.session.shell)
      const link = await shareLink(location.origin + location.pathname, scenario)
      let copied = false
      if (link.length <= MAX_LINK) {
        try {
          await navigator.clipboard.writeText(link)
          copied = true
        } catch {
          // No clipboard permission: the field below holds the link, selected, for Ctrl+C.
        }
      }
      setMade({ link, copied, notShared: scenario.notShared })
      requestAnimationFrame(() => field.current?.select())
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  const close = () => {
    setOpen(false)
    toggle.current?.focus()
  }

  const length = made?.link.length ?? 0
  return (
    <span className="relative">
      <button
        ref={toggle}
        type="button"
        className={button}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => (open ? close() : void share())}
      >
        Share
      </button>
      {open && (
        <div
          id={id}
          role="region"
          aria-label="Share link"
          data-testid="share"
          className="absolute right-0 z-20 mt-1 w-[min(32rem,90vw)] rounded border border-[var(--border)] bg-[var(--bg)] p-2 text-sm shadow-lg"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              close()
            }
          }}
        >
          {!made && !error && <p role="status">Making the link…</p>}
          {error && <p role="alert">The link could not be made: {error}</p>}
          {made && (
            <>
              <label className="block text-xs font-semibold" htmlFor={`${id}-link`}>
                Link to this playground
              </label>
              <input
                ref={field}
                id={`${id}-link`}
                readOnly
                value={made.link}
                data-testid="share-link"
                className="w-full rounded border border-[var(--border)] bg-[var(--panel)] px-1 font-mono text-xs"
              />
              <p role="status" className="mt-1 text-xs" data-testid="share-length" data-length={length}>
                {made.copied ? 'Copied to the clipboard. ' : 'Select the link and copy it (Ctrl+C). '}
                {length.toLocaleString('en-GB')} characters.
              </p>
              {length > MAX_LINK ? (
                <p role="alert" className="mt-1 text-xs font-semibold text-red-700 dark:text-red-300">
                  Too long for a browser to open (over 2 million characters). Remove large files or objects, or use
                  Export instead.
                </p>
              ) : (
                length > LONG_LINK && (
                  <p className="mt-1 text-xs font-semibold text-amber-800 dark:text-amber-200" data-testid="share-long">
                    A long link: some chat and mail tools cut links this long. Export a file instead if it does not
                    arrive whole.
                  </p>
                )
              )}
              <p className="mt-1 text-xs text-[var(--muted)]">
                The link holds buckets with their settings, KMS keys with aliases, policies and rotation, objects with
                their encryption and small contents, files and history. It never holds key material, an SSE-C key or an
                AWS secret: whoever opens it gets fresh keys.
              </p>
              {made.notShared.length > 0 && (
                <details className="mt-1 text-xs" data-testid="share-not-shared">
                  <summary>Not in the link ({made.notShared.length})</summary>
                  <ul className="list-disc pl-4">
                    {made.notShared.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </div>
      )}
    </span>
  )
}
