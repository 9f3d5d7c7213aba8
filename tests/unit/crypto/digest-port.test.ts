/**
 * The digest port (lib/crypto/digest.ts): the page hashes streamed bodies in a worker behind it. A port that
 * answers asynchronously, as a worker does, gives a streamed PutObject-style payload the same digests as
 * hashing on the calling thread, and an algorithm it declines is hashed here.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { checksum } from '@/lib/crypto/checksums'
import { createLocalDigest, setDigestPort, type Digest } from '@/lib/crypto/digest'
import { streamPayload } from '@/lib/s3/payload'

afterEach(() => void setDigestPort(undefined))

describe('digest port', () => {
  it('routes streamed digests through the port, which may answer later, with the same results', async () => {
    const seen: string[] = []
    setDigestPort((algorithm) => {
      if (algorithm !== 'CRC64NVME' && algorithm !== 'CRC32C') return undefined
      seen.push(algorithm)
      const inner = createLocalDigest(algorithm)
      const copies: Uint8Array[] = []
      return {
        update: (d) => void copies.push(d.slice()),
        digest: async (): Promise<Uint8Array> => {
          await new Promise((r) => setTimeout(r, 5))
          for (const c of copies) inner.update(c)
          return inner.digest()
        },
      } satisfies Digest
    })
    const pieces = [new Uint8Array(70_000).fill(7), new Uint8Array(1).fill(1), new Uint8Array(33_333).fill(200)]
    const payload = streamPayload(
      (async function* () {
        for (const p of pieces) yield p.slice()
      })(),
    )
    for (const a of ['CRC64NVME', 'CRC32C', 'CRC32'] as const) payload.want(a)
    for await (const chunk of payload.chunks()) chunk.fill(0) // the caller may reuse what it read
    const whole = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
    pieces.reduce((at, p) => (whole.set(p, at), at + p.length), 0)
    expect(seen).toEqual(['CRC64NVME', 'CRC32C'])
    for (const a of ['CRC64NVME', 'CRC32C', 'CRC32'] as const)
      expect(payload.digest(a)).toEqual(await checksum(a, whole))
  })
})
