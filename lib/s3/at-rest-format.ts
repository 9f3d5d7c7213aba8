/**
 * The emulator's at-rest format for object bodies (ours, not AWS's: AWS does not publish how S3 lays out
 * ciphertext on disk). docs/at-rest-format.md is the specification; in short:
 *
 * - a part's plaintext (a PutObject body is part 1) is cut into segments of `segmentBytes` (1 MiB), the
 *   last one shorter; an empty part has one empty segment;
 * - segment i is AES-256-GCM under the data key with nonce = nonceBase XOR (0^7 ‖ uint32be(i) ‖ last),
 *   where nonceBase is 12 random bytes per part and last is 1 for the final segment, else 0;
 * - its additional data names the format, the object ARN, the part number, i and the last flag, so a
 *   segment moved to another object, part or position, a dropped or reordered segment, and a part cut
 *   short at a segment boundary all fail authentication;
 * - DSSE-KMS seals each segment twice: first with its inner key in @noble/ciphers (nonce from its own
 *   base), then with its outer key in WebCrypto;
 * - the stored blob is the sealed segments back to back, so segment i starts at i · (segmentBytes + tags).
 *
 * Memory stays bounded: sealing holds one segment, opening reads only the segments a range needs.
 */
import { aesGcmDecrypt, aesGcmEncrypt, DecryptionFailed, importAesKey, IV_BYTES, TAG_BYTES } from '../crypto/aes-gcm'
import { innerAesGcmDecrypt, innerAesGcmEncrypt } from '../crypto/aes-gcm-inner'
import { joinBytes, utf8 } from '../crypto/bytes'
import type { RandomSource } from '../crypto/random'
import type { BlobReader } from './blob-store'

/** The plaintext data key(s) of an object: one, or two for DSSE (outer: WebCrypto, inner: the second library). */
export interface DataKeys {
  outer: Uint8Array
  inner?: Uint8Array
}

/** The format's name, stored with every part and bound into every segment. */
export const FORMAT = 'seg1'
/**
 * 1 MiB: WebCrypto AES-GCM in Node here ran at about 330 MiB/s with 16 KiB calls, 870 with 64 KiB, 1470
 * with 256 KiB and 1740 with 1 MiB (per-call overhead dominates small segments); a ranged GET decrypts at
 * most two extra MiB; and issue 5 measured 1–5 MiB chunks as the sweet spot in Chromium. See docs/at-rest-format.md.
 */
export const SEGMENT_BYTES = 1024 * 1024

/** The stored body of one part in the chunked format. */
export interface ChunkedPart {
  format: typeof FORMAT
  partNumber: number
  /** Plaintext bytes. */
  size: number
  /** Id of the blob holding the sealed segments. */
  blob: string
  segmentBytes: number
  nonceBase: Uint8Array
  /** DSSE-KMS only: the inner layer's nonce base. */
  innerNonceBase?: Uint8Array
}

/** Parts written before the chunked format (snapshot version 1): one AES-GCM over the whole part. */
export interface WholePart {
  format: 'gcm1'
  partNumber: number
  size: number
  blob: string
  iv: Uint8Array
  innerIv?: Uint8Array
}

export type StoredPart = ChunkedPart | WholePart

/** What a part's segments are bound to. */
export interface PartBinding {
  arn: string
  partNumber: number
}

export const segmentCount = (size: number, segmentBytes: number) => Math.max(1, Math.ceil(size / segmentBytes))
export const tagsPerSegment = (dsse: boolean) => (dsse ? 2 : 1) * TAG_BYTES
/** How many bytes a part's blob must hold: its plaintext plus the tag(s) of every segment. */
export const sealedSize = (part: { size: number; segmentBytes: number }, dsse: boolean) =>
  part.size + segmentCount(part.size, part.segmentBytes) * tagsPerSegment(dsse)

/** The nonce of segment `index`: the part's random base XOR (0^7 ‖ uint32be(index) ‖ last). */
export function segmentNonce(base: Uint8Array, index: number, last: boolean): Uint8Array {
  if (base.length !== IV_BYTES) throw new RangeError(`a nonce base is ${IV_BYTES} bytes`)
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) throw new RangeError('segment index out of range')
  const nonce = base.slice()
  nonce[7]! ^= (index >>> 24) & 0xff
  nonce[8]! ^= (index >>> 16) & 0xff
  nonce[9]! ^= (index >>> 8) & 0xff
  nonce[10]! ^= index & 0xff
  nonce[11]! ^= last ? 1 : 0
  return nonce
}

/** The additional data of segment `index`: the format, the object ARN, the part number, the index and the last flag. */
export function segmentAad(binding: PartBinding, index: number, last: boolean): Uint8Array {
  return utf8(
    `s3-playground/${FORMAT}\n${binding.arn}\npart ${binding.partNumber}\nsegment ${index}\n${last ? 'last' : 'more'}`,
  )
}

