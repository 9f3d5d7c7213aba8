/**
 * A body as the S3 operations consume it: pieces in order, digested on the way, so an operation can
 * encrypt a PutObject or UploadPart as it arrives and still know its MD5 (the SSE-S3 ETag) and checksums
 * at the end. The protocol layer's request body (lib/protocol/request-body.ts) is one; `bytesPayload` and
 * `streamPayload` make one from bytes in hand or from a decrypting read (copies).
 */
import type { ChecksumAlgorithm } from '../crypto/checksums'
import { joinBytes } from '../crypto/bytes'
import { createDigest, type Digest } from '../crypto/digest'

export interface Payload {
  /** The checksum algorithm the client announced before the body (a header, or x-amz-trailer). */
  readonly announced?: ChecksumAlgorithm
  /** Ask for a digest of the payload; call before reading. */
  want(algorithm: ChecksumAlgorithm): void
  /**
   * The payload, in order, read once. When it ends, every claim the request made about it is checked: an
   * iteration that completes has seen only verified bytes in total; a failed claim throws its S3 error.
   */
  chunks(): AsyncIterable<Uint8Array>
  /** After the end: the digest asked for with want(). */
  digest(algorithm: ChecksumAlgorithm): Uint8Array
  /** After the end: the checksum the client sent, verified. */
  readonly checksum?: { algorithm: ChecksumAlgorithm; value: string }
  /** Bytes read so far; all of them after the end. */
  readonly size: number
}

/** Digests a source as it is read; subclasses add the checks that run at the end. */
export class DigestingPayload implements Payload {
  private readonly digests = new Map<ChecksumAlgorithm, Digest>()
  private readonly results = new Map<ChecksumAlgorithm, Uint8Array>()
  private started = false
  size = 0
  checksum?: { algorithm: ChecksumAlgorithm; value: string }

  constructor(
    private readonly source: () => AsyncIterable<Uint8Array>,
    readonly announced?: ChecksumAlgorithm,
  ) {}

  want(algorithm: ChecksumAlgorithm): void {
    if (this.started) throw new Error('digests must be asked for before the body is read')
    if (!this.digests.has(algorithm)) this.digests.set(algorithm, createDigest(algorithm))
  }

  /** Runs when the source has ended, before chunks() completes; throws to refuse the body. */
  protected async verify(): Promise<void> {}

  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.started) throw new Error('a body can be read once')
    this.started = true
    for await (const chunk of this.source()) {
      if (chunk.length === 0) continue
      for (const d of this.digests.values()) d.update(chunk)
      this.size += chunk.length
      yield chunk
    }
    for (const [algorithm, d] of this.digests) this.results.set(algorithm, await d.digest())
    await this.verify()
  }

  digest(algorithm: ChecksumAlgorithm): Uint8Array {
    const out = this.results.get(algorithm)
    if (!out) throw new Error(`no ${algorithm} digest: not asked for, or the body was not read to the end`)
    return out
  }

  /** Reads everything into one buffer: for small bodies (XML, JSON) only. */
  async bytes(): Promise<Uint8Array> {
    const parts: Uint8Array[] = []
    for await (const c of this.chunks()) parts.push(c)
    return parts.length === 1 ? parts[0]! : joinBytes(parts)
  }
}

/** Bytes already in hand, with a checksum already verified (or none). */
export function bytesPayload(
  bytes: Uint8Array,
  checksum?: { algorithm: ChecksumAlgorithm; value: string },
): DigestingPayload {
  const p = new DigestingPayload(async function* () {
    yield bytes
  }, checksum?.algorithm)
  if (checksum) p.checksum = checksum
  return p
}

/** Pieces from any async source (a decrypting read, a generator). */
export const streamPayload = (source: AsyncIterable<Uint8Array>): DigestingPayload => new DigestingPayload(() => source)
