/**
 * Reads a request body once and checks every integrity claim that came with it: aws-chunked framing,
 * x-amz-content-sha256, Content-MD5 and the flexible x-amz-checksum-* (in a header or a trailer).
 */
import { checksumBase64, DIGEST_BYTES, isChecksumAlgorithm, sha256, type ChecksumAlgorithm } from '../crypto/checksums'
import { fromBase64, toHex } from '../crypto/bytes'
import { md5Base64 } from '../crypto/md5'
import { S3Error, invalidRequest } from '../s3/errors'
import { ChunkedFormatError, decodeAwsChunked } from './aws-chunked'

export interface ReceivedBody {
  bytes: Uint8Array
  /** The checksum the client sent, verified. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string }
}

const NOT_CHECKSUMS = new Set(['x-amz-checksum-mode', 'x-amz-checksum-algorithm', 'x-amz-checksum-type'])

export async function readBody(request: Request): Promise<ReceivedBody> {
  const raw = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0)
  const headers = request.headers
  const payloadHash = headers.get('x-amz-content-sha256') ?? ''
  const chunked = (headers.get('content-encoding') ?? '').split(',').some((e) => e.trim() === 'aws-chunked') || payloadHash.startsWith('STREAMING-')

  let bytes: Uint8Array = raw
  const claims = new Map<string, string>()
  if (chunked) {
    try {
      const decoded = decodeAwsChunked(raw)
      bytes = decoded.body
      for (const [name, value] of Object.entries(decoded.trailers)) claims.set(name, value)
    } catch (e) {
      if (e instanceof ChunkedFormatError) throw new S3Error('IncompleteBody', 'The request body terminated unexpectedly', 400)
      throw e
    }
    const declared = headers.get('x-amz-decoded-content-length')
    if (declared !== null && Number(declared) !== bytes.length) {
      throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400)
    }
  }
  headers.forEach((value, name) => {
    if (name.startsWith('x-amz-checksum-') && !NOT_CHECKSUMS.has(name)) claims.set(name, value)
  })

  if (/^[0-9a-f]{64}$/i.test(payloadHash)) {
    const computed = toHex(await sha256(bytes))
    if (computed !== payloadHash.toLowerCase()) {
      throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: computed,
      })
    }
  }

  const contentMd5 = headers.get('content-md5')
  if (contentMd5 !== null) {
    if (fromBase64(contentMd5)?.length !== 16) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 })
    const computed = md5Base64(bytes)
    if (computed !== contentMd5) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
        ExpectedDigest: contentMd5,
        CalculatedDigest: computed,
      })
    }
  }

  const checksumHeaders = [...claims.keys()].filter((n) => n.startsWith('x-amz-checksum-'))
  if (checksumHeaders.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.')
  if (checksumHeaders.length === 0) return { bytes }
  const name = checksumHeaders[0]!
  const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase()
  if (!isChecksumAlgorithm(algorithm)) throw invalidRequest(`Value for ${name} header is invalid.`)
  const value = claims.get(name)!
  if (fromBase64(value)?.length !== DIGEST_BYTES[algorithm]) throw invalidRequest(`Value for ${name} header is invalid.`)
  if ((await checksumBase64(algorithm, bytes)) !== value) {
    throw new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400)
  }
  return { bytes, checksum: { algorithm, value } }
}
