/**
 * A request body, read once as it streams in, with every integrity claim that came with it checked when
 * it ends: aws-chunked framing, x-amz-decoded-content-length, x-amz-content-sha256, Content-MD5 and the
 * flexible x-amz-checksum-* (in a header or a trailer). The digests are computed incrementally, so a
 * PutObject of any size is verified without holding it (lib/s3/payload.ts).
 */
import { DIGEST_BYTES, isChecksumAlgorithm, type ChecksumAlgorithm } from '../crypto/checksums'
import { fromBase64, toBase64, toHex } from '../crypto/bytes'
import { S3Error, invalidRequest } from '../s3/errors'
import { DigestingPayload } from '../s3/payload'
import { AwsChunkedDecoder, ChunkedFormatError } from './aws-chunked'

export interface ReceivedBody {
  bytes: Uint8Array
  /** The checksum the client sent, verified. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string }
}

const NOT_CHECKSUMS = new Set(['x-amz-checksum-mode', 'x-amz-checksum-algorithm', 'x-amz-checksum-type'])
const PREFIX = 'x-amz-checksum-'

const incomplete = () =>
  new S3Error(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  )
const truncated = () => new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400)

const algorithmOf = (name: string): ChecksumAlgorithm | undefined => {
  const a = name.slice(PREFIX.length).toUpperCase()
  return isChecksumAlgorithm(a) ? a : undefined
}

async function* rawChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return
  const reader = stream.getReader()
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>
      try {
        step = await reader.read()
      } catch {
        throw incomplete() // the client went away mid-body
      }
      if (step.done) return
      yield step.value
    }
  } finally {
    reader.releaseLock()
  }
}

export class RequestBody extends DigestingPayload {
  private readonly claims = new Map<string, string>()
  private readonly chunked: boolean
  private decodedLength = 0

  constructor(private readonly request: Request) {
    const headers = request.headers
    const payloadHash = headers.get('x-amz-content-sha256') ?? ''
    const chunked =
      (headers.get('content-encoding') ?? '').split(',').some((e) => e.trim() === 'aws-chunked') ||
      payloadHash.startsWith('STREAMING-')
    const announcedNames: string[] = []
    headers.forEach((_, name) => {
      if (name.startsWith(PREFIX) && !NOT_CHECKSUMS.has(name)) announcedNames.push(name)
    })
    for (const t of (headers.get('x-amz-trailer') ?? '').split(',')) {
      const name = t.trim().toLowerCase()
      if (name.startsWith(PREFIX)) announcedNames.push(name)
    }
    const announced = announcedNames.map(algorithmOf).filter((a): a is ChecksumAlgorithm => a !== undefined)
    super(() => this.decode(), announced.length === 1 ? announced[0] : undefined)
    this.chunked = chunked
    for (const a of announced) this.want(a)
    if (/^[0-9a-f]{64}$/i.test(payloadHash)) this.want('SHA256')
    if (headers.get('content-md5') !== null) this.want('MD5')
  }

  private async *decode(): AsyncGenerator<Uint8Array> {
    if (!this.chunked) {
      yield* rawChunks(this.request.body)
      return
    }
    const decoder = new AwsChunkedDecoder()
    try {
      for await (const raw of rawChunks(this.request.body)) {
        for (const piece of decoder.push(raw)) {
          this.decodedLength += piece.length
          yield piece
        }
      }
      for (const [name, value] of Object.entries(decoder.end())) this.claims.set(name, value)
    } catch (e) {
      if (e instanceof ChunkedFormatError) throw truncated()
      throw e
    }
  }

  protected override async verify(): Promise<void> {
    const headers = this.request.headers
    // A body that ended early without the transport noticing: fewer bytes than Content-Length said.
    const contentLength = headers.get('content-length')
    if (!this.chunked && contentLength !== null && /^\d+$/.test(contentLength) && Number(contentLength) !== this.size)
      throw incomplete()
    if (this.chunked) {
      const declared = headers.get('x-amz-decoded-content-length')
      if (declared !== null && Number(declared) !== this.decodedLength) throw incomplete()
    }
    headers.forEach((value, name) => {
      if (name.startsWith(PREFIX) && !NOT_CHECKSUMS.has(name)) this.claims.set(name, value)
    })

    const payloadHash = headers.get('x-amz-content-sha256') ?? ''
    if (/^[0-9a-f]{64}$/i.test(payloadHash)) {
      const computed = toHex(this.digest('SHA256'))
      if (computed !== payloadHash.toLowerCase()) {
        throw new S3Error(
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          400,
          {
            ClientComputedContentSHA256: payloadHash,
            S3ComputedContentSHA256: computed,
          },
        )
      }
    }

    const contentMd5 = headers.get('content-md5')
    if (contentMd5 !== null) {
      if (fromBase64(contentMd5)?.length !== 16)
        throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, {
          'Content-MD5': contentMd5,
        })
      const computed = toBase64(this.digest('MD5'))
      if (computed !== contentMd5) {
        throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
          ExpectedDigest: contentMd5,
          CalculatedDigest: computed,
        })
      }
    }

    const names = [...this.claims.keys()].filter((n) => n.startsWith(PREFIX))
    if (names.length > 1)
      throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.')
    if (names.length === 0) return
    const name = names[0]!
    const algorithm = algorithmOf(name)
    if (!algorithm) throw invalidRequest(`Value for ${name} header is invalid.`)
    const value = this.claims.get(name)!
    if (fromBase64(value)?.length !== DIGEST_BYTES[algorithm])
      throw invalidRequest(`Value for ${name} header is invalid.`)
    let computed: Uint8Array
    try {
      computed = this.digest(algorithm)
    } catch {
      // Simulation note: a trailing checksum that x-amz-trailer did not announce; S3's code for malformed trailers.
      throw new S3Error(
        'MalformedTrailerError',
        'The request contained trailing data that was not well-formed or did not conform to our published schema.',
        400,
      )
    }
    if (toBase64(computed) !== value)
      throw new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400)
    this.checksum = { algorithm, value }
  }
}

/** Reads a whole body and checks it (small bodies: XML and JSON documents, tests). */
export async function readBody(request: Request): Promise<ReceivedBody> {
  const body = new RequestBody(request)
  const bytes = await body.bytes()
  return { bytes, ...(body.checksum ? { checksum: body.checksum } : {}) }
}
