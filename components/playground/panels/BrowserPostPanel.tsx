'use client'

import { useState, type FormEvent } from 'react'
import { buildBrowserPost, type BrowserPost, type FormEncryption } from '@/lib/sdk/browser-post'
import type { Runtime } from '../runtime'
import { useEmulatorVersion } from '../use-emulator'

const button = 'rounded border border-[var(--border)] px-2 py-0.5 text-xs hover:bg-[var(--panel)] disabled:opacity-50'
const input = 'w-full rounded border border-[var(--border)] bg-transparent px-1 py-0.5 font-mono text-xs'
type Kind = FormEncryption['kind']

const SECRET_FIELD = 'x-amz-server-side-encryption-customer-key'

interface Answer {
  status: number
  headers: [string, string][]
  body: string
}

/**
 * Browser form uploads: a presigned POST built with @aws-sdk/s3-presigned-post, shown field by field with the
 * policy its signature covers, and a real HTML form that sends them with a file to the emulator.
 */
export function BrowserPostPanel({ runtime }: { runtime: Runtime }) {
  useEmulatorVersion(runtime.emulator)
  const buckets = [...runtime.emulator.s3.buckets.keys()]
  const [bucket, setBucket] = useState('')
  const [key, setKey] = useState('uploads/${filename}')
  const [kind, setKind] = useState<Kind>('aws:kms')
  const [kmsKeyId, setKmsKeyId] = useState('')
  const [maxBytes, setMaxBytes] = useState(1024 * 1024)
  const [status, setStatus] = useState<'201' | '204'>('201')
  const [post, setPost] = useState<BrowserPost>()
  const [answer, setAnswer] = useState<Answer>()
  const [error, setError] = useState<string>()
  const chosenBucket = bucket || buckets[0] || ''

  const build = async () => {
    setError(undefined)
    setAnswer(undefined)
    const encryption: FormEncryption =
      kind === 'aws:kms'
        ? { kind, ...(kmsKeyId ? { keyId: kmsKeyId } : {}) }
        : kind === 'SSE-C'
          ? { kind, key: crypto.getRandomValues(new Uint8Array(32)) } // this form only: never stored
          : { kind }
    try {
      const client = runtime.session.shell.aws.clients({ profile: 'emulator' }).s3
      setPost(
        await buildBrowserPost(client, {
          bucket: chosenBucket,
          key,
          encryption,
          maxBytes,
          expiresSeconds: 600,
          successStatus: status,
        }),
      )
    } catch (e) {
      setError((e as Error).message)
    }
  }

  // A service worker never sees a navigation, so the form's own data goes out with fetch: the same
  // multipart/form-data body the browser would post, through the emulator (and into the inspector).
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    try {
      const r = await fetch(form.action, { method: 'POST', body: new FormData(form) })
      setAnswer({ status: r.status, headers: [...r.headers], body: await r.text() })
    } catch (e) {
      setError((e as Error).message)
    }
  }

  return (
    <div className="space-y-2 p-2 text-sm" data-testid="browser-post">
      <h3 className="font-semibold">Browser form upload (presigned POST)</h3>
      <p className="text-xs text-[var(--muted)]">
        A server signs a policy that pins the bucket, the key and the encryption; the browser posts the signed fields
        with the file as multipart/form-data. The SSE settings travel as form fields, not headers, and any change to
        them breaks the policy.
      </p>
      {buckets.length === 0 ? (
        <p className="text-xs text-[var(--muted)]">
          Make a bucket first, e.g. <code>aws s3 mb s3://my-bucket</code>.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
          <label className="text-xs">
            Bucket
            <select className={input} value={chosenBucket} onChange={(e) => setBucket(e.target.value)}>
              {buckets.map((b) => (
                <option key={b}>{b}</option>
              ))}
            </select>
          </label>
          <label className="text-xs">
            Key (<code>{'${filename}'}</code> is the file&apos;s name)
            <input className={input} value={key} onChange={(e) => setKey(e.target.value)} />
          </label>
          <label className="text-xs">
            Encryption
            <select className={input} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="none">none (bucket default)</option>
              <option value="AES256">SSE-S3 (AES256)</option>
              <option value="aws:kms">SSE-KMS (aws:kms)</option>
              <option value="SSE-C">SSE-C (a random key for this form)</option>
            </select>
          </label>
          {kind === 'aws:kms' && (
            <label className="text-xs">
              KMS key id (empty: aws/s3)
              <input className={input} value={kmsKeyId} onChange={(e) => setKmsKeyId(e.target.value)} />
            </label>
          )}
          <label className="text-xs">
            Largest file (bytes)
            <input
              className={input}
              type="number"
              min={1}
              value={maxBytes}
              onChange={(e) => setMaxBytes(Math.max(1, Number(e.target.value) || 1))}
            />
          </label>
          <label className="text-xs">
            success_action_status
            <select className={input} value={status} onChange={(e) => setStatus(e.target.value as '201' | '204')}>
              <option value="201">201 (an XML answer)</option>
              <option value="204">204 (empty, the default)</option>
            </select>
          </label>
          <div className="sm:col-span-2">
            <button type="button" className={button} onClick={() => void build()}>
              Build the presigned POST
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {post && (
        <section aria-label="Presigned POST" className="space-y-1">
          <p className="break-all text-xs">
            POST <span className="font-mono">{post.url}</span>
          </p>
          <table className="w-full table-fixed text-xs" data-testid="browser-post-fields">
            <caption className="text-left font-semibold">Form fields (the file goes last)</caption>
            <thead>
              <tr>
                <th className="w-2/5 text-left">Field</th>
                <th className="text-left">Value</th>
              </tr>
            </thead>
            <tbody>
              {post.fields.map(([name, value]) => (
                <tr key={name} className="align-top">
                  <td className="break-all font-mono">{name}</td>
                  <td className="break-all font-mono">{name === SECRET_FIELD ? '•••• (sent, not shown)' : value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <details>
            <summary className="cursor-pointer text-xs">The policy the signature covers</summary>
            <pre
              tabIndex={0}
              aria-label="Policy document"
              className="max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-[var(--panel)] p-1 font-mono text-xs"
            >
              {JSON.stringify(post.policy, null, 2)}
            </pre>
          </details>
          <form
            action={post.url}
            method="post"
            encType="multipart/form-data"
            onSubmit={(e) => void submit(e)}
            className="flex flex-wrap items-center gap-2"
            data-testid="browser-post-form"
          >
            {post.fields.map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} readOnly />
            ))}
            <label className="text-xs">
              File <input type="file" name="file" required className="text-xs" />
            </label>
            <button type="submit" className={button}>
              Upload with the form
            </button>
          </form>
        </section>
      )}
      {answer && (
        <section aria-label="Answer" data-testid="browser-post-answer" className="text-xs">
          <p className="font-semibold">HTTP {answer.status}</p>
          <ul className="font-mono">
            {answer.headers
              .filter(([k]) => k === 'etag' || k === 'location' || k.startsWith('x-amz-server-side-encryption'))
              .map(([k, v]) => (
                <li key={k} className="break-all">
                  {k}: {v}
                </li>
              ))}
          </ul>
          {answer.body && (
            <pre
              tabIndex={0}
              aria-label="Response body"
              className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-[var(--panel)] p-1 font-mono"
            >
              {answer.body}
            </pre>
          )}
        </section>
      )}
    </div>
  )
}
