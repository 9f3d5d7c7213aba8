'use client'

import { keysView, usd, type KeyRow } from '@/lib/inspector/keys-view'
import { KMS_PRICING } from '@/lib/cloudtrail/pricing'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { useEmulatorVersion } from '../use-emulator'

const day = (d: Date) => d.toISOString().slice(0, 10)

const STATE: Record<KeyRow['state'], string> = {
  Enabled: 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
  Disabled: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  PendingDeletion: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  Deleted: 'bg-gray-200 text-gray-900 dark:bg-gray-700 dark:text-gray-100',
}

function KeyCard({ k }: { k: KeyRow }) {
  const rotation = !k.rotation
    ? '—'
    : k.rotation.enabled
      ? `every ${k.rotation.periodInDays} days${k.rotation.next ? `, next ${day(k.rotation.next)}` : ''}`
      : 'off'
  const ops = Object.entries(k.usage.byOperation).sort((a, b) => b[1] - a[1])
  return (
    <li
      className="rounded border border-[var(--border)] p-2"
      data-testid="kms-key"
      aria-label={`Key ${k.aliases[0] ?? k.id}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-sm font-semibold">{k.aliases[0] ?? k.id}</span>
        <span className={`rounded px-1.5 text-xs font-semibold ${STATE[k.state]}`}>{k.state}</span>
        {k.manager && (
          <span className="text-xs text-[var(--muted)]">
            {k.manager === 'AWS' ? 'AWS managed' : 'customer managed'}
          </span>
        )}
      </div>
      <p className="break-all font-mono text-xs text-[var(--muted)]">{k.arn}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
        {k.aliases.length > 1 && (
          <>
            <dt className="text-[var(--muted)]">Aliases</dt>
            <dd className="font-mono">{k.aliases.join(', ')}</dd>
          </>
        )}
        {k.description && (
          <>
            <dt className="text-[var(--muted)]">Description</dt>
            <dd>{k.description}</dd>
          </>
        )}
        {k.deletionDate && (
          <>
            <dt className="text-[var(--muted)]">Deleted on</dt>
            <dd>{day(k.deletionDate)}</dd>
          </>
        )}
        <dt className="text-[var(--muted)]">Rotation</dt>
        <dd>
          {rotation} · {k.versions} key material version{k.versions === 1 ? '' : 's'}
        </dd>
        <dt className="text-[var(--muted)]">Requests</dt>
        <dd data-testid="key-requests">
          {k.usage.requests} ({k.usage.requestsByS3} by S3 for you)
          {ops.length > 0 && `: ${ops.map(([op, n]) => `${op} ${n}`).join(', ')}`}
        </dd>
        <dt className="text-[var(--muted)]">Estimated cost</dt>
        <dd data-testid="key-cost">
          {usd(k.billed.estimatedCostUsd)} (key {usd(k.usage.keyStorageCostUsd)} + requests{' '}
          {k.billed.requestCostUsd === 0 && k.usage.requestCostUsd > 0
            ? `${usd(0)}: within the free tier; ${usd(k.usage.requestCostUsd)} at list price`
            : usd(k.billed.requestCostUsd)}
          )
        </dd>
      </dl>
    </li>
  )
}

/** KMS keys with aliases, state, rotation, how often they were used (by you and by S3) and what that would cost on AWS. */
export function KeysPanel({ emulator }: { emulator: Emulator }) {
  useEmulatorVersion(emulator)
  const view = keysView(emulator.kms.state, emulator.cloudtrail, emulator.clock.now())
  return (
    <div className="space-y-2 p-2" data-testid="keys-panel">
      <p className="text-xs text-[var(--muted)]">
        {view.account.billableRequests} billable KMS requests (
        {KMS_PRICING.freeRequestsPerMonth.toLocaleString('en-US')} a month are free) · estimated{' '}
        <strong className="text-[var(--fg)]">{usd(view.account.estimatedCostUsd)}</strong> at{' '}
        <a className="underline" href={KMS_PRICING.source} target="_blank" rel="noreferrer">
          AWS prices
        </a>
        , {KMS_PRICING.region}.
      </p>
      {view.keys.length === 0 ? (
        <p className="text-sm text-[var(--muted)]">
          No KMS keys yet. Try <code>aws kms create-key</code>, or upload with <code>--sse aws:kms</code> to make S3
          create aws/s3.
        </p>
      ) : (
        <ul className="space-y-2">
          {view.keys.map((k) => (
            <KeyCard key={k.arn} k={k} />
          ))}
        </ul>
      )}
    </div>
  )
}
