'use client'

import type { PolicyEntry } from '@/lib/inspector/decision-log'
import type { Exchange } from '@/lib/inspector/exchange'
import { PolicyDecisionView } from '../panels/PolicyDecisionView'
import { BodyView } from './BodyView'
import { HeaderTable } from './HeaderTable'
import { CorsVisibility } from './CorsVisibility'
import { TraceView } from './TraceView'

// -700 shades keep 4.5:1 contrast on white; -300 on the dark background.
const statusColour = (s: number) =>
  s < 300
    ? 'text-green-700 dark:text-green-300'
    : s < 500
      ? 'text-amber-700 dark:text-amber-300'
      : 'text-red-700 dark:text-red-300'

export const headerValue = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name)?.[1]

/** One exchange: a summary line that opens to every header and the bodies. */
export function ExchangeRow({
  exchange,
  policy,
  open,
  current,
  onToggle,
}: {
  exchange: Exchange
  policy?: PolicyEntry | undefined
  open: boolean
  current: boolean
  onToggle: () => void
}) {
  const url = new URL(exchange.url)
  const sse =
    headerValue(exchange.responseHeaders, 'x-amz-server-side-encryption') ??
    (headerValue(exchange.responseHeaders, 'x-amz-server-side-encryption-customer-algorithm') ? 'SSE-C' : undefined)
  const target = headerValue(exchange.requestHeaders, 'x-amz-target')
  return (
    <li
      id={`exchange-${exchange.id}`}
      className={`border-b border-[var(--border)] ${current ? 'border-l-4 border-l-[var(--accent)]' : ''}`}
      data-testid="exchange"
      data-current={current || undefined}
    >
      {/* The accordion pattern: each summary is a heading holding its button, so headings navigate the list. */}
      <h3 className="font-normal">
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={open}
          className="flex w-full items-baseline gap-2 px-2 py-1 text-left font-mono text-xs hover:bg-[var(--panel)]"
        >
          <span className="w-6 shrink-0 text-right text-[var(--muted)]">{exchange.id}</span>
          <span className="w-12 shrink-0 font-semibold">{exchange.method}</span>
          <span className={`w-8 shrink-0 ${statusColour(exchange.status)}`}>{exchange.status}</span>
          <span className="truncate">
            {target ? `${url.host} ${target.replace(/^TrentService\./, 'kms:')}` : url.pathname + url.search}
          </span>
          <span className="ml-auto shrink-0 text-[var(--muted)]">{exchange.operation}</span>
          {sse && <span className="shrink-0 rounded bg-[var(--sse)] px-1 text-[var(--sse-fg)]">{sse}</span>}
          {exchange.target && (
            <span
              className="shrink-0 rounded border border-amber-700 px-1 text-amber-800 dark:border-amber-300 dark:text-amber-200"
              title={exchange.target}
            >
              {exchange.blocked ? 'real · no answer' : 'real'}
            </span>
          )}
        </button>
      </h3>
      {open && (
        <div className="px-2 pb-2">
          <p className="font-mono text-xs text-[var(--muted)]">
            {exchange.target ? `real target: ${exchange.target} · ` : ''}
            {url.host} · {exchange.ms.toFixed(1)} ms · request id {exchange.requestId ?? '—'}
          </p>
          {policy && (
            <div className="mt-1 rounded border border-[var(--border)] p-1">
              <h4 className="text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">Bucket policy</h4>
              <PolicyDecisionView entry={policy} />
            </div>
          )}
          {exchange.trace && <TraceView steps={exchange.trace} />}
          <HeaderTable title="Request headers" headers={exchange.requestHeaders} />
          {exchange.requestBody && (
            <BodyView
              label="Request body"
              text={exchange.requestBody}
              contentType={headerValue(exchange.requestHeaders, 'content-type')}
            />
          )}
          <HeaderTable
            title={exchange.target ? 'Response headers the page could read' : 'Response headers'}
            headers={exchange.responseHeaders}
          />
          <CorsVisibility exchange={exchange} />
          {exchange.responseBody && (
            <BodyView
              label="Response body"
              text={exchange.responseBody}
              contentType={headerValue(exchange.responseHeaders, 'content-type')}
            />
          )}
        </div>
      )}
    </li>
  )
}
