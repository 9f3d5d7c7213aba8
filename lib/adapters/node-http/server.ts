/**
 * The emulator over real HTTP on localhost, for the real aws-cli and SDKs: node:http → Fetch Request →
 * the same `handle` the browser uses → node:http response. Bodies stream both ways with backpressure:
 * the request is pulled from the socket only as fast as the emulator encrypts it, and the response is
 * pulled from the emulator only as fast as the client reads it, so no object body is ever held whole.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Emulator } from '../../emulator/create-emulator'
import { renderS3Error } from '../../protocol/s3/errors'
import { createContext } from '../../protocol/context'
import { applyLimits, refusal, S3_LIMITS, serverOptions, watchSlowClient, type ServerLimits } from './limits'

export interface ServeOptions {
  port: number
  /** Default 127.0.0.1: this machine only. Other hosts must be asked for (`--host`). */
  host?: string
}

/** The request body as a pull-based web stream: one socket read per pull, so a slow consumer pauses the socket. */
export function requestBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await iterator.next()
          if (step.done) controller.close()
          else controller.enqueue(new Uint8Array(step.value.buffer, step.value.byteOffset, step.value.byteLength))
        } catch (error) {
          controller.error(error)
        }
      },
      async cancel() {
        await iterator.return?.()
      },
    },
    { highWaterMark: 0 },
  )
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
    ...(hasBody ? { body: requestBodyStream(req), duplex: 'half' } : {}),
  } as RequestInit)
}

async function send(response: Response, res: ServerResponse, isHead: boolean): Promise<void> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => (headers[name] = value))
  // Fetch Responses do not carry Content-Length for bodies built from bytes; S3 always sends it. Those
  // bodies are small documents (XML, JSON); object bodies come with their length.
  if (!isHead && headers['content-length'] === undefined) {
    const bytes = new Uint8Array(await response.arrayBuffer())
    res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) })
    res.end(bytes)
    return
  }
  res.writeHead(response.status, headers)
  if (isHead || !response.body) {
    await response.body?.cancel()
    return void res.end()
  }
  // pipeline waits for the client to take each piece; a failure mid-body (damage found at rest, the client
  // gone) destroys the socket, so the client sees a cut response, never a short one that looks complete.
  await pipeline(Readable.fromWeb(response.body as never), res).catch(() => res.destroy())
}

/**
 * With `tls` (a key and certificate in PEM), an https server: SSE-C works without any override. `limits`
 * are S3's (header size, PUT size, slow clients: limits.ts); tests pass smaller ones.
 */
export function createEmulatorServer(
  emulator: Emulator,
  tls?: { key: Buffer; cert: Buffer },
  limits: ServerLimits = S3_LIMITS,
): Server {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(req, limits)
    if (refused) {
      // Refused before its body is read: answer, and close rather than read gigabytes to reuse the socket.
      const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
      })
      void send(renderS3Error(refused, createContext(request, emulator.random)), res, false).then(() =>
        req.socket.destroySoon(),
      )
      return
    }
    watchSlowClient(req, res, limits)
    // A request answered before its body was read (an error found in the headers): drain what is left so
    // the connection stays usable.
    res.once('finish', () => {
      if (!req.complete) req.resume()
    })
    emulator
      .handle(toRequest(req, tls ? 'https' : 'http'))
      .then((response) => send(response, res, req.method === 'HEAD'))
      .catch((error: unknown) => {
        console.error('[emulator] could not answer a request:', error)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
  }
  const server = tls
    ? createTlsServer({ ...tls, ...serverOptions(limits) }, listener)
    : createServer(serverOptions(limits), listener)
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
