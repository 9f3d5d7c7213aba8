'use client'

import { useId, useState } from 'react'
import { fromBase64, utf8 } from '@/lib/crypto/bytes'
import { asText } from '@/lib/inspector/hexdump'
import { decryptWalkthrough, type WalkDeps, type Walkthrough as Result } from '@/lib/inspector/walkthrough'
import type { Emulator } from '@/lib/emulator/create-emulator'
import { Field } from './StoredBytes'
import { isDeleteMarker, type StoredObject } from '@/lib/s3/model'
import { versionIdOf, versionsOf } from '@/lib/s3/versions'

/** As aws-cli reads --sse-c-key: base64 of 32 bytes as is, anything else as UTF-8 text. */
const parseKey = (text: string) => {
  const b = fromBase64(text.trim())
  return b?.length === 32 ? b : utf8(text)
}

const button =
  'rounded border border-[var(--border)] px-2 py-1 text-xs font-semibold hover:bg-[var(--panel)] disabled:opacity-50'

/** Decrypts the object one call at a time, as the emulator does on a GET, and shows what each call returned. */
export function Walkthrough({
  emulator,
  bucket,
  objectKey,
  versionId,
  sseC,
  kmsDecrypt,
}: {
  emulator: Emulator
  bucket: string
  objectKey: string
  /** The version to open (versioned buckets); the current object otherwise. */
  versionId?: string | undefined
  sseC: boolean
  kmsDecrypt: WalkDeps['kmsDecrypt']
}) {
  const id = useId()
  const [keyText, setKeyText] = useState('')
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<Result>()
  const run = async () => {
    const b = emulator.s3.buckets.get(bucket)
    const stored = b
      ? versionsOf(b, objectKey).find(
          (v): v is StoredObject => !isDeleteMarker(v) && (versionId === undefined || versionIdOf(v) === versionId),
        )
      : undefined
    if (!stored) return
    setRunning(true)
    // The typed key lives only for this call: never in state that outlives it, never saved.
    const customerKey = sseC && keyText ? parseKey(keyText) : undefined
    setKeyText('')
    setResult(
      await decryptWalkthrough(emulator.s3, bucket, stored, { kmsDecrypt, ...(customerKey ? { customerKey } : {}) }),
    )
    setRunning(false)
  }
  return (
    <section
      aria-label="Decrypt step by step"
      className="space-y-2 rounded border border-[var(--border)] p-2"
      data-testid="walkthrough"
    >
      <div className="flex flex-wrap items-center gap-2">
        {sseC && (
          <>
            <label htmlFor={id} className="text-xs">
              Your SSE-C key
            </label>
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={keyText}
              onChange={(e) => setKeyText(e.target.value)}
              className="min-w-0 flex-1 rounded border border-[var(--border)] bg-[var(--bg)] p-1 font-mono text-xs"
            />
          </>
        )}
        <button type="button" className={button} disabled={running} onClick={() => void run()}>
          Decrypt it step by step
        </button>
      </div>
      {result && (
        <ol className="list-decimal space-y-2 pl-5 text-xs">
          {result.steps.map((s, i) => (
            <li key={i} data-testid="walk-step" data-failed={s.error ? 'true' : undefined}>
              <p className="font-semibold">{s.title}</p>
              <code className="block break-all text-[var(--muted)]">{s.call}</code>
              {s.error ? (
                <p className="font-semibold text-red-700 dark:text-red-300">✗ {s.error}</p>
              ) : (
                <dl className="grid grid-cols-[auto_1fr] gap-x-3">
                  {s.outputs.map((o) => (
                    <Field
                      key={o.name}
                      name={o.name}
                      value={
                        o.name === 'plaintext' && typeof o.value !== 'string'
                          ? `"${asText(o.value)}" (${o.value.length} bytes)`
                          : o.value
                      }
                    />
                  ))}
                </dl>
              )}
            </li>
          ))}
        </ol>
      )}
      {result?.plaintext && (
        <p className="text-xs font-semibold" data-testid="walk-result">
          ✓ Decrypted: the same {result.plaintext.length} bytes a GET returns.
        </p>
      )}
    </section>
  )
}
