/** One HTTP exchange as the inspector shows it, and the log that collects them. */
import type { TraceStep } from '../trace/trace'

export interface Exchange {
  id: number
  /** S3's x-amz-request-id (or KMS's x-amzn-requestid). */
  requestId?: string
  operation?: string
  method: string
  url: string
  status: number
  requestHeaders: [string, string][]
  responseHeaders: [string, string][]
  requestBodySize: number
  /** Request body as text when it is small and textual (XML, JSON), else undefined. */
  requestBody?: string
  responseBodySize: number
  responseBody?: string
  startedAt: number
  ms: number
  /**
   * Set when the exchange went to a real target (not the emulator): where it went. The headers are then
   * what browser code could read after CORS, recorded from the SDK's side (lib/sdk/recorder.ts).
   */
  target?: string
  /** 'no-response': fetch failed without any readable answer, usually a CORS refusal (or the network). */
  blocked?: 'no-response'
  /** Real targets that can tell (the project's own server): every header the server sent, before CORS. */
  sentHeaders?: [string, string][]
  /** The emulator's own steps for this request, with timings (absent for real targets). */
  trace?: TraceStep[]
}

export type ExchangeListener = (exchanges: readonly Exchange[]) => void

const MAX_EXCHANGES = 500
export const MAX_PREVIEW = 64 * 1024

export class ExchangeLog {
  private items: Exchange[] = []
  private readonly listeners = new Set<ExchangeListener>()
  private nextId = 1

  add(exchange: Omit<Exchange, 'id'>): Exchange {
    const full = { ...exchange, id: this.nextId++ }
    this.items = [...this.items, full].slice(-MAX_EXCHANGES)
    this.notify()
    return full
  }

  /** Adds what was learnt later about an exchange (the headers a strict-mode server says it sent). */
  update(id: number, patch: Partial<Omit<Exchange, 'id'>>): void {
    if (!this.items.some((e) => e.id === id)) return
    this.items = this.items.map((e) => (e.id === id ? { ...e, ...patch } : e))
    this.notify()
  }

  clear(): void {
    this.items = []
    this.notify()
  }

  all(): readonly Exchange[] {
    return this.items
  }

  subscribe(listener: ExchangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private notify() {
    for (const l of this.listeners) l(this.items)
  }
}

const TEXTUAL = /^(application\/(xml|json|x-amz-json-[\d.]+)|text\/)/

/** A readable preview of a body, or undefined for binary or large bodies. */
export function previewBody(bytes: Uint8Array, contentType: string | null): string | undefined {
  if (bytes.length === 0 || bytes.length > MAX_PREVIEW) return undefined
  if (contentType && !TEXTUAL.test(contentType)) return undefined
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  // Treat as binary when it is mostly not printable.
  const printable = text.replace(/[^\x20-\x7e\n\r\t\u00a0-\uffff]/g, '')
  return printable.length / text.length > 0.95 ? text : undefined
}

/** SSE-C keys are secrets: never show them, in the inspector or anywhere else. */
export const SECRET_HEADERS = [
  'x-amz-server-side-encryption-customer-key',
  'x-amz-copy-source-server-side-encryption-customer-key',
  'authorization',
  'x-amz-security-token',
]

/** An access key id shortened to its kind and last four characters (ASIA…WXYZ). */
const maskKeyId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…')

export function maskHeaders(headers: [string, string][]): [string, string][] {
  return headers.map(([k, v]) => {
    const name = k.toLowerCase()
    if (name === 'authorization')
      return [
        k,
        v
          .replace(/Signature=[0-9a-f]+/, 'Signature=••••')
          .replace(/Credential=([^/,\s]+)/, (_m, id: string) => `Credential=${maskKeyId(id)}`),
      ]
    return SECRET_HEADERS.includes(name) ? [k, '•••• (secret: not shown)'] : [k, v]
  })
}