/** Seals one segment (both layers for DSSE). */
export async function sealSegment(
  keys: PreparedKeys,
  bases: Bases,
  binding: PartBinding,
  index: number,
  last: boolean,
  plain: Uint8Array,
): Promise<Uint8Array> {
  const aad = segmentAad(binding, index, last)
  const body = keys.inner ? innerAesGcmEncrypt(keys.inner, segmentNonce(bases.inner!, index, last), plain, aad) : plain
  return aesGcmEncrypt(keys.outer, segmentNonce(bases.outer, index, last), body, aad)
}

/** Opens one segment; throws DecryptionFailed unless it is exactly segment `index` of this part. */
export async function openSegment(
  keys: PreparedKeys,
  bases: Bases,
  binding: PartBinding,
  index: number,
  last: boolean,
  sealed: Uint8Array,
): Promise<Uint8Array> {
  const aad = segmentAad(binding, index, last)
  const outer = await aesGcmDecrypt(keys.outer, segmentNonce(bases.outer, index, last), sealed, aad)
  return keys.inner ? innerAesGcmDecrypt(keys.inner, segmentNonce(bases.inner!, index, last), outer, aad) : outer
}

/** Data keys ready for use: the outer one imported into WebCrypto once per part, not once per segment. */
export interface PreparedKeys {
  outer: CryptoKey
  inner?: Uint8Array
}
/** The nonce bases of a part: the outer layer's, and DSSE's inner layer's. */
export interface Bases {
  outer: Uint8Array
  inner?: Uint8Array
}

export const prepare = async (keys: DataKeys): Promise<PreparedKeys> => ({
  outer: await importAesKey(keys.outer),
  ...(keys.inner ? { inner: keys.inner } : {}),
})

/**
 * Seals a part as its plaintext streams in: push() the pieces, then finish(). Each call returns the sealed
 * segments it completed, in order, to append to the part's blob. Holds at most one segment of plaintext.
 */
export class PartSealer {
  readonly nonceBase: Uint8Array
  readonly innerNonceBase?: Uint8Array
  /** The segment being filled, allocated once bytes must wait for more (never for a body that fits one call). */
  private pending?: Uint8Array
  private fill = 0
  private index = 0
  private total = 0
  private keys?: Promise<PreparedKeys>
  private readonly bases: Bases

  constructor(
    private readonly dataKeys: DataKeys,
    private readonly binding: PartBinding,
    random: RandomSource,
    readonly segmentBytes: number = SEGMENT_BYTES,
  ) {
    if (!Number.isInteger(segmentBytes) || segmentBytes < 1)
      throw new RangeError('segmentBytes must be a positive integer')
    this.nonceBase = random(IV_BYTES)
    if (dataKeys.inner) this.innerNonceBase = random(IV_BYTES)
    this.bases = { outer: this.nonceBase, ...(this.innerNonceBase ? { inner: this.innerNonceBase } : {}) }
  }

  /** Seals `plain` as the next segment. WebCrypto copies its input when called, so `plain` may be reused once this settles. */
  private async seal(plain: Uint8Array, last: boolean): Promise<Uint8Array> {
    this.keys ??= prepare(this.dataKeys)
    return sealSegment(await this.keys, this.bases, this.binding, this.index++, last, plain)
  }

  async push(chunk: Uint8Array): Promise<Uint8Array[]> {
    const out: Uint8Array[] = []
    const size = this.segmentBytes
    let at = 0
    while (at < chunk.length) {
      // A full segment is sealed only once more bytes arrive: until then it might be the last one.
      if (this.fill === size) {
        out.push(await this.seal(this.pending!, false))
        this.fill = 0
      }
      // Whole segments with more bytes after them are sealed straight from the chunk, without a copy.
      if (this.fill === 0 && chunk.length - at > size) {
        out.push(await this.seal(chunk.subarray(at, at + size), false))
        at += size
        continue
      }
      const take = Math.min(chunk.length - at, size - this.fill)
      this.pending ??= new Uint8Array(size)
      this.pending.set(chunk.subarray(at, at + take), this.fill)
      this.fill += take
      at += take
    }
    this.total += chunk.length
    return out
  }

  /** Seals the final segment (empty for an empty part). */
  async finish(): Promise<Uint8Array[]> {
    const last = await this.seal(this.pending ? this.pending.subarray(0, this.fill) : new Uint8Array(0), true)
    this.fill = 0
    return [last]
  }

  /** Seals `plain`, already cut by the caller (segmentBytes long unless last), as the next segment: no buffering, no copy. */
  async segment(plain: Uint8Array, last: boolean): Promise<Uint8Array> {
    if (this.fill > 0 || (!last && plain.length !== this.segmentBytes) || plain.length > this.segmentBytes)
      throw new RangeError('not a whole segment in sequence')
    this.total += plain.length
    return this.seal(plain, last)
  }

