import { asText, hexRows, hexString } from '@/lib/inspector/hexdump'

const LIMIT = 256

/** Bytes as `hexdump -C` and as text: what you would see opening the stored file. */
export function HexBlock({ bytes, label }: { bytes: Uint8Array; label: string }) {
  const rows = hexRows(bytes, LIMIT)
  return (
    <div className="space-y-1">
      <p className="text-xs text-[var(--muted)]">
        {label}: {bytes.length} bytes{bytes.length > LIMIT ? `, the first ${LIMIT} shown` : ''}
      </p>
      <pre
        tabIndex={0}
        aria-label={`${label} as hex`}
        data-testid="hex-dump"
        className="max-h-48 overflow-auto rounded bg-[var(--panel)] p-2 text-xs leading-snug"
      >
        {rows.map((r) => `${r.offset}  ${r.hex.padEnd(49)} |${r.ascii}|`).join('\n')}
      </pre>
      <pre
        tabIndex={0}
        aria-label={`${label} as text`}
        className="max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-[var(--panel)] p-2 text-xs"
      >
        {asText(bytes, LIMIT)}
      </pre>
    </div>
  )
}

/** A short value (IV, tag, HMAC, key id) on one line. */
export function Field({ name, value }: { name: string; value: Uint8Array | string }) {
  return (
    <>
      <dt className="text-[var(--muted)]">{name}</dt>
      <dd className="break-all font-mono">
        {typeof value === 'string' ? value : `${hexString(value)} (${value.length} bytes)`}
      </dd>
    </>
  )
}
