/** Drives the emulator in-process through `handle(Request)`, the way every host does, and reads S3 XML errors. */
import { createEmulator, type Emulator, type EmulatorOptions } from '@/lib/emulator/create-emulator'

export const ENDPOINT = 'http://127.0.0.1:4566'

export interface SendInit {
  headers?: Record<string, string>
  body?: string | Uint8Array
}

export interface Harness {
  emulator: Emulator
  /** `path` is appended to ENDPOINT; a full URL (for virtual-hosted requests) is used as is. */
  send(method: string, path: string, init?: SendInit): Promise<Response>
}

export function harness(options: EmulatorOptions = {}): Harness {
  const emulator = createEmulator(options)
  return {
    emulator,
    send: (method, path, init = {}) =>
      emulator.handle(
        new Request(path.startsWith('http') ? path : ENDPOINT + path, {
          method,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(init.body !== undefined ? { body: init.body as BodyInit } : {}),
        }),
      ),
  }
}

export interface ParsedError {
  /** Child elements of <Error>, in document order. */
  elements: [string, string][]
  fields: Record<string, string>
  code?: string
  message?: string
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** Parses S3's flat <Error> document (every child is a text element). */
export function parseError(xml: string): ParsedError {
  const inner = /<Error>([\s\S]*)<\/Error>/.exec(xml)?.[1]
  if (inner === undefined) throw new Error(`not an S3 <Error> document: ${xml}`)
  const elements = [...inner.matchAll(/<([A-Za-z0-9-]+)>([^<]*)<\/\1>/g)].map((m): [string, string] => [
    m[1]!,
    unescape(m[2]!),
  ])
  const fields = Object.fromEntries(elements)
  return {
    elements,
    fields,
    ...(fields.Code !== undefined ? { code: fields.Code } : {}),
    ...(fields.Message !== undefined ? { message: fields.Message } : {}),
  }
}

export async function errorOf(response: Response): Promise<ParsedError & { status: number }> {
  return { status: response.status, ...parseError(await response.text()) }
}
