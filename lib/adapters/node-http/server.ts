/**
 * The emulator over real HTTP on localhost, for the real aws-cli and SDKs: node:http → Fetch Request →
 * the same `handle` the browser uses → node:http response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { Readable } from 'node:stream'
import type { Emulator } from '../../emulator/create-emulator'

export interface ServeOptions {
  port: number
  host: string
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

/** With `tls` (a key and certificate in PEM), an https server: SSE-C works without any override. */
export function createEmulatorServer(emulator: Emulator, tls?: { key: Buffer; cert: Buffer }): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    emulator
      .handle(toRequest(req, tls ? 'https' : 'http'))
      .then((response) => send(response, res, req.method === 'HEAD'))
      .catch((error: unknown) => {
        console.error('[emulator] could not answer a request:', error)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
  }
  return tls ? createTlsServer(tls, listener) : createServer(listener)
}

export function listen(server: Server, { port, host }: ServeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}
