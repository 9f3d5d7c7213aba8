/**
 * Decoder for `Content-Encoding: aws-chunked` bodies (SigV4 streaming, S3 API "Signature Calculations
 * for the Authorization Header: Transferring Payload in Multiple Chunks"):
 *   hex-size[;chunk-signature=sig]\r\n <bytes> \r\n ... 0[;chunk-signature=sig]\r\n [trailer: value\r\n]* \r\n
 * Trailing headers carry the flexible checksum (x-amz-trailer) that SDKs compute while streaming.
 */
import { concat, fromUtf8 } from '../crypto/bytes'

export interface Decoded {
  body: Uint8Array
  trailers: Record<string, string>
}

export class ChunkedFormatError extends Error {}

function readLine(data: Uint8Array, from: number): [line: string, next: number] {
  for (let i = from; i < data.length - 1; i++) {
    if (data[i] === 13 && data[i + 1] === 10) return [fromUtf8(data.subarray(from, i)), i + 2]
  }
  throw new ChunkedFormatError('aws-chunked body ends inside a line')
}

export function decodeAwsChunked(data: Uint8Array): Decoded {
  const parts: Uint8Array[] = []
  let offset = 0
  for (;;) {
    const [header, next] = readLine(data, offset)
    const sizeText = header.split(';')[0]!.trim()
    if (!/^[0-9a-f]{1,8}$/i.test(sizeText)) throw new ChunkedFormatError(`bad chunk size line "${header}"`)
    const size = parseInt(sizeText, 16)
    offset = next
    if (size === 0) break
    if (offset + size + 2 > data.length) throw new ChunkedFormatError('aws-chunked chunk is shorter than its declared size')
    // The chunk's own CRLF must follow exactly `size` bytes; anything else means the size line lied.
    if (data[offset + size] !== 13 || data[offset + size + 1] !== 10) throw new ChunkedFormatError('aws-chunked chunk is not the size it declared')
    parts.push(data.subarray(offset, offset + size))
    offset += size + 2 // the chunk's own \r\n
  }
  const trailers: Record<string, string> = {}
  while (offset < data.length) {
    const [line, next] = readLine(data, offset)
    offset = next
    if (line === '') break
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { body: concat(...parts), trailers }
}
