/**
 * The Node server's limits, with S3's own numbers and errors: a header section over 8 KiB gets
 * 400 RequestHeaderSectionTooLarge, a single PUT (PutObject, UploadPart) over 5 GiB gets 400 EntityTooLarge
 * before any of its body is read, and a client that stops sending gets 400 RequestTimeout and is
 * disconnected. There is no cap on the time a whole request takes, so a slow but steady 1 GiB upload is
 * never cut off: only silence is (docs/security.md).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { S3Error } from '../../s3/errors'
import { renderS3Error } from '../../protocol/s3/errors'
import { createContext } from '../../protocol/context'

export interface ServerLimits {
  /** Bytes of request line and headers (S3: 8 KiB). */
  maxHeaderBytes: number
  /** Bytes of one PUT body (S3: 5 GiB for PutObject and UploadPart). */
  maxPutBytes: number
  /** A client that has not finished its headers after this long is answered RequestTimeout. */
  headersTimeoutMs: number
  /** A client whose request stays silent (no byte of header or body) this long is answered RequestTimeout. */
  idleTimeoutMs: number
}

export const S3_LIMITS: ServerLimits = {
  maxHeaderBytes: 8 * 1024,
  maxPutBytes: 5 * 1024 ** 3,
  headersTimeoutMs: 20_000,
  idleTimeoutMs: 20_000,
}

const random = (n: number) => new Uint8Array(randomBytes(n))

export const headerSectionTooLarge = (max: number) =>
  new S3Error('RequestHeaderSectionTooLarge', 'Your request header section exceeds the maximum allowed size.', 400, {
    MaxSizeAllowed: String(max),
  })
export const entityTooLarge = (proposed: number, max: number) =>
  new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400, {
    ProposedSize: String(proposed),
    MaxSizeAllowed: String(max),
  })
export const requestTimeout = () =>
  new S3Error(
    'RequestTimeout',
    'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
    400,
  )

/** HTTP the parser could not read (two Content-Lengths, CL with Transfer-Encoding, a bare CR...): docs/fidelity.md Q15. */
export const badHttp = () => new S3Error('BadRequest', 'An error occurred when parsing the HTTP request.', 400)

/** The S3 error document for a request that never became a Request (its headers were refused or never ended). */
async function rawErrorResponse(error: S3Error): Promise<string> {
  const response = renderS3Error(error, createContext(new Request('http://localhost/'), random))
  const body = await response.text()
  const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\r\n')
  return `HTTP/1.1 ${error.status} Bad Request\r\n${headers}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
}

/** The options createServer needs for these limits. */
export const serverOptions = (limits: ServerLimits) => ({
  maxHeaderSize: limits.maxHeaderBytes,
  headersTimeout: limits.headersTimeoutMs,
  // The whole-request cap would cut off long uploads: slow clients are caught by the idle timeout instead.
  requestTimeout: 0,
  // How often Node checks headersTimeout (its default, 30 s, would make the limit 20–50 s).
  connectionsCheckingInterval: Math.max(100, Math.min(1000, limits.headersTimeoutMs / 2)),
})

/** Answers refused and timed-out connections with S3's XML instead of Node's bare 431 or 408. */
export function applyLimits(server: Server, limits: ServerLimits, onMalformed?: (socket: Socket) => void): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code?.startsWith('HPE_')) onMalformed?.(socket)
    const s3Error =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? headerSectionTooLarge(limits.maxHeaderBytes)
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? requestTimeout()
          : error.code?.startsWith('HPE_')
            ? badHttp()
            : undefined
    // Malformed HTTP is answered (400), never just cut: a client sees why, and the connection closes.
    if (!socket.writable || !s3Error) return void socket.destroy()
    void rawErrorResponse(s3Error).then((raw) => socket.end(raw))
  })
}

/** A PUT whose declared body is over S3's 5 GiB: refused before a byte of it is read. */
export function refusal(req: IncomingMessage, limits: ServerLimits): S3Error | undefined {
  if (req.method !== 'PUT') return undefined
  const declared = Number(req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length'] ?? 0)
  return declared > limits.maxPutBytes ? entityTooLarge(declared, limits.maxPutBytes) : undefined
}

/**
 * Silence while a request arrives is the client's: answer RequestTimeout and hang up. Once the body has
 * all arrived the time is the emulator's (encrypting 1 GiB takes a while), so the timer stops.
 */
export function watchSlowClient(req: IncomingMessage, res: ServerResponse, limits: ServerLimits): void {
  req.setTimeout(limits.idleTimeoutMs, () => {
    if (req.complete) return
    if (!res.headersSent) {
      const response = renderS3Error(requestTimeout(), createContext(new Request('http://localhost/'), random))
      res.writeHead(response.status, { ...Object.fromEntries(response.headers), connection: 'close' })
      void response.text().then((body) => res.end(body, () => req.socket.destroy()))
    } else req.socket.destroy()
  })
  req.once('end', () => req.setTimeout(0))
  res.once('finish', () => req.setTimeout(0))
}
