'use client'

import { useState, useSyncExternalStore } from 'react'
import type { Exchange, ExchangeLog } from '@/lib/inspector/exchange'
import { headerInfo, isEncryptionHeader } from '@/lib/inspector/encryption-headers'

const EMPTY: readonly Exchange[] = []

function useExchanges(log: ExchangeLog): readonly Exchange[] {
  return useSyncExternalStore(
    (cb) => log.subscribe(cb),
    () => log.all(),
    () => EMPTY,
  )
}

function HeaderTable({ title, headers }: { title: string; headers: [string, string][] }) {
  return (
    <div>
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">{title}</h4>
      <table className="w-full table-fixed font-mono text-xs">
        <tbody>
          {headers.map(([name, value], i) => {
            const sse = isEncryptionHeader(name)
            const info = headerInfo(name)
            return (
              <tr
                key={`${name}-${i}`}
                className={sse ? 'bg-[var(--sse)] font-semibold text-[var(--sse-fg)]' : ''}
                data-encryption-header={sse ? 'true' : undefined}
                title={info ? `${info.meaning}${info.values ? `\nValues: ${info.values}` : ''}` : undefined}
              >
                <td className="w-2/5 break-all py-0.5 pr-2 align-top">{name}</td>
                <td className="break-all py-0.5 align-top">{value}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

const statusColour = (s: number) => (s < 300 ? 'text-green-600 dark:text-green-400' : s < 500 ? 'text-amber-600 dark:text-amber-400' : 'text-red-600 dark:text-red-400')

function ExchangeRow({ exchange, open, onToggle }: { exchange: Exchange; open: boolean; onToggle: () => void }) {
  const url = new URL(exchange.url)
  const sse = exchange.responseHeaders.find(([k]) => k.toLowerCase() === 'x-amz-server-side-encryption')?.[1]
  return (
    <li className="border-b border-[var(--border)]" data-testid="exchange">
      <button type="button" onClick={onToggle} aria-expanded={open} className="flex w-full items-baseline gap-2 px-2 py-1 text-left font-mono text-xs hover:bg-[var(--panel)]">
        <span className="w-12 shrink-0 font-semibold">{exchange.method}</span>
        <span className={`w-8 shrink-0 ${statusColour(exchange.status)}`}>{exchange.status}</span>
        <span className="truncate">{url.pathname + url.search}</span>
        <span className="ml-auto shrink-0 text-[var(--muted)]">{exchange.operation}</span>
        {sse && <span className="shrink-0 rounded bg-[var(--sse)] px-1 text-[var(--sse-fg)]">{sse}</span>}
      </button>
      {open && (
        <div className="px-2 pb-2">
          <p className="font-mono text-xs text-[var(--muted)]">
            {url.host} · {exchange.ms.toFixed(1)} ms · request id {exchange.requestId ?? '—'}
          </p>
          <HeaderTable title="Request headers" headers={exchange.requestHeaders} />
          {exchange.requestBody && <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap bg-[var(--panel)] p-1 text-xs">{exchange.requestBody}</pre>}
          <HeaderTable title="Response headers" headers={exchange.responseHeaders} />
          {exchange.responseBody && <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap bg-[var(--panel)] p-1 text-xs">{exchange.responseBody}</pre>}
        </div>
      )}
    </li>
  )
}

/** Every HTTP exchange between the SDK and the emulator, newest last, encryption headers highlighted. */
export function Inspector({ log, className = '' }: { log: ExchangeLog; className?: string }) {
  const exchanges = useExchanges(log)
  const [openId, setOpenId] = useState<number | 'latest'>('latest')
  const latest = exchanges.at(-1)?.id
  return (
    <section aria-label="Request inspector" className={`flex min-h-0 flex-col ${className}`}>
      <div className="flex items-center gap-2 border-b border-[var(--border)] px-2 py-1">
        <h3 className="text-sm font-semibold">Inspector</h3>
        <span className="text-xs text-[var(--muted)]">{exchanges.length} requests</span>
        <button type="button" className="ml-auto text-xs underline" onClick={() => log.clear()}>
          Clear
        </button>
      </div>
      {exchanges.length === 0 ? (
        <p className="p-2 text-sm text-[var(--muted)]">Run a command: every HTTP request and response shows up here.</p>
      ) : (
        <ol className="min-h-0 flex-1 overflow-auto">
          {exchanges.map((e) => (
            <ExchangeRow
              key={e.id}
              exchange={e}
              open={openId === e.id || (openId === 'latest' && e.id === latest)}
              onToggle={() => setOpenId(openId === e.id || (openId === 'latest' && e.id === latest) ? -1 : e.id)}
            />
          ))}
        </ol>
      )}
    </section>
  )
}
