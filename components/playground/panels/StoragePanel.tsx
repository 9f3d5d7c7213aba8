'use client'

import { useId } from 'react'
import { bucketRows } from '@/lib/inspector/buckets-view'
import { keyLabel, keysView } from '@/lib/inspector/keys-view'
import { storageView, type BlobPeek } from '@/lib/inspector/storage-view'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { isDeleteMarker, type StoredObject } from '@/lib/s3/model'
import { versionIdOf, versionsOf } from '@/lib/s3/versions'
import { useEmulatorVersion } from '../use-emulator'
import { Badge } from './Badge'
import { KeyHierarchy } from './KeyHierarchy'
import { Field, HexBlock } from './StoredBytes'
import { Walkthrough } from './Walkthrough'
import { WhoCanRead } from './WhoCanRead'
import type { WalkDeps } from '@/lib/inspector/walkthrough'

export interface Selection {
  bucket: string
  key: string
  /** Versioned buckets: which version (each has its own data key and encryption). */
  versionId?: string
}

const optionValue = (o: Selection) =>
  `${o.bucket}/${o.key}${o.versionId !== undefined ? `?versionId=${o.versionId}` : ''}`

/** "What is on the disk": an object's stored bytes, its wrapped data key(s), IVs and tags, and the keys above it. */
export function StoragePanel({
  emulator,
  selection,
  onSelect,
  kmsDecrypt,
}: {
  emulator: Emulator
  selection?: Selection
  onSelect: (s: Selection) => void
  kmsDecrypt: WalkDeps['kmsDecrypt']
}) {
  useEmulatorVersion(emulator)
  const id = useId()
  const all = bucketRows(emulator.s3).flatMap((b) =>
    b.objects
      .filter((o) => !o.deleteMarker)
      .map((o) => ({
        bucket: b.name,
        key: o.key,
        ...(o.versionId !== undefined ? { versionId: o.versionId } : {}),
        label: `${b.name}/${o.key}${o.versionId !== undefined && !o.latest ? ` (older version ${o.versionId.slice(0, 10)}…)` : ''}`,
      })),
  )
  const current =
    (selection &&
      all.find(
        (o) =>
          o.bucket === selection.bucket &&
          o.key === selection.key &&
          (selection.versionId === undefined || o.versionId === selection.versionId),
      )) ??
    all[0]
  if (!current)
    return (
      <p className="p-3 text-sm text-[var(--muted)]">
        Upload an object, then look here at what S3 actually stores for it.
      </p>
    )
  const keys = keysView(emulator.kms.state, emulator.cloudtrail, emulator.clock.now())
  const name = (keyId: string) => {
    const key = emulator.kms.state.keys.get(keyId)
    return key ? keyLabel(key.arn, keys) : keyId
  }
  const view = storageView(
    current.bucket,
    versionsOf(emulator.s3.buckets.get(current.bucket)!, current.key).find(
      (v): v is StoredObject =>
        !isDeleteMarker(v) && (current.versionId === undefined || versionIdOf(v) === current.versionId),
    )!,
    name,
    emulator.s3.blobs as unknown as BlobPeek,
  )
  const value = optionValue(current)
  return (
    <div className="space-y-3 p-2 text-sm" data-testid="storage-panel">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="text-xs">
          Object
        </label>
        <select
          id={id}
          value={value}
          onChange={(e) => {
            const { label: _label, ...picked } = all.find((o) => optionValue(o) === e.target.value)!
            onSelect(picked)
          }}
          className="max-w-full rounded border border-[var(--border)] bg-[var(--bg)] p-1 font-mono text-xs"
        >
          {all.map((o) => (
            <option key={optionValue(o)} value={optionValue(o)}>
              {o.label}
            </option>
          ))}
        </select>
        <Badge name={view.badge} />
      </div>
      <section aria-label="Key hierarchy">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">Key hierarchy</h3>
        <KeyHierarchy chains={view.chains} />
      </section>
      <WhoCanRead
        key={value}
        emulator={emulator}
        bucket={current.bucket}
        objectKey={current.key}
        versionId={current.versionId}
      />
      {view.customerKey && (
        <section aria-label="SSE-C key check" className="rounded border border-amber-700 p-2 dark:border-amber-300">
          <p className="text-xs">
            Your key is <strong>not stored</strong>. S3 keeps only a salted HMAC of it, to tell the right key from a
            wrong one, and its MD5 to echo back.
          </p>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            <Field name="key" value="(not stored)" />
            <Field name="key MD5" value={view.customerKey.md5} />
            <Field name="HMAC salt" value={view.customerKey.salt} />
            <Field name="HMAC-SHA256" value={view.customerKey.mac} />
          </dl>
        </section>
      )}
      {view.wrappedKeys.map((w) => (
        <section key={w.label} aria-label={w.label}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">{w.label}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            {w.fields.map((f) => (
              <Field key={f.name} name={f.name} value={f.value} />
            ))}
          </dl>
        </section>
      ))}
      {view.object.sealedChecksum && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
          <Field name="checksum, encrypted under the data key" value={view.object.sealedChecksum} />
        </dl>
      )}
      {view.layers.map((l) => (
        <section key={l.partNumber} aria-label={`Stored bytes: ${l.label}`}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">
            Stored bytes · {l.label}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            <Field name={l.format === 'seg1' ? 'nonce base' : 'IV'} value={l.iv} />
            {l.innerIv && (
              <Field name={l.format === 'seg1' ? 'inner layer nonce base' : 'inner layer IV'} value={l.innerIv} />
            )}
            <Field
              name="segments"
              value={
                l.format === 'seg1'
                  ? `${l.segments} × AES-256-GCM (up to ${l.segmentBytes} bytes each; the last one marked)`
                  : '1 × AES-256-GCM (saved before the chunked format)'
              }
            />
            <Field name={l.segments > 1 ? 'GCM tag (segment 0)' : 'GCM tag'} value={l.tag} />
          </dl>
          <HexBlock bytes={l.ciphertext} label={l.segments > 1 ? 'Ciphertext (segment 0)' : 'Ciphertext'} />
        </section>
      ))}
      <Walkthrough
        key={value}
        emulator={emulator}
        bucket={current.bucket}
        objectKey={current.key}
        versionId={current.versionId}
        sseC={view.badge === 'SSE-C'}
        kmsDecrypt={kmsDecrypt}
      />
    </div>
  )
}