  /** The record to keep for the part, once its blob is committed. */
  part(blob: string): ChunkedPart {
    return {
      format: FORMAT,
      partNumber: this.binding.partNumber,
      size: this.total,
      blob,
      segmentBytes: this.segmentBytes,
      nonceBase: this.nonceBase,
      ...(this.innerNonceBase ? { innerNonceBase: this.innerNonceBase } : {}),
    }
  }
}

/** A whole part sealed in memory: its record (blob id left empty) and its sealed segments back to back. */
export interface SealedPart {
  part: ChunkedPart
  sealed: Uint8Array
}

/**
 * Seals a whole plaintext at once (the lessons' demos, tests, benchmarks): each segment sealed straight
 * from the plaintext, and a one-segment body returned as WebCrypto made it, without a copy.
 */
export async function sealPart(
  keys: DataKeys,
  plaintext: Uint8Array,
  binding: PartBinding,
  random: RandomSource,
  segmentBytes = SEGMENT_BYTES,
): Promise<SealedPart> {
  const sealer = new PartSealer(keys, binding, random, segmentBytes)
  const count = segmentCount(plaintext.length, segmentBytes)
  const segments: Uint8Array[] = []
  for (let i = 0; i < count; i++)
    segments.push(await sealer.segment(plaintext.subarray(i * segmentBytes, (i + 1) * segmentBytes), i === count - 1))
  return { part: sealer.part(''), sealed: segments.length === 1 ? segments[0]! : joinBytes(segments) }
}

/** Opens a part sealed by sealPart; throws DecryptionFailed if any byte, key or binding is not the one that was sealed. */
export async function openPart(keys: DataKeys, { part, sealed }: SealedPart, arn: string): Promise<Uint8Array> {
  const pieces: Uint8Array[] = []
  for await (const piece of openPartRange(keys, part, arn, bytesReader(sealed), 0, part.size - 1)) pieces.push(piece)
  return joinBytes(pieces)
}

/** A blob reader over bytes in memory. */
export const bytesReader = (bytes: Uint8Array): BlobReader => ({
  size: bytes.length,
  read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)),
  close: async () => {},
})

/** The legacy AAD of WholePart: the ARN, and `#N` for parts after the first. */
export const wholePartAad = (arn: string, partNumber: number) => utf8(partNumber === 1 ? arn : `${arn}#${partNumber}`)

/**
 * The plaintext of bytes [start, end] (inclusive; end = start - 1 for none) of one part, segment by
 * segment, reading only the segments that hold them. Throws DecryptionFailed on any damage: a blob of the
 * wrong length, a segment out of place, a flipped bit. Nothing unauthenticated is ever yielded.
 */
export async function* openPartRange(
  keys: DataKeys,
  part: StoredPart,
  arn: string,
  reader: BlobReader,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  const dsse = keys.inner !== undefined
  if (part.format === 'gcm1') {
    const whole = await reader.read(0, reader.size)
    const aad = wholePartAad(arn, part.partNumber)
    let plain = await aesGcmDecrypt(keys.outer, part.iv, whole, aad)
    if (keys.inner || part.innerIv) {
      if (!keys.inner || !part.innerIv) throw new DecryptionFailed()
      plain = innerAesGcmDecrypt(keys.inner, part.innerIv, plain, aad)
    }
    if (plain.length !== part.size) throw new DecryptionFailed()
    if (end >= start) yield plain.subarray(start, end + 1)
    return
  }
  if (part.format !== FORMAT || dsse !== (part.innerNonceBase !== undefined)) throw new DecryptionFailed()
  const { segmentBytes } = part
  if (reader.size !== sealedSize(part, dsse)) throw new DecryptionFailed() // truncated, extended, or a segment dropped
  const count = segmentCount(part.size, segmentBytes)
  const stride = segmentBytes + tagsPerSegment(dsse)
  const prepared = await prepare(keys)
  const bases = { outer: part.nonceBase, ...(part.innerNonceBase ? { inner: part.innerNonceBase } : {}) }
  const binding = { arn, partNumber: part.partNumber }
  // An empty range still authenticates one segment, so a read of an empty part checks it is intact.
  const first = Math.floor(Math.max(0, start) / segmentBytes)
  const lastNeeded = end >= start ? Math.floor(end / segmentBytes) : first
  for (let i = Math.min(first, count - 1); i <= Math.min(lastNeeded, count - 1); i++) {
    const isLast = i === count - 1
    const sealed = await reader.read(i * stride, isLast ? reader.size - i * stride : stride)
    const plain = await openSegment(prepared, bases, binding, i, isLast, sealed)
    if (end < start) continue
    const from = Math.max(start - i * segmentBytes, 0)
    const to = Math.min(end + 1 - i * segmentBytes, plain.length)
    if (to > from) yield plain.subarray(from, to)
  }
}
