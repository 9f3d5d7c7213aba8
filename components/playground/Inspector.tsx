'use client'

import { useCallback, useEffect, useState } from 'react'
import type { DecisionLog } from '@/lib/inspector/decision-log'
import type { ExchangeLog } from '@/lib/inspector/exchange'
import { usePresenter } from '@/components/layout/use-browser-state'
import { EncryptionOnly } from './inspector/EncryptionOnly'
import { ExchangeDiff } from './inspector/ExchangeDiff'
import { ExchangeRow } from './inspector/ExchangeRow'
import { useExchanges, usePresenterKeys } from './inspector/use-exchanges'

const CLOSED = -1
const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs disabled:opacity-50'

/** Every HTTP exchange between the SDK and the emulator, newest last, encryption headers highlighted and explained. */
export function Inspector({
  log,
  policies,
  className = '',
  encryptionFirst = false,
}: {
  log: ExchangeLog
  policies?: DecisionLog
  className?: string
  /** Open on the encryption-only view in presenter mode (a lesson's inspector). */
  encryptionFirst?: boolean
}) {
  const exchanges = useExchanges(log)
  const presenter = usePresenter()
  const [openId, setOpenId] = useState<number | 'latest'>('latest')
  const [comparing, setComparing] = useState(false)
  // A lesson in presenter mode opens on the encryption-only view; the button switches either way.
  const [encryptionChoice, setEncryptionOnly] = useState<boolean>()
  const encryptionOnly = encryptionChoice ?? (presenter && encryptionFirst)
  const latest = exchanges.at(-1)?.id
  const currentId = openId === 'latest' ? latest : openId
  const index = exchanges.findIndex((e) => e.id === currentId)

  // Stepping onto the newest exchange follows new ones again, as a live view should.
  const step = useCallback(
    (delta: number) => {
      const all = log.all()
      if (all.length === 0) return
      setOpenId((prev) => {
        const at = all.findIndex((e) => e.id === (prev === 'latest' ? all.at(-1)!.id : prev))
        const to = Math.min(all.length - 1, Math.max(0, (at < 0 ? all.length - 1 : at) + delta))
        return to === all.length - 1 ? 'latest' : all[to]!.id
      })
    },
    [log],
  )
  usePresenterKeys(presenter && !comparing && !encryptionOnly, step)
  useEffect(() => {
    if (currentId !== undefined) document.getElementById(`exchange-${currentId}`)?.scrollIntoView({ block: 'nearest' })
  }, [currentId])

  return (
    <section aria-label="Request inspector" className={`flex min-h-0 flex-col ${className}`}>
      <div className="flex flex-wrap items-center gap-2 border-b border-[var(--border)] px-2 py-1">
        <h2 className="text-sm font-semibold">Inspector</h2>
        <span className="text-xs text-[var(--muted)]" aria-live="polite" data-testid="inspector-position">
          {index >= 0 ? `${index + 1} of ${exchanges.length}` : `${exchanges.length} requests`}
        </span>
        <span className="ml-auto flex flex-wrap items-center gap-1">
          {presenter && !encryptionOnly && <span className="text-xs text-[var(--muted)]">Step with P / N</span>}
          <button
            type="button"
            className={button}
            onClick={() => step(-1)}
            disabled={comparing || encryptionOnly || index <= 0}
            aria-label="Show the older request"
            aria-keyshortcuts={presenter ? 'P' : undefined}
          >
            ◀ Older
          </button>
          <button
            type="button"
            className={button}
            onClick={() => step(1)}
            disabled={comparing || encryptionOnly || index === exchanges.length - 1}
            aria-label="Show the newer request"
            aria-keyshortcuts={presenter ? 'N' : undefined}
          >
            Newer ▶
          </button>
          <button
            type="button"
            className={button}
            aria-pressed={encryptionOnly}
            onClick={() => setEncryptionOnly(!encryptionOnly)}
            title="Only the encryption headers and KMS calls of the last two requests, before and after"
          >
            Encryption only
          </button>
          <button type="button" className={button} aria-pressed={comparing} onClick={() => setComparing(!comparing)}>
            Compare
          </button>
          <button type="button" className={button} onClick={() => log.clear()}>
            Clear
          </button>
        </span>
      </div>
      {comparing ? (
        <ExchangeDiff exchanges={exchanges} />
      ) : encryptionOnly ? (
        <EncryptionOnly exchanges={exchanges} />
      ) : exchanges.length === 0 ? (
        <p className="p-2 text-sm text-[var(--muted)]">Run a command: every HTTP request and response shows up here.</p>
      ) : (
        <ol className="min-h-0 flex-1 overflow-auto">
          {exchanges.map((e) => (
            <ExchangeRow
              key={e.id}
              exchange={e}
              policy={policies?.byRequest(e.requestId)}
              open={e.id === currentId}
              current={presenter && e.id === currentId}
              onToggle={() => setOpenId(e.id === currentId ? CLOSED : e.id)}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
