'use client'

import type { Exchange } from '@/lib/inspector/exchange'
import { compareEncryption } from '@/lib/inspector/encryption-only'

const SIDES = { request: '→ request', response: '← response', kms: 'KMS' } as const

/** Just what changed for encryption between the last two exchanges: SSE headers both ways and KMS calls. */
export function EncryptionOnly({ exchanges }: { exchanges: readonly Exchange[] }) {
  const view = compareEncryption(exchanges)
  if (!view)
    return (
      <p className="p-2 text-sm text-[var(--muted)]">
        Run a command: its encryption headers and KMS calls show up here.
      </p>
    )
  return (
    <div className="min-h-0 flex-1 overflow-auto p-2" data-testid="encryption-only">
      <table className="w-full table-fixed border-collapse text-sm">
        <caption className="sr-only">Encryption headers and KMS calls of the last two requests</caption>
        <thead>
          <tr className="text-left align-bottom">
            <th scope="col" className="w-[34%] pb-1 pr-2 text-xs font-semibold text-[var(--muted)]">
              Header
            </th>
            <th scope="col" className="w-[28%] pb-1 pr-2 text-xs font-normal text-[var(--muted)]">
              Before{view.before ? `: ${view.before.title}` : ''}
            </th>
            <th scope="col" className="pb-1 text-xs font-semibold" data-testid="encryption-latest">
              Latest: {view.after.title}
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.length === 0 && (
            <tr>
              <td colSpan={3} className="py-1 text-[var(--muted)]">
                No encryption header and no KMS call in either request.
              </td>
            </tr>
          )}
          {view.rows.map((r) => (
            <tr
              key={`${r.side}:${r.name}`}
              className={`border-t border-[var(--border)] align-top ${r.changed ? 'bg-[var(--sse)] text-[var(--sse-fg)]' : ''}`}
              data-changed={r.changed}
            >
              <th scope="row" className="break-all py-1 pr-2 text-left font-mono text-xs font-normal">
                <span className="block text-[0.7rem] uppercase tracking-wide opacity-80">{SIDES[r.side]}</span>
                {r.name}
              </th>
              <td className="break-all py-1 pr-2 font-mono text-xs opacity-80">{r.before ?? '—'}</td>
              <td className="break-all py-1 font-mono text-xs font-semibold">
                {r.after ?? '—'}
                {r.changed && <span className="sr-only"> (changed)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
