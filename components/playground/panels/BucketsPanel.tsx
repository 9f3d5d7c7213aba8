'use client'

import { bucketRows } from '@/lib/inspector/buckets-view'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { useEmulatorVersion } from '../use-emulator'
import { Badge } from './Badge'

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`

/** Every bucket with its default encryption, every object with how it is encrypted; "On disk" opens the storage view. */
export function BucketsPanel({
  emulator,
  onShowStorage,
}: {
  emulator: Emulator
  onShowStorage: (bucket: string, key: string, versionId?: string) => void
}) {
  useEmulatorVersion(emulator)
  const buckets = bucketRows(emulator.s3)
  if (buckets.length === 0)
    return (
      <p className="p-3 text-sm text-[var(--muted)]">
        No buckets yet. Try <code>aws s3 mb s3://my-bucket</code>.
      </p>
    )
  return (
    <div className="space-y-3 p-2" data-testid="buckets-panel">
      {buckets.map((b) => (
        <section key={b.name} aria-label={`Bucket ${b.name}`} className="rounded border border-[var(--border)]">
          <h3 className="flex flex-wrap items-center gap-2 bg-[var(--panel)] px-2 py-1 text-sm">
            <span className="font-mono font-semibold">{b.name}</span>
            <span className="text-xs text-[var(--muted)]">default</span>
            <Badge name={b.defaultBadge} />
            {b.bucketKey && <span className="text-xs">Bucket Key</span>}
            {b.blocked?.includes('SSE-C') && <span className="text-xs text-[var(--muted)]">SSE-C blocked</span>}
            {b.versioning && (
              <span className="text-xs" data-testid="bucket-versioning">
                versioning {b.versioning}
              </span>
            )}
          </h3>
          {b.defaultKeyArn && <p className="break-all px-2 font-mono text-xs text-[var(--muted)]">{b.defaultKeyArn}</p>}
          {b.objects.length === 0 ? (
            <p className="px-2 py-1 text-xs text-[var(--muted)]">Empty.</p>
          ) : (
            <table className="w-full text-left text-xs">
              <thead className="sr-only">
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Encryption</th>
                  <th scope="col">Size</th>
                  <th scope="col">Storage</th>
                </tr>
              </thead>
              <tbody>
                {b.objects.map((o) => (
                  <tr
                    key={`${o.key}\n${o.versionId ?? ''}`}
                    data-testid={o.deleteMarker ? 'bucket-delete-marker' : 'bucket-object'}
                    data-latest={o.latest}
                    className={`border-t border-[var(--border)] align-top ${o.latest ? '' : 'text-[var(--muted)]'}`}
                  >
                    <td className={`break-all py-1 font-mono ${o.latest ? 'px-2' : 'pl-5 pr-2'}`}>
                      {o.latest ? o.key : <span className="sr-only">{o.key}, older version</span>}
                      {o.versionId !== undefined && (
                        <span
                          className="block text-[0.7rem] text-[var(--muted)]"
                          title={`x-amz-version-id: ${o.versionId}`}
                        >
                          {o.latest ? '' : '↳ '}version{' '}
                          {o.versionId.length > 12 ? `${o.versionId.slice(0, 10)}…` : o.versionId}
                          {o.latest ? ' · current' : ''}
                        </span>
                      )}
                    </td>
                    <td className="px-1 py-1">
                      {o.deleteMarker ? (
                        <span
                          className="rounded border border-dashed border-[var(--border)] px-1"
                          title="A delete marker: the key looks deleted; older versions stay, each with its own encryption"
                        >
                          delete marker
                        </span>
                      ) : (
                        <span className="flex flex-wrap gap-1">
                          {o.badges.map((name) => (
                            <Badge key={name} name={name} />
                          ))}
                          {o.bucketKey && <span title="An S3 Bucket Key protects the data key">BK</span>}
                        </span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-1 py-1 text-right">{o.deleteMarker ? '' : size(o.size)}</td>
                    <td className="px-2 py-1 text-right">
                      {!o.deleteMarker && (
                        <button
                          type="button"
                          className="whitespace-nowrap underline"
                          onClick={() => onShowStorage(b.name, o.key, o.versionId)}
                          aria-label={`Show ${o.key}${o.versionId !== undefined ? ` version ${o.versionId}` : ''} on disk`}
                        >
                          On disk
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  )
}
