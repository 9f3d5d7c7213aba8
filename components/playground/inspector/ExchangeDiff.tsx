'use client'

import { useId, useState } from 'react'
import { diffHeaders, diffLines, PER_REQUEST_HEADERS, type DiffRow } from '@/lib/inspector/diff'
import type { Exchange } from '@/lib/inspector/exchange'
import { prettyBody } from '@/lib/inspector/pretty'
import { headerValue } from './ExchangeRow'

const MARK: Record<DiffRow['change'], [string, string]> = {
  same: ['', ''],
  changed: ['~', 'bg-amber-100 dark:bg-amber-950'],
  added: ['+', 'bg-green-100 dark:bg-green-950'],
  removed: ['−', 'bg-red-100 dark:bg-red-950'],
}

function DiffTable({ title, rows, names }: { title: string; rows: DiffRow[]; names: boolean }) {
  if (rows.length === 0) return null
  return (
    <table className="mt-2 w-full table-fixed font-mono text-xs" data-testid="diff-table">
      <caption className="text-left font-sans font-semibold uppercase tracking-wide text-[var(--muted)]">
        {title}
      </caption>
      <colgroup>
        <col className="w-5" />
        {names && <col className="w-1/4" />}
        <col />
        <col />
      </colgroup>
      <thead className="sr-only">
        <tr>
          <th scope="col">Change</th>
          {names && <th scope="col">Header</th>}
          <th scope="col">A</th>
          <th scope="col">B</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={MARK[r.change][1]} data-change={r.change}>
            <td className="align-top" title={r.change}>
              {MARK[r.change][0]}
            </td>
            {names && (
              <th scope="row" className="break-all pr-2 text-left align-top font-normal">
                {r.name}
              </th>
            )}
            <td className="break-all pr-2 align-top whitespace-pre-wrap">{r.a ?? ''}</td>
            <td className="break-all align-top whitespace-pre-wrap">{r.b ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const describe = (e: Exchange) => `#${e.id} ${e.method} ${e.status} ${e.operation ?? new URL(e.url).pathname}`
const summary = (e: Exchange): [string, string][] => [
  ['request', `${e.method} ${e.url}`],
  ['status', String(e.status)],
  ['operation', e.operation ?? '—'],
]
const body = (text: string | undefined, headers: [string, string][]) =>
  text ? prettyBody(text, headerValue(headers, 'content-type')) : ''

/** Any two exchanges side by side: what changed in the request line, the headers and the bodies. */
export function ExchangeDiff({ exchanges }: { exchanges: readonly Exchange[] }) {
  const id = useId()
  const [pick, setPick] = useState<[number | undefined, number | undefined]>([undefined, undefined])
  const [onlyChanges, setOnlyChanges] = useState(true)
  const [hideNoise, setHideNoise] = useState(true)
  const shown = (rows: DiffRow[]) =>
    rows.filter(
      (r) => !(onlyChanges && r.change === 'same') && !(hideNoise && r.name && PER_REQUEST_HEADERS.has(r.name)),
    )
  const a = exchanges.find((e) => e.id === pick[0]) ?? exchanges.at(-2)
  const b = exchanges.find((e) => e.id === pick[1]) ?? exchanges.at(-1)
  if (!a || !b)
    return <p className="p-2 text-sm text-[var(--muted)]">Run two commands, then compare their requests here.</p>
  const select = (side: 0 | 1, value: Exchange) => (
    <select
      id={`${id}-${side}`}
      value={value.id}
      onChange={(e) => setPick(side === 0 ? [Number(e.target.value), pick[1]] : [pick[0], Number(e.target.value)])}
      className="w-full min-w-0 rounded border border-[var(--border)] bg-[var(--bg)] p-1 font-mono text-xs"
    >
      {exchanges.map((e) => (
        <option key={e.id} value={e.id}>
          {describe(e)}
        </option>
      ))}
    </select>
  )
  return (
    <div className="min-h-0 flex-1 overflow-auto p-2" data-testid="exchange-diff">
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1 text-xs">
        <label htmlFor={`${id}-0`}>A</label>
        {select(0, a)}
        <label htmlFor={`${id}-1`}>B</label>
        {select(1, b)}
      </div>
      <div className="mt-1 flex flex-wrap gap-3 text-xs">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
          Only differences
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={hideNoise} onChange={(e) => setHideNoise(e.target.checked)} />
          Hide ids, dates, signatures
        </label>
      </div>
      <DiffTable title="Request" rows={shown(diffHeaders(summary(a), summary(b)))} names />
      <DiffTable title="Request headers" rows={shown(diffHeaders(a.requestHeaders, b.requestHeaders))} names />
      <DiffTable
        title="Request body"
        rows={shown(diffLines(body(a.requestBody, a.requestHeaders), body(b.requestBody, b.requestHeaders)))}
        names={false}
      />
      <DiffTable title="Response headers" rows={shown(diffHeaders(a.responseHeaders, b.responseHeaders))} names />
      <DiffTable
        title="Response body"
        rows={shown(diffLines(body(a.responseBody, a.responseHeaders), body(b.responseBody, b.responseHeaders)))}
        names={false}
      />
    </div>
  )
}
