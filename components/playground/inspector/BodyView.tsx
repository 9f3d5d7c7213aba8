'use client'

import { useState } from 'react'
import { kmsFieldInfo } from '@/lib/inspector/kms-fields'
import { s3XmlFieldInfo } from '@/lib/inspector/s3-xml-fields'
import { bodyKind, prettyBody } from '@/lib/inspector/pretty'
import { Explained } from './Explained'

const JSON_KEY = /^(\s*)"([A-Za-z]+)"(:.*)$/
const XML_OPEN = /^(\s*)<([A-Za-z]+)>(.*)$/

/** One line of a pretty body, with a known KMS field or S3 element name explained. */
function Line({ line, kind }: { line: string; kind: string }) {
  const m = kind === 'json' ? JSON_KEY.exec(line) : kind === 'xml' ? XML_OPEN.exec(line) : null
  const info = m && (kind === 'json' ? kmsFieldInfo(m[2]!) : s3XmlFieldInfo(m[2]!))
  if (!m || !info) return <>{line}</>
  return kind === 'json' ? (
    <>
      {m[1]}
      <Explained info={info}>&quot;{m[2]}&quot;</Explained>
      {m[3]}
    </>
  ) : (
    <>
      {m[1]}&lt;<Explained info={info}>{m[2]}</Explained>&gt;{m[3]}
    </>
  )
}

/** A request or response body, pretty-printed (JSON, XML) with a toggle back to the bytes as sent. */
export function BodyView({
  text,
  contentType,
  label,
}: {
  text: string
  contentType?: string | undefined
  label: string
}) {
  const [raw, setRaw] = useState(false)
  const kind = bodyKind(text, contentType)
  const shown = raw || kind === 'text' ? text : prettyBody(text, contentType)
  return (
    <div className="mt-1">
      <div className="flex items-center gap-2 text-xs text-[var(--muted)]">
        <span>
          {label} ({kind === 'text' ? 'text' : kind.toUpperCase()})
        </span>
        {kind !== 'text' && (
          <button type="button" className="underline" aria-pressed={raw} onClick={() => setRaw(!raw)}>
            {raw ? 'Pretty' : 'Raw'}
          </button>
        )}
      </div>
      <pre
        tabIndex={0}
        aria-label={label}
        data-testid="body"
        className="max-h-64 overflow-auto whitespace-pre-wrap break-all bg-[var(--panel)] p-1 text-xs"
      >
        {raw
          ? text
          : shown.split('\n').map((line, i) => (
              <span key={i} className="block">
                <Line line={line} kind={kind} />
              </span>
            ))}
      </pre>
    </div>
  )
}
