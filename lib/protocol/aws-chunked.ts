/**
 * Decoder for `Content-Encoding: aws-chunked` bodies (SigV4 streaming, S3 API "Signature Calculations
 * for the Authorization Header: Transferring Payload in Multiple Chunks"):
 *   hex-size[;chunk-signature=sig]\r\n <bytes> \r\n ... 0[;chunk-signature=sig]\r\n [trailer: value\r\n]* \r\n
 * Trailing headers carry the flexible checksum (x-amz-trailer) that SDKs compute while streaming.
 * The decoder is incremental: it takes the body as it arrives and hands back payload as soon as it has it,
 * holding only a size or trailer line in between.
 */
import { concat, fromUtf8 } from '../crypto/bytes'

export interface Decoded {
  body: Uint8Array
  trailers: Record<string, string>
}

export class ChunkedFormatError extends Error {}

/** Longer size or trailer lines than this are not aws-chunked (a signature line is about 100 bytes). */
const MAX_LINE = 8192

type State = 'size' | 'data' | 'data-end' | 'trailers' | 'done'

export class AwsChunkedDecoder {
  private state: State = 'size'
  private line: number[] = []
  /** Bytes of the current chunk still to come. */
  private remaining = 0
  /** The CRLF after a chunk's bytes: how many of its two bytes have been seen. */
  private crlfSeen = 0
  readonly trailers: Record<string, string> = {}

  /** Feeds raw bytes; returns the payload pieces they complete (views into `data`). */
  push(data: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = []
    let i = 0
    while (i < data.length && this.state !== 'done') {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, data.length - i)
        if (take > 0) out.push(data.subarray(i, i + take))
        i += take
        this.remaining -= take
        if (this.remaining === 0) this.state = 'data-end'
        continue
      }
      if (this.state === 'data-end') {
        // The chunk's own CRLF must follow exactly `size` bytes; anything else means the size line lied.
        const expected = this.crlfSeen === 0 ? 13 : 10
        if (data[i] !== expected) throw new ChunkedFormatError('aws-chunked chunk is not the size it declared')
        i++
        if (++this.crlfSeen === 2) {
          this.crlfSeen = 0
          this.state = 'size'
        }
        continue
      }
      // A line (size or trailer): collect up to CRLF.
      const byte = data[i++]!
      if (byte === 10 && this.line.at(-1) === 13) {
        this.line.pop()
        this.endLine(fromUtf8(Uint8Array.from(this.line)))
        this.line = []
        continue
      }
      this.line.push(byte)
      if (this.line.length > MAX_LINE) throw new ChunkedFormatError('aws-chunked line is too long')
    }
    return out
  }

  private endLine(text: string): void {
    if (this.state === 'size') {
      const sizeText = text.split(';')[0]!.trim()
      if (!/^[0-9a-f]{1,8}$/i.test(sizeText)) throw new ChunkedFormatError(`bad chunk size line "${text}"`)
      const size = parseInt(sizeText, 16)
      if (size === 0) this.state = 'trailers'
      else {
        this.remaining = size
        this.state = 'data'
      }
      return
    }
    // Trailers, until the blank line that ends the body.
    if (text === '') {
      this.state = 'done'
      return
    }
    const colon = text.indexOf(':')
    if (colon > 0) this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim()
  }

  /** The body has ended: throws unless it ended after the final chunk (trailers and the blank line may be cut). */
  end(): Record<string, string> {
    if (this.state === 'trailers' && this.line.length > 0)
      throw new ChunkedFormatError('aws-chunked body ends inside a line')
    if (this.state !== 'trailers' && this.state !== 'done') {
      throw new ChunkedFormatError(
        this.state === 'size' && this.line.length === 0
          ? 'aws-chunked body ends before its final chunk'
          : 'aws-chunked chunk is shorter than its declared size',
      )
    }
    return this.trailers
  }
}

/** Decodes a whole aws-chunked body at once. */
export function decodeAwsChunked(data: Uint8Array): Decoded {
  const decoder = new AwsChunkedDecoder()
  const parts = decoder.push(data)
  return { body: concat(...parts), trailers: decoder.end() }
}
