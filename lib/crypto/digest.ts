/**
 * Incremental digests of every flexible-checksum algorithm and MD5, for bodies that are read piece by
 * piece (a streamed PutObject or UploadPart). Same results as checksums.ts, which hashes whole buffers.
 * WebCrypto has no incremental digest, so in the browser the SHA family comes from @noble/hashes and MD5 from
 * js-md5 (md5.ts), and in Node from node:crypto / node:zlib (native.ts), which is many times faster.
 */
import { Crc32 } from '@aws-crypto/crc32'
import { Crc32c } from '@aws-crypto/crc32c'
import { Xxh3_64, Xxh3_128, Xxh64 } from '@aws-sdk/checksums/xxh'
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import type { ChecksumAlgorithm } from './checksums'
import { Crc64Nvme } from './crc64nvme'
import { md5Hasher } from './md5'
import { nativeCrc32, nativeHasher } from './native'

export interface Digest {
  update(data: Uint8Array): void
  /** The big-endian digest bytes; call once, after the last update. */
  digest(): Uint8Array | Promise<Uint8Array>
}

const u32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n >>> 0)
  return out
}

const fromCrc = (c: { update(d: Uint8Array): unknown; digest(): number }): Digest => ({
  update: (d) => void c.update(d),
  digest: () => u32(c.digest()),
})
const fromHash = (h: { update(d: Uint8Array): unknown; digest(): Uint8Array | Promise<Uint8Array> }): Digest => ({
  update: (d) => void h.update(d),
  digest: () => h.digest(),
})

function nativeCrc(crc: NonNullable<typeof nativeCrc32>): Digest {
  let value = 0
  return { update: (d) => void (value = crc(d, value)), digest: () => u32(value) }
}

const NATIVE = { MD5: 'md5', SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const

/**
 * Where streamed digests are computed, when not here: the page plugs in a Web Worker
 * (components/playground/digest-worker-backend.ts) so that hashing a large body never blocks the main thread.
 * The port returns undefined for an algorithm it leaves to this thread. `update` must not keep a reference
 * to the chunk past the call (the caller goes on to encrypt and store it), so a port copies what it sends.
 */
export type DigestPort = (algorithm: ChecksumAlgorithm) => Digest | undefined
let port: DigestPort | undefined

/** Installs (or, with undefined, removes) the digest port; the previous one is returned for tests. */
export function setDigestPort(next: DigestPort | undefined): DigestPort | undefined {
  const previous = port
  port = next
  return previous
}

/** Whether a port is installed (the page's hashing worker). */
export const hasDigestPort = (): boolean => port !== undefined

export function createDigest(algorithm: ChecksumAlgorithm): Digest {
  if (nativeHasher && algorithm in NATIVE) return nativeHasher(NATIVE[algorithm as keyof typeof NATIVE])
  return port?.(algorithm) ?? createLocalDigest(algorithm)
}

/** The digest computed on the calling thread (what a worker behind the port runs). */
export function createLocalDigest(algorithm: ChecksumAlgorithm): Digest {
  switch (algorithm) {
    case 'CRC32':
      return nativeCrc32 ? nativeCrc(nativeCrc32) : fromCrc(new Crc32())
    case 'CRC32C':
      return fromCrc(new Crc32c())
    case 'CRC64NVME':
      return fromHash(new Crc64Nvme())
    case 'SHA1':
      return fromHash(sha1.create())
    case 'SHA256':
      return fromHash(sha256.create())
    case 'SHA512':
      return fromHash(sha512.create())
    case 'MD5':
      return fromHash(md5Hasher())
    case 'XXHASH64':
      return fromHash(new Xxh64())
    case 'XXHASH3':
      return fromHash(new Xxh3_64())
    case 'XXHASH128':
      return fromHash(new Xxh3_128())
  }
}
