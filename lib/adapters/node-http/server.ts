/**
 * The emulator over real HTTP on localhost, for the real aws-cli and SDKs: node:http → Fetch Request →
 * the same `handle` the browser uses → node:http response. Bodies stream both ways with backpressure:
 * the request is pulled from the socket only as fast as the emulator encrypts it, and the response is
 * pulled from the emulator only as fast as the client reads it, so no object body is ever held whole.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { Socket } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Emulator } from '../../emulator/create-emulator'
import { renderS3Error } from '../../protocol/s3/errors'
import { createContext } from '../../protocol/context'
import { applyLimits, refusal, S3_LIMITS, serverOptions, watchSlowClient, type ServerLimits } from './limits'
import { hostPolicy } from '../../protocol/origins'
import { RAW_PATH_HEADER } from '../../protocol/raw-path'
import { S3Error } from '../../s3/errors'

export interface ServeOptions {
  port: number
  /** Default 127.0.0.1: this machine only. Other hosts must be asked for (`--host`). */
  host?: string
}

/** The request body as a pull-based web stream: one socket read per pull, so a slow consumer pauses the socket. */
export function requestBodyStream(req: IncomingMessage, refused = () => false): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await iterator.next()
          if (refused()) controller.error(new Error('malformed bytes after the body'))
          else if (step.done) controller.close()
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

/** Who may reach the server, beyond the socket's address: which Host names it serves, whether a proxy is trusted. */
export interface NetworkOptions {
  /** Host header check (default: loopback names and their subdomains: hostPolicy('127.0.0.1')). */
  allowHost?: (host: string | undefined) => boolean
  /** Take the audit record's source IP from X-Forwarded-For (default false: the socket's peer address). */
  trustProxy?: boolean
}

function toRequest(
  req: IncomingMessage,
  scheme: 'http' | 'https',
  trustProxy: boolean,
  refused: () => boolean,
): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === RAW_PATH_HEADER) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  // Only a proxy the operator named may say who the client is; otherwise the peer address is the source.
  if (!trustProxy || !headers.has('x-forwarded-for'))
    headers.set('x-forwarded-for', (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''))
  // The path exactly as sent: `new Request` would resolve `..` segments, and S3 keys are literal.
  headers.set(RAW_PATH_HEADER, rawPath(req.url ?? '/'))
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  // The scheme tells the emulator whether the request came over TLS (S3 refuses SSE-C over plain http).
  return new Request(`${scheme}://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    ...(hasBody ? { body: requestBodyStream(req, refused), duplex: 'half' } : {}),
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
  network: NetworkOptions = {},
): Server {
  const allowHost = network.allowHost ?? hostPolicy('127.0.0.1')
  // The request each connection is serving: bytes past its Content-Length that are no HTTP make it fail.
  const serving = new WeakMap<Socket, IncomingMessage>()
  const refusedBodies = new WeakSet<IncomingMessage>()
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    serving.set(req.socket, req)
    const refused = allowHost(req.headers.host) ? refusal(req, limits) : hostNotServed()
    if (refused) {
      // Refused before its body is read: answer, and close rather than read gigabytes to reuse the socket.
      const request = new Request('http://localhost/', { method: req.method ?? 'GET' })
      void send(renderS3Error(refused, createContext(request, emulator.random)), res, false).then(() =>
        req.socket.destroySoon(),
      )
      return
    }
    watchSlowClient(req, res, limits)
    // A request answered before its body was read (an error found in the headers): drain what is left so
    // the connection stays usable, unless that is a lot (a refused 600 MB policy): then hang up instead.
    res.once('finish', () => {
      if (req.complete) return
      if (Number(req.headers['content-length'] ?? Infinity) > DRAIN_AT_MOST) req.socket.destroySoon()
      else req.resume()
    })
    let request: Request
    try {
      request = toRequest(req, tls ? 'https' : 'http', network.trustProxy ?? false, () => refusedBodies.has(req))
    } catch {
      // A request target no URL can hold (`GET http://[ HTTP/1.1`): S3's answer for an unparseable URI.
      const error = new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400)
      void send(renderS3Error(error, createContext(new Request('http://localhost/'), emulator.random)), res, false)
      return
    }
    emulator
      .handle(request)
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
  // More body bytes than Content-Length said (the rest is no request): the body in flight is refused too, so
  // the object is not stored, and the connection gets 400 BadRequest.
  applyLimits(server, limits, (socket) => {
    const req = serving.get(socket)
    if (req) refusedBodies.add(req)
  })
  // Expect: 100-continue (aws-cli and the SDKs send it for large bodies): say no before the body is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!refusal(req, limits)) res.writeContinue()
    listener(req, res)
  })
  return server
}

/**
 * A Host the server does not serve: a page on another name that resolves here (DNS rebinding) must not reach
 * the emulator through the user's browser (docs/security.md).
 */
const hostNotServed = () =>
  new S3Error(
    'AccessDenied',
    'This emulator serves loopback host names only (localhost, 127.0.0.1, [::1] and their subdomains); start it with --host NAME to serve NAME.',
    403,
  )

/** Body bytes still to come that are read and dropped to keep a connection after an early answer. */
const DRAIN_AT_MOST = 1024 * 1024

/** A request target as a header value: bytes over 0x7f (Node gives them as latin1 characters) percent-encoded. */
const rawPath = (target: string) =>
  target.replace(/[^\x21-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)

export function listen(server: Server, { port, host = '127.0.0.1' }: ServeOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}
