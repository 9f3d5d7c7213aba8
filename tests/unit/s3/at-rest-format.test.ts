/**
 * The chunked at-rest format (docs/at-rest-format.md) on its own: round trips at every boundary, and
 * every way of rearranging stored segments (reorder, drop, duplicate, truncate, extend, move to another
 * part or object, swap layers) fails authentication instead of yielding bytes.
 */
import { describe, expect, it } from 'vitest'
import { DecryptionFailed, KEY_BYTES } from '@/lib/crypto/aes-gcm'
import { utf8 } from '@/lib/crypto/bytes'
import { webCryptoRandom } from '@/lib/crypto/random'
import {
  bytesReader,
  openPartRange,
  PartSealer,
  sealPart,
  sealedSize,
  segmentCount,
  segmentNonce,
  type ChunkedPart,
  type DataKeys,
} from '@/lib/s3/at-rest-format'
import { objectArn } from '@/lib/s3/model'
import { RootKeyring, unwrapWithRoot, wrapWithRoot } from '@/lib/s3/root-keys'
import { openSealed } from '../../helpers/at-rest'

const ARN = objectArn('b', 'k')
const SEG = 64 // small segments so every case spans several
const key = (): DataKeys => ({ outer: webCryptoRandom(KEY_BYTES) })
const dsseKeys = (): DataKeys => ({ outer: webCryptoRandom(KEY_BYTES), inner: webCryptoRandom(KEY_BYTES) })
const data = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255)

async function range(
  keys: DataKeys,
  part: ChunkedPart,
  sealed: Uint8Array,
  start: number,
  end: number,
  arn = ARN,
): Promise<Uint8Array> {
  const pieces: Uint8Array[] = []
  for await (const p of openPartRange(keys, part, arn, bytesReader(sealed), start, end)) pieces.push(p)
  return new Uint8Array(Buffer.concat(pieces))
}

/** The stored segments of a sealed part, split apart. */
const split = (part: ChunkedPart, sealed: Uint8Array, tags = 16) => {
  const stride = part.segmentBytes + tags
  const out: Uint8Array[] = []
  for (let at = 0; at < sealed.length; at += stride) out.push(sealed.slice(at, Math.min(sealed.length, at + stride)))
  return out
}
const join = (segments: Uint8Array[]) => new Uint8Array(Buffer.concat(segments))

