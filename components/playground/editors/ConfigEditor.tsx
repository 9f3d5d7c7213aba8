'use client'
/**
 * One configuration document in Monaco with its JSON schema: loaded with the Get call, sent with the Put
 * call, both through the SDK so they show in the inspector and the audit trail. Loaded lazily (Monaco).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { bucketEncryptionSchema, type SchemaContext } from '@/lib/editors/bucket-encryption-schema'
import { bucketPolicySchema, keyPolicySchema } from '@/lib/editors/policy-schema'
import {
  applyDocument,
  DOCUMENT_LABELS,
  loadDocument,
  serviceError,
  type DocumentClients,
  type DocumentKind,
  type ServiceErrorInfo,
} from '@/lib/editors/config-documents'
import type { JsonSchema } from '@/lib/editors/json-schema'
import { MonacoEditor } from './MonacoEditor'
import { jsonDefaults, type monaco } from './monaco'

export interface ConfigEditorProps {
  kind: DocumentKind
  /** A bucket name, or a key id. */
  target: string
  /** The account, region and keys the schema's examples name. */
  context: SchemaContext
  clients: () => DocumentClients
  /** After a successful Apply (the panels re-read the emulator). */
  onApplied?: () => void
}

type Status =
  | { state: 'loading' }
  | { state: 'idle'; note?: string }
  | { state: 'applying' }
  | { state: 'applied' }
  | { state: 'error'; error: ServiceErrorInfo; during: string }

const SCHEMA_BASE = 'https://schemas.s3-encryption-playground.invalid/'

/** Monaco's JSON service keeps one schema list; each open document adds its own entry. */
const schemas = new Map<string, { uri: string; fileMatch: string[]; schema: JsonSchema }>()
function useSchema(path: string, schema: JsonSchema) {
  useEffect(() => {
    schemas.set(path, { uri: `${SCHEMA_BASE}${path}`, fileMatch: [`inmemory://playground${path}`], schema })
    jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      enableSchemaRequest: false,
      schemaValidation: 'error',
      schemas: [...schemas.values()],
    })
    return () => {
      schemas.delete(path)
    }
  }, [path, schema])
}

function schemaFor(kind: DocumentKind, target: string, context: SchemaContext): JsonSchema {
  if (kind === 'bucket-encryption') return bucketEncryptionSchema(context)
  if (kind === 'bucket-policy') return bucketPolicySchema(context, target)
  return keyPolicySchema(context)
}

export default function ConfigEditor({ kind, target, context, clients, onApplied }: ConfigEditorProps) {
  const schema = useMemo(() => schemaFor(kind, target, context), [kind, target, context])
  const labels = DOCUMENT_LABELS[kind]
  const path = `/${kind}/${target}.json`
  const [initial, setInitial] = useState<string>()
  const [status, setStatus] = useState<Status>({ state: 'loading' })
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined)
  useSchema(path, schema)

  const load = useCallback(async () => {
    setStatus({ state: 'loading' })
    try {
      const loaded = await loadDocument(clients(), kind, target)
      setInitial(loaded.text)
      editor.current?.setValue(loaded.text)
      setStatus({
        state: 'idle',
        ...(loaded.exists
          ? {}
          : {
              note: 'This bucket has no policy yet (GetBucketPolicy: NoSuchBucketPolicy). Start from a snippet: Ctrl+Space inside the braces.',
            }),
      })
    } catch (error) {
      setStatus({ state: 'error', error: serviceError(error), during: labels.get })
    }
  }, [clients, kind, target, labels.get])

  useEffect(() => {
    // Loading sends a request; the state it sets arrives asynchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load()
  }, [load])

  const apply = async () => {
    const text = editor.current?.getValue() ?? initial ?? ''
    setStatus({ state: 'applying' })
    try {
      await applyDocument(clients(), kind, target, text)
      setStatus({ state: 'applied' })
      onApplied?.()
    } catch (error) {
      setStatus({ state: 'error', error: serviceError(error), during: labels.put })
    }
  }

  return (
    <div className="flex h-full min-h-0 flex-col gap-2" data-testid="config-editor" data-kind={kind}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          onClick={() => void apply()}
          disabled={status.state === 'loading' || status.state === 'applying'}
          className="rounded border border-[var(--border)] bg-[var(--panel)] px-3 py-1 font-semibold"
        >
          Apply ({labels.put})
        </button>
        <button type="button" onClick={() => void load()} className="rounded border border-[var(--border)] px-3 py-1">
          Reload ({labels.get})
        </button>
        <span className="text-xs text-[var(--muted)]">Ctrl+Space: completions. Hover a key for what it means.</span>
      </div>
      <div role="status" aria-live="polite" className="text-sm" data-testid="config-editor-status">
        {status.state === 'loading' && <span>Loading with {labels.get}…</span>}
        {status.state === 'idle' && status.note && <span>{status.note}</span>}
        {status.state === 'applying' && <span>Sending {labels.put}…</span>}
        {status.state === 'applied' && <span>✓ {labels.put} succeeded. See the request in the inspector.</span>}
        {status.state === 'error' && (
          <span className="text-red-700 dark:text-red-300" data-testid="service-error">
            {status.during} failed{status.error.status ? ` (HTTP ${status.error.status})` : ''}:{' '}
            <strong>{status.error.name}</strong>: {status.error.message}
          </span>
        )}
      </div>
      {initial !== undefined && (
        <MonacoEditor
          path={path}
          language="json"
          value={initial}
          label={`${labels.title} of ${target} (JSON)`}
          onReady={(ed) => {
            editor.current = ed
          }}
          className="min-h-[16rem] flex-1 rounded border border-[var(--border)]"
        />
      )}
    </div>
  )
}
