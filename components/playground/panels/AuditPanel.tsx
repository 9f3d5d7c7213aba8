'use client'

import { useId, useState } from 'react'
import { auditFacets, auditRows, filterAudit, type AuditRow } from '@/lib/inspector/audit-view'
import { keysView, keyLabel } from '@/lib/inspector/keys-view'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { useEmulatorVersion } from '../use-emulator'

function EventRow({ row, label }: { row: AuditRow; label: (arn: string) => string }) {
  return (
    <li className="border-b border-[var(--border)]" data-testid="audit-event">
      <details>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-2 px-2 py-1 text-xs">
          <span className="font-mono text-[var(--muted)]">{row.time.slice(11, 19)}</span>
          <span className="font-semibold">{row.eventName}</span>
          <span>{row.keyArns.map(label).join(', ')}</span>
          <span
            className={
              row.actor === 'S3 for you'
                ? 'rounded bg-blue-100 px-1 text-blue-900 dark:bg-blue-900 dark:text-blue-100'
                : 'text-[var(--muted)]'
            }
          >
            {row.actor}
          </span>
          {row.error && <span className="font-semibold text-red-700 dark:text-red-300">{row.error}</span>}
        </summary>
        {row.context && (
          <p className="break-all px-2 font-mono text-xs">
            encryption context:{' '}
            {Object.entries(row.context)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}
          </p>
        )}
        <pre tabIndex={0} className="max-h-64 overflow-auto bg-[var(--panel)] p-2 text-xs">
          {JSON.stringify(row.record, null, 2)}
        </pre>
      </details>
    </li>
  )
}

/** CloudTrail's record of every KMS call, yours and those S3 made for you, filterable by key and by event. */
export function AuditPanel({ emulator }: { emulator: Emulator }) {
  useEmulatorVersion(emulator)
  const [keyArn, setKeyArn] = useState('')
  const [eventName, setEventName] = useState('')
  const id = useId()
  const rows = auditRows(emulator.cloudtrail)
  const keys = keysView(emulator.kms.state, emulator.cloudtrail, emulator.clock.now())
  const label = (arn: string) => keyLabel(arn, keys)
  const facets = auditFacets(rows)
  const shown = filterAudit(rows, { keyArn, eventName })
  return (
    <div className="flex min-h-0 flex-col" data-testid="audit-panel">
      <div className="flex flex-wrap items-center gap-2 p-2 text-xs">
        <label htmlFor={`${id}-key`}>Key</label>
        <select
          id={`${id}-key`}
          value={keyArn}
          onChange={(e) => setKeyArn(e.target.value)}
          className="max-w-48 rounded border border-[var(--border)] bg-[var(--bg)] p-1"
        >
          <option value="">All keys</option>
          {facets.keyArns.map((arn) => (
            <option key={arn} value={arn}>
              {label(arn)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-event`}>Event</label>
        <select
          id={`${id}-event`}
          value={eventName}
          onChange={(e) => setEventName(e.target.value)}
          className="rounded border border-[var(--border)] bg-[var(--bg)] p-1"
        >
          <option value="">All events</option>
          {facets.eventNames.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <span className="text-[var(--muted)]" aria-live="polite">
          {shown.length} of {rows.length} events
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="p-2 text-sm text-[var(--muted)]">
          No KMS calls yet. Every call S3 makes to KMS for you will show up here.
        </p>
      ) : (
        <ol className="min-h-0 flex-1">
          {shown.map((r) => (
            <EventRow key={r.id} row={r} label={label} />
          ))}
        </ol>
      )}
    </div>
  )
}
