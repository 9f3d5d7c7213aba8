/**
 * @aws-sdk/client-s3 wired straight to `emulator.handle()` (no sockets): the SDK builds, signs and parses
 * exactly as it does over HTTP, and a test can add or remove raw headers after the SDK's own middleware
 * (its SSE-C middleware always recomputes the key MD5, for instance).
 */
import { Readable } from 'node:stream'
import { S3Client } from '@aws-sdk/client-s3'
import type { Emulator } from '@/lib/emulator/create-emulator'
import type { WireRequest } from '@/lib/sdk/recorder'
import { testCredentials } from './server'

export interface LastExchange {
  status: number
  headers: Record<string, string>
  body: string
}

async function bodyBytes(body: unknown): Promise<Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (body instanceof Uint8Array) return body
  if (body instanceof Readable) {
    const chunks: Buffer[] = []
    for await (const c of body) chunks.push(Buffer.from(c as Uint8Array))
    return Buffer.concat(chunks)
  }
  throw new Error(`unsupported request body ${typeof body}`)
}

export function inProcessS3(
  emulator: Emulator,
  endpoint = 'https://127.0.0.1:4566',
): { s3: S3Client; last: () => LastExchange } {
  let last: LastExchange = { status: 0, headers: {}, body: '' }
  const requestHandler = {
    async handle(request: WireRequest) {
      const query = new URLSearchParams()
      for (const [k, v] of Object.entries(request.query ?? {})) {
        if (v === null) query.append(k, '')
        else for (const one of Array.isArray(v) ? v : [v]) query.append(k, one)
      }
      const qs = query.toString().replace(/=(&|$)/g, '$1')
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${qs ? `?${qs}` : ''}`
      const body = await bodyBytes(request.body)
      const response = await emulator.handle(
        new Request(url, {
          method: request.method,
          headers: request.headers,
          ...(body ? { body: body as BodyInit } : {}),
        }),
      )
      const bytes = Buffer.from(await response.arrayBuffer())
      const headers: Record<string, string> = {}
      response.headers.forEach((v, k) => (headers[k] = v))
      last = { status: response.status, headers, body: bytes.toString('utf8') }
      return { response: { statusCode: response.status, headers, body: Readable.from([bytes]) } }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: testCredentials,
    requestHandler,
  })
  return { s3, last: () => last }
}

/** Sets (string) or removes (null) raw headers after the SDK's own middleware, before signing. */
export function rawHeaders<C extends { middlewareStack: { add: (...a: never[]) => unknown } }>(
  command: C,
  set: Record<string, string | null>,
): C {
  const add = command.middlewareStack.add as unknown as (mw: unknown, opts: { step: string; name: string }) => void
  add(
    (next: (args: { request: { headers: Record<string, string> } }) => unknown) =>
      (args: { request: { headers: Record<string, string> } }) => {
        for (const [name, value] of Object.entries(set)) {
          for (const existing of Object.keys(args.request.headers))
            if (existing.toLowerCase() === name.toLowerCase()) delete args.request.headers[existing]
          if (value !== null) args.request.headers[name] = value
        }
        return next(args)
      },
    { step: 'build', name: `rawHeaders-${Object.keys(set).join(',')}` },
  )
  return command
}