describe('round trips', () => {
  for (const size of [0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 5]) {
    it(`${size} bytes: ${segmentCount(size, SEG)} segment(s), tag per segment, the exact plaintext back`, async () => {
      const keys = key()
      const plain = data(size)
      const { part, sealed } = await sealPart(keys, plain, { arn: ARN, partNumber: 1 }, webCryptoRandom, SEG)
      expect(part.size).toBe(size)
      expect(sealed.length).toBe(sealedSize(part, false))
      expect(sealed.length).toBe(size + 16 * Math.max(1, Math.ceil(size / SEG)))
      expect(await openSealed(keys, part, ARN, sealed)).toEqual(plain)
    })
  }

  it('gives the same bytes however the plaintext arrives (one byte at a time, odd pieces, pieces longer than a segment, all at once)', async () => {
    const keys = key()
    const plain = data(5 * SEG + 3)
    const base = webCryptoRandom(12)
    const fixed = (n: number) => base.slice(0, n) // the same nonce base every time, so the outputs can be compared
    const ways = async (piece: number) => {
      const sealer = new PartSealer(keys, { arn: ARN, partNumber: 1 }, fixed, SEG)
      const segments: Uint8Array[] = []
      for (let i = 0; i < plain.length; i += piece) segments.push(...(await sealer.push(plain.subarray(i, i + piece))))
      segments.push(...(await sealer.finish()))
      expect(segments).toHaveLength(6)
      expect(sealer.part('').size).toBe(plain.length)
      return join(segments)
    }
    const whole = await sealPart(keys, plain, { arn: ARN, partNumber: 1 }, fixed, SEG)
    expect(await openSealed(keys, whole.part, ARN, whole.sealed)).toEqual(plain)
    for (const piece of [1, 7, SEG, SEG + 1, 2 * SEG + 5, plain.length])
      expect(await ways(piece), `pieces of ${piece}`).toEqual(whole.sealed)
  })

  it('segment() takes only whole segments, in sequence', async () => {
    const sealer = new PartSealer(key(), { arn: ARN, partNumber: 1 }, webCryptoRandom, SEG)
    await expect(sealer.segment(data(SEG - 1), false)).rejects.toThrow(RangeError)
    await expect(sealer.segment(data(SEG + 1), true)).rejects.toThrow(RangeError)
    await sealer.push(data(3))
    await expect(sealer.segment(data(SEG), false)).rejects.toThrow(RangeError)
  })

  it('every range, including ones across segment boundaries, decrypts to the same bytes as a slice', async () => {
    const keys = dsseKeys()
    const plain = data(4 * SEG + 10)
    const { part, sealed } = await sealPart(keys, plain, { arn: ARN, partNumber: 2 }, webCryptoRandom, SEG)
    for (const [s, e] of [
      [0, 0],
      [SEG - 1, SEG],
      [SEG - 3, 2 * SEG + 3],
      [2 * SEG, 3 * SEG - 1],
      [4 * SEG, 4 * SEG + 9],
      [0, plain.length - 1],
      [17, 17],
    ] as const) {
      expect(await range(keys, part, sealed, s, e), `${s}-${e}`).toEqual(plain.subarray(s, e + 1))
    }
  })

  it('a range reads only the segments it needs', async () => {
    const keys = key()
    const { part, sealed } = await sealPart(keys, data(10 * SEG), { arn: ARN, partNumber: 1 }, webCryptoRandom, SEG)
    const reads: [number, number][] = []
    const reader = {
      ...bytesReader(sealed),
      read: async (o: number, l: number) => (reads.push([o, l]), sealed.subarray(o, o + l)),
    }
    for await (const _ of openPartRange(keys, part, ARN, reader, 3 * SEG + 5, 4 * SEG + 1)) void _
    expect(reads).toEqual([
      [3 * (SEG + 16), SEG + 16],
      [4 * (SEG + 16), SEG + 16],
    ])
  })

  it('nonces differ per segment, and the last segment is marked in its nonce', () => {
    const base = new Uint8Array(12).fill(0xaa)
    expect(segmentNonce(base, 0, false)).toEqual(base)
    expect(segmentNonce(base, 0, true)).not.toEqual(segmentNonce(base, 0, false))
    expect(
      new Set([0, 1, 2, 256, 65536].map((i) => Buffer.from(segmentNonce(base, i, false)).toString('hex'))).size,
    ).toBe(5)
  })
})

