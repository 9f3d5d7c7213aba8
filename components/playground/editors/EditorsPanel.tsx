'use client'
/**
 * The Editors tab: pick a document (a bucket's default encryption or policy, a key's policy) and edit it in
 * Monaco. This file stays light: Monaco and the schemas load only when an editor opens.
 */
import dynamic from 'next/dynamic'
import { useCallback, useMemo, useState } from 'react'
import { DOCUMENT_LABELS, type DocumentKind } from '@/lib/editors/document-kinds'
import { schemaContextOf } from '@/lib/editors/schema-context'
import { emulatorChanged, useEmulatorVersion } from '../use-emulator'
import type { Runtime } from '../runtime'

const ConfigEditor = dynamic(() => import('./ConfigEditor'), {
  ssr: false,
  loading: () => <p className="p-2 text-sm">Loading the editor…</p>,
})

const KINDS: DocumentKind[] = ['bucket-encryption', 'bucket-policy', 'key-policy']
const FIELD = 'rounded border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm'

export function EditorsPanel({ runtime }: { runtime: Runtime }) {
  const { emulator } = runtime
  const version = useEmulatorVersion(emulator)
  const [kind, setKind] = useState<DocumentKind>('bucket-encryption')
  const [chosen, setChosen] = useState<Partial<Record<'bucket' | 'key', string>>>({})
  const context = useMemo(() => schemaContextOf(emulator), [emulator, version]) // eslint-disable-line react-hooks/exhaustive-deps
  const buckets = useMemo(() => [...emulator.s3.buckets.keys()].sort(), [emulator, version]) // eslint-disable-line react-hooks/exhaustive-deps
  const keys = context.keys ?? []
  const needs = kind === 'key-policy' ? 'key' : 'bucket'
  const options =
    needs === 'key'
      ? keys.map((k) => ({
          value: k.keyId,
          label: k.aliases[0] ? `${k.aliases[0]} (${k.keyId.slice(0, 8)}…)` : k.keyId,
        }))
      : buckets.map((b) => ({ value: b, label: b }))
  const target = options.some((o) => o.value === chosen[needs]) ? chosen[needs]! : options[0]?.value
  // The schemas' examples name the account's keys: a new context only when the key list changes.
  const keyList = JSON.stringify(keys)
  const schemaContext = useMemo(() => context, [keyList]) // eslint-disable-line react-hooks/exhaustive-deps
  // The editors list the in-page emulator's buckets and keys, so they load and apply there too.
  const clients = useCallback(() => runtime.session.shell.aws.clients({ profile: 'emulator' }), [runtime])

  return (
    <div className="flex h-full min-h-0 flex-col gap-2 p-2" data-testid="editors-panel">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-xs">
          Document
          <select className={FIELD} value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_LABELS[k].title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          {needs === 'key' ? 'KMS key' : 'Bucket'}
          <select
            className={FIELD}
            value={target ?? ''}
            onChange={(e) => setChosen({ ...chosen, [needs]: e.target.value })}
            disabled={options.length === 0}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {target === undefined ? (
        <p className="text-sm text-[var(--muted)]">
          {needs === 'key' ? (
            <>
              No customer managed key yet. Try <code>aws kms create-key</code>.
            </>
          ) : (
            <>
              No bucket yet. Try <code>aws s3 mb s3://my-bucket</code>.
            </>
          )}
        </p>
      ) : (
        <ConfigEditor
          key={`${kind}/${target}`}
          kind={kind}
          target={target}
          context={schemaContext}
          clients={clients}
          onApplied={() => emulatorChanged(emulator)}
        />
      )}
    </div>
  )
}
