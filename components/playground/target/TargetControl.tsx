'use client'

import { useId, useState, type FormEvent } from 'react'
import {
  credentialWarnings,
  currentTarget,
  describeTarget,
  targetProblem,
  type TargetConfig,
  type TargetKind,
} from '@/lib/sdk/target-config'
import { connectAllowed } from '@/lib/security/connect-src'
import { pageConnectPolicy, pageOrigin } from '../page-policy'
import { isRemembered, rememberTarget } from './remember'
import { useTarget } from './use-target'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)]'
const input = 'w-full rounded border border-[var(--border)] bg-[var(--bg)] px-1 py-0.5 font-mono text-xs'
const REAL = 'border-amber-700 bg-amber-100 text-amber-950 dark:border-amber-300 dark:bg-amber-950 dark:text-amber-100'

/** The live target in the playground's header, and the form that switches it. */
export function TargetControl() {
  const target = useTarget()
  const [open, setOpen] = useState(false)
  const real = target.kind !== 'emulator'
  return (
    <div className="text-xs" data-testid="target-control">
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={`rounded border px-2 py-0.5 font-semibold ${real ? REAL : 'border-[var(--border)]'}`}
          data-testid="target-badge"
          data-target-kind={target.kind}
          aria-live="polite"
        >
          {real ? `Real target: ${describeTarget(target)}` : 'Target: the emulator in this page'}
        </span>
        <button type="button" className={button} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Change target…'}
        </button>
      </div>
      {open && <TargetForm initial={target} onDone={() => setOpen(false)} />}
    </div>
  )
}

function TargetForm({ initial, onDone }: { initial: TargetConfig; onDone: () => void }) {
  const id = useId()
  const [kind, setKind] = useState<TargetKind>(initial.kind)
  const [region, setRegion] = useState(initial.region)
  const [endpoint, setEndpoint] = useState(initial.endpoint ?? '')
  const [pathStyle, setPathStyle] = useState(initial.kind === 'custom' ? initial.forcePathStyle : true)
  const [bucket, setBucket] = useState(initial.sandboxBucket ?? '')
  const [accessKeyId, setAccessKeyId] = useState(initial.credentials?.accessKeyId ?? '')
  const [secretAccessKey, setSecret] = useState(initial.credentials?.secretAccessKey ?? '')
  const [sessionToken, setToken] = useState(initial.credentials?.sessionToken ?? '')
  const [remember, setRemember] = useState(isRemembered())
  const draft: TargetConfig = {
    kind,
    region: region.trim(),
    forcePathStyle: kind === 'custom' ? pathStyle : kind === 'emulator',
    ...(kind === 'custom' ? { endpoint: endpoint.trim() } : {}),
    ...(bucket.trim() ? { sandboxBucket: bucket.trim() } : {}),
    ...(accessKeyId || secretAccessKey
      ? { credentials: { accessKeyId: accessKeyId.trim(), secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
  }
  const problem = targetProblem(draft)
  const warnings = [...credentialWarnings(draft), ...policyWarnings(draft)]
  const apply = (e: FormEvent) => {
    e.preventDefault()
    if (problem) return
    currentTarget.set(draft)
    rememberTarget(remember ? draft : undefined)
    onDone()
  }
  const field = (label: string, value: string, set: (v: string) => void, extra: Record<string, string> = {}) => (
    <label className="flex flex-col gap-0.5">
      <span>{label}</span>
      <input
        className={input}
        value={value}
        onChange={(e) => set(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        {...extra}
      />
    </label>
  )
  return (
    <form
      onSubmit={apply}
      className="mt-2 grid max-w-3xl gap-2 rounded border border-[var(--border)] bg-[var(--panel)] p-2"
      aria-label="Target"
      data-testid="target-form"
    >
      <fieldset className="flex flex-wrap gap-3">
        <legend className="font-semibold">Send requests to</legend>
        {(
          [
            ['emulator', 'the emulator in this page'],
            ['aws', 'Amazon S3 (AWS)'],
            ['custom', 'a custom S3-compatible endpoint'],
          ] as const
        ).map(([k, label]) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {label}
          </label>
        ))}
      </fieldset>
      {kind !== 'emulator' && (
        <>
          <div className="grid gap-2 sm:grid-cols-3">
            {field('Region', region, setRegion)}
            {kind === 'custom' &&
              field('Endpoint URL', endpoint, setEndpoint, { placeholder: 'http://127.0.0.1:4566', type: 'url' })}
            {field('Sandbox bucket', bucket, setBucket, { placeholder: 'my-playground-sandbox' })}
          </div>
          {kind === 'custom' && (
            <label className="flex items-center gap-1">
              <input type="checkbox" checked={pathStyle} onChange={(e) => setPathStyle(e.target.checked)} />
              Path-style addressing (endpoint/bucket/key), which most S3-compatible servers need
            </label>
          )}
          <div className="grid gap-2 sm:grid-cols-3">
            {field('Access key id', accessKeyId, setAccessKeyId, { placeholder: 'ASIA…' })}
            {field('Secret access key', secretAccessKey, setSecret, { type: 'password' })}
            {field('Session token', sessionToken, setToken, { type: 'password' })}
          </div>
          <p className="text-[var(--muted)]">
            Use temporary credentials (from <code>aws sts get-session-token</code> or a sandbox role) for one sandbox
            bucket. They stay in this page&apos;s memory: never saved, exported, put in a link or shown in the
            inspector. A page cannot list your buckets, so name the sandbox bucket; it needs the CORS configuration from
            the CORS panel.
          </p>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            Keep them in this tab until it closes (sessionStorage)
          </label>
        </>
      )}
      {warnings.map((w) => (
        <p
          key={w}
          role="alert"
          className="font-semibold text-amber-800 dark:text-amber-200"
          data-testid="target-warning"
        >
          {w}
        </p>
      ))}
      {problem && <p className="text-red-700 dark:text-red-300">{problem}</p>}
      <div className="flex gap-2">
        <button type="submit" className={`${button} font-semibold`} disabled={problem !== undefined}>
          Use this target
        </button>
        <button type="button" className={button} onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** A custom endpoint this site's Content-Security-Policy would refuse: said here, before any request fails. */
function policyWarnings(draft: TargetConfig): string[] {
  if (draft.kind !== 'custom' || !draft.endpoint || !URL.canParse(draft.endpoint)) return []
  const policy = pageConnectPolicy()
  if (connectAllowed(policy, draft.endpoint, pageOrigin())) return []
  const origin = new URL(draft.endpoint).origin
  return [
    `This site's Content-Security-Policy does not allow connecting to ${origin}, so the browser would refuse every request. Build the site with PLAYGROUND_CONNECT_SRC='${origin}' npm run build (docs/security.md), or reach the endpoint through localhost.`,
  ]
}