describe('tampering fails authentication, never yields bytes', () => {
  const plain = data(4 * SEG + 20) // five segments, the last one short
  const sealedPart = async (keys = key(), partNumber = 1, arn = ARN) => ({
    keys,
    ...(await sealPart(keys, plain, { arn, partNumber }, webCryptoRandom, SEG)),
  })
  const fails = async (run: () => Promise<unknown>) => expect(run()).rejects.toBeInstanceOf(DecryptionFailed)

  it('a flipped bit anywhere in any segment (ciphertext or tag)', async () => {
    const { keys, part, sealed } = await sealedPart()
    for (let at = 0; at < sealed.length; at += 23) {
      const bad = sealed.slice()
      bad[at]! ^= 0x10
      await fails(() => openSealed(keys, part, ARN, bad))
    }
  })

  it('two segments swapped', async () => {
    const { keys, part, sealed } = await sealedPart()
    const s = split(part, sealed)
    await fails(() => openSealed(keys, part, ARN, join([s[1]!, s[0]!, ...s.slice(2)])))
    // Swapped in the middle, and a range that reads just the swapped ones.
    const swapped = join([s[0]!, s[2]!, s[1]!, ...s.slice(3)])
    await fails(() => range(keys, part, swapped, SEG, 2 * SEG + 1))
  })

  it('a segment dropped, or a whole segment duplicated in its place', async () => {
    const { keys, part, sealed } = await sealedPart()
    const s = split(part, sealed)
    await fails(() => openSealed(keys, part, ARN, join([s[0]!, ...s.slice(2)])))
    await fails(() => openSealed(keys, part, ARN, join([s[0]!, s[0]!, ...s.slice(2)])))
  })

  it('truncated at a segment boundary, even with the size record shrunk to match', async () => {
    const { keys, part, sealed } = await sealedPart()
    const s = split(part, sealed)
    const cut = join(s.slice(0, 3))
    await fails(() => openSealed(keys, part, ARN, cut))
    // The attacker also edits the metadata: the third segment is not marked last, so it still fails.
    await fails(() => openSealed(keys, { ...part, size: 3 * SEG }, ARN, cut))
    // And a part whose final segment is full (size a multiple of the segment size) cut by one segment.
    const even = await sealPart(keys, data(4 * SEG), { arn: ARN, partNumber: 1 }, webCryptoRandom, SEG)
    await fails(() =>
      openSealed(keys, { ...even.part, size: 3 * SEG }, ARN, join(split(even.part, even.sealed).slice(0, 3))),
    )
  })

  it('truncated inside a segment, or extended by a byte', async () => {
    const { keys, part, sealed } = await sealedPart()
    await fails(() => openSealed(keys, part, ARN, sealed.subarray(0, sealed.length - 1)))
    await fails(() => openSealed(keys, part, ARN, join([sealed, new Uint8Array(1)])))
  })

  it('an empty part whose one segment is removed', async () => {
    const keys = key()
    const { part } = await sealPart(keys, new Uint8Array(0), { arn: ARN, partNumber: 1 }, webCryptoRandom, SEG)
    await fails(() => openSealed(keys, part, ARN, new Uint8Array(0)))
  })

  it('a segment moved to the same position of another part or another object under the same key', async () => {
    const keys = key()
    const a = await sealedPart(keys, 1)
    const b = await sealedPart(keys, 2)
    const other = await sealedPart(keys, 1, objectArn('b', 'other'))
    const sa = split(a.part, a.sealed)
    // Same key, same position: only the binding (part number, ARN) and the nonce base differ.
    await fails(() => openSealed(keys, a.part, ARN, join([split(b.part, b.sealed)[0]!, ...sa.slice(1)])))
    await fails(() => openSealed(keys, a.part, ARN, join([split(other.part, other.sealed)[0]!, ...sa.slice(1)])))
    // A whole part presented as another part number, or under another ARN, with its own nonce base.
    await fails(() => openSealed(keys, { ...a.part, partNumber: 2 }, ARN, a.sealed))
    await fails(() => openSealed(keys, a.part, objectArn('b', 'other'), a.sealed))
  })

  it('a wrong key, a changed nonce base, or the DSSE layers swapped', async () => {
    const { keys, part, sealed } = await sealedPart(dsseKeys())
    expect(await openSealed(keys, part, ARN, sealed)).toEqual(plain)
    await fails(() => openSealed({ outer: keys.inner!, inner: keys.outer }, part, ARN, sealed))
    await fails(() => openSealed({ outer: keys.outer }, part, ARN, sealed))
    const base = part.nonceBase.slice()
    base[0]! ^= 1
    await fails(() => openSealed(keys, { ...part, nonceBase: base }, ARN, sealed))
    await fails(() => openSealed(keys, { ...part, innerNonceBase: part.nonceBase }, ARN, sealed))
  })
})

describe('root wraps and randomness', () => {
  it('uses the random source it is given: one nonce base per part (two for DSSE) and the wrap IV', async () => {
    const keyring = new RootKeyring(webCryptoRandom, () => new Date())
    const calls: number[] = []
    const counting = (n: number) => (calls.push(n), webCryptoRandom(n))
    const dataKey = webCryptoRandom(KEY_BYTES)
    const wrap = await wrapWithRoot(keyring, counting, dataKey, ARN)
    await sealPart({ outer: dataKey }, utf8('x'), { arn: ARN, partNumber: 1 }, counting)
    expect(calls).toEqual([12, 12])
    await sealPart({ outer: dataKey, inner: dataKey }, utf8('x'), { arn: ARN, partNumber: 1 }, counting)
    expect(calls).toEqual([12, 12, 12, 12])
    expect(await unwrapWithRoot(keyring, wrap as never, ARN)).toEqual(dataKey)
  })
})
