'use client'

import { useState } from 'react'
import { GetBucketCorsCommand } from '@aws-sdk/client-s3'
import {
  diagnose,
  fromJson,
  PLANNED_CALLS,
  putBucketCorsCommand,
  recommendedConfiguration,
  type Diagnosis,
} from '@/lib/cors/doctor'
import { probeCalls, type ProbeResult } from '@/lib/cors/probe'
import { knownExposeHeaders } from '@/lib/inspector/cors-visibility'
import { isFetchFailure } from '@/lib/sdk/recorder'
import { bucketUrl } from '@/lib/sdk/target-config'
import type { CorsRule } from '@/lib/s3/model'
import { pageOrigin } from '../page-policy'
import type { Runtime } from '../runtime'
import { useTarget } from '../target/use-target'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)] disabled:opacity-50'

/** The CORS doctor: the configuration this page needs, the command that applies it, and checks against the real bucket. */
export function CorsDoctorPanel({ runtime }: { runtime: Runtime }) {
  const target = useTarget()
  const origin = pageOrigin() ?? ''
  const [explicit, setExplicit] = useState(false)
  const [diagnosis, setDiagnosis] = useState<Diagnosis & { note?: string }>()
  const [probes, setProbes] = useState<ProbeResult[]>()
  const [busy, setBusy] = useState(false)
  const real = target.kind !== 'emulator'
  const bucket = target.sandboxBucket
  const recommended = recommendedConfiguration(origin, { explicitHeaders: explicit })
  const command = putBucketCorsCommand(bucket ?? 'YOUR-SANDBOX-BUCKET', recommended)

  const run = async (what: 'diagnose' | 'probe') => {
    if (!bucket) return
    setBusy(true)
    try {
      if (what === 'probe') setProbes(await probeCalls(bucketUrl(target, bucket), PLANNED_CALLS, (u, i) => fetch(u, i)))
      else {
        let rules: CorsRule[] | undefined
        let note: string | undefined
        try {
          const out = await runtime.session.shell.aws.clients({}).s3.send(new GetBucketCorsCommand({ Bucket: bucket }))
          rules = fromJson({ CORSRules: (out.CORSRules ?? []) as never })
          knownExposeHeaders.set(
            bucket,
            rules.flatMap((r) => r.exposeHeaders),
          )
        } catch (e) {
          note = isFetchFailure(e)
            ? 'The browser could not read the configuration (CORS refused GetBucketCors itself).'
            : `GetBucketCors: ${(e as Error).name}`
        }
        const d = diagnose(bucket, rules, origin)
        setDiagnosis({ ...d, ...(note ? { note } : {}) })
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="space-y-2 p-2 text-sm" data-testid="cors-doctor">
      <h3 className="font-semibold">CORS doctor</h3>
      <p className="text-xs text-[var(--muted)]">
        A page can call a real bucket only if the bucket&apos;s CORS configuration allows this origin ({origin}), each
        method and request header, and names every response header the page reads in ExposeHeaders (S3 allows no
        wildcard there; a header left out reads as undefined). Apply it once from a shell with your credentials:
      </p>
      <label className="flex items-center gap-1 text-xs">
        <input type="checkbox" checked={explicit} onChange={(e) => setExplicit(e.target.checked)} />
        List AllowedHeaders by name instead of &quot;*&quot; (for servers such as moto that send AllowedHeaders back
        verbatim)
      </label>
      <pre
        className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-[var(--panel)] p-1 font-mono text-xs"
        data-testid="cors-command"
        tabIndex={0}
      >
        {command}
      </pre>
      <button type="button" className={button} onClick={() => void navigator.clipboard?.writeText(command)}>
        Copy the command
      </button>
      {!real || !bucket ? (
        <p className="text-xs text-[var(--muted)]">
          Switch to a real target and name its sandbox bucket to check the bucket itself.
        </p>
      ) : (
        <div className="flex gap-2">
          <button type="button" className={button} disabled={busy} onClick={() => void run('diagnose')}>
            Diagnose s3://{bucket}
          </button>
          <button type="button" className={button} disabled={busy} onClick={() => void run('probe')}>
            Send the preflights
          </button>
        </div>
      )}
      {diagnosis && (
        <section aria-label="Diagnosis" data-testid="cors-diagnosis">
          {diagnosis.note && <p className="text-xs">{diagnosis.note}</p>}
          {diagnosis.findings.length === 0 ? (
            <p className="text-xs font-semibold text-green-800 dark:text-green-200">
              The configuration allows every planned call and exposes every header the playground reads.
            </p>
          ) : (
            <ul className="space-y-1 text-xs">
              {diagnosis.findings.map((f) => (
                <li key={f.problem} data-testid="cors-finding" data-severity={f.severity}>
                  <span className="font-semibold">{f.severity === 'error' ? 'Missing: ' : 'Warning: '}</span>
                  {f.problem}
                  <br />
                  <span className="font-mono">fix: {f.fix}</span>
                </li>
              ))}
            </ul>
          )}
          {diagnosis.findings.length > 0 && (
            <pre
              className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-[var(--panel)] p-1 font-mono text-xs"
              data-testid="cors-fix-command"
              tabIndex={0}
            >
              {diagnosis.command}
            </pre>
          )}
        </section>
      )}
      {probes && (
        <ul aria-label="Preflights" className="text-xs" data-testid="cors-probes">
          {probes.map((p) => (
            <li key={p.call.label} data-ok={p.ok}>
              {p.ok ? '✓' : '✗'} {p.call.method} {p.call.label}
              {!p.ok &&
                (p.methodRefused
                  ? `: method ${p.call.method} (or this origin) refused`
                  : `: refused header(s) ${p.refusedHeaders?.join(', ')}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
