/**
 * The emulator over real HTTP on localhost, for the real aws-cli and SDKs: node:http → Fetch Request →
 * the same `handle` the browser uses → node:http response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { Readable } from 'node:stream'
import type { Emulator } from '../../emulator/create-emulator'
import { renderS3Error } from '../../protocol/s3/errors'
import { createContext } from '../../protocol/context'
import { applyLimits, refusal, S3_LIMITS, serverOptions, watchSlowClient, type ServerLimits } from './limits'

export interface ServeOptions {
  port: number
  /** Default 127.0.0.1: this machine only. Other hosts must be asked for (`--host`). */
  host?: string
}

function toRequest(req: IncomingMessage, scheme: 'http' | 'https'): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  // The scheme tells the emulator whether the request came over TLS (S3 refuses SSE-C over plain http).
  return new Request(`${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit)
}

async function send(response: Response, res: ServerResponse, isHead: boolean): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  // Fetch Responses do not carry Content-Length for bodies built from bytes; S3 always sends it.
  if (!isHead && headers['content-length'] === undefined) {
    const bytes = new Uint8Array(await response.arrayBuffer())
    res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) })
    res.end(bytes)
    return
  }
  res.writeHead(response.status, headers)
  if (isHead || !response.body) return void res.end()
  Readable.fromWeb(response.body as never).pipe(res)
}

/**
 * With `tls` (a key and certificate in PEM), an https server: SSE-C works without any override. `limits`
 * are S3's (header size, PUT size, slow clients: limits.ts); tests pass smaller ones.
 */
export function createEmulatorServer(emulator: Emulator, tls?: { key: Buffer; cert: Buffer }, limits: ServerLimits = S3_LIMITS): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(req, limits)
    if (refused) {
      // Refused before its body is read: answer, and close rather than read gigabytes to reuse the socket.
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { method: req.method ?? 'GET' })
      void send(renderS3Error(refused, createContext(request, emulator.random)), res, false).then(() => req.socket.destroySoon())
      return
    }
    watchSlowClient(req, res, limits)
    emulator
      .handle(toRequest(req, tls ? 'https' : 'http'))
      .then((response) => send(response, res, req.method === 'HEAD'))
      .catch((error: unknown) => {
        console.error('[emulator] could not answer a request:', error)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
  }
  const server = tls ? createTlsServer({ ...tls, ...serverOptions(limits) }, listener) : createServer(serverOptions(limits), listener)
  applyLimits(server, limits)
  // Expect: 100-continue (aws-cli and the SDKs send it for large bodies): say no before the body is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!refusal(req, limits)) res.writeContinue()
    listener(req, res)
  })
  return server
}

export function listen(server: Server, { port, host = '127.0.0.1' }: ServeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}
