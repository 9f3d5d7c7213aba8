'use client'

import { useSyncExternalStore } from 'react'
import type { DecisionLog, PolicyEntry } from '@/lib/inspector/decision-log'
import { prettyJson } from '@/lib/inspector/pretty'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { useEmulatorVersion } from '../use-emulator'
import { PolicyDecisionView } from './PolicyDecisionView'

const NONE: readonly PolicyEntry[] = []

/** Bucket policies as stored, and the evaluator's explanation of every request they governed, newest first. */
export function PolicyPanel({ emulator, policies }: { emulator: Emulator; policies: DecisionLog }) {
  useEmulatorVersion(emulator)
  const entries = useSyncExternalStore(
    (cb) => policies.subscribe(cb),
    () => policies.all(),
    () => NONE,
  )
  const withPolicy = [...emulator.s3.buckets.values()].filter((b) => b.policy)
  return (
    <div className="space-y-3 p-2" data-testid="policy-panel">
      {withPolicy.length === 0 ? (
        <p className="text-sm text-[var(--muted)]">
          No bucket has a policy yet. Try <code>aws s3api put-bucket-policy</code> with a statement that denies
          unencrypted uploads.
        </p>
      ) : (
        withPolicy.map((b) => (
          <details key={b.name} className="rounded border border-[var(--border)]">
            <summary className="cursor-pointer bg-[var(--panel)] px-2 py-1 text-sm">
              Policy of <span className="font-mono font-semibold">{b.name}</span>
            </summary>
            <pre tabIndex={0} className="max-h-64 overflow-auto p-2 text-xs">
              {prettyJson(b.policy!.text)}
            </pre>
          </details>
        ))
      )}
      {entries.length > 0 && (
        <section aria-label="Policy decisions">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">
            Decisions, newest first
          </h3>
          <ol className="space-y-2">
            {[...entries].reverse().map((e) => (
              <li key={e.requestId} className="rounded border border-[var(--border)] p-2" data-testid="policy-entry">
                <p className="mb-1 font-mono text-xs">
                  {e.operation} {e.bucket}
                  {e.key !== undefined ? `/${e.key}` : ''} → {e.status}
                </p>
                <PolicyDecisionView entry={e} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}
