/** The flexible checksums S3 accepts (x-amz-checksum-*), each returned as its big-endian digest bytes. */
import { crc32 } from '@aws-crypto/crc32'
import { crc32c } from '@aws-crypto/crc32c'
import { buf, toBase64 } from './bytes'
import { crc64nvme } from './crc64nvme'
import { md5 } from './md5'
import { nativeCrc32 } from './native'
import { Xxh3_64, Xxh3_128, Xxh64 } from '@aws-sdk/checksums/xxh'

/** Every algorithm the current SDKs can send (S3 added MD5, SHA512 and the xxHash family in 2026). */
export const CHECKSUM_ALGORITHMS = [
  'CRC32',
  'CRC32C',
  'CRC64NVME',
  'SHA1',
  'SHA256',
  'SHA512',
  'MD5',
  'XXHASH64',
  'XXHASH3',
  'XXHASH128',
] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]

const u32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n >>> 0)
  return out
}

export async function checksum(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  switch (algorithm) {
    case 'CRC32':
      return u32(nativeCrc32 ? nativeCrc32(data) : crc32(data))
    case 'CRC32C':
      return u32(crc32c(data))
    case 'CRC64NVME':
      return crc64nvme(data)
    case 'SHA1':
      return new Uint8Array(await crypto.subtle.digest('SHA-1', buf(data)))
    case 'SHA256':
      return new Uint8Array(await crypto.subtle.digest('SHA-256', buf(data)))
    case 'SHA512':
      return new Uint8Array(await crypto.subtle.digest('SHA-512', buf(data)))
    case 'MD5':
      return md5(data)
    case 'XXHASH64':
    case 'XXHASH3':
    case 'XXHASH128': {
      // The AWS SDK's own xxHash implementations, so the digests are the ones SDKs compute.
      const hash = algorithm === 'XXHASH64' ? new Xxh64() : algorithm === 'XXHASH3' ? new Xxh3_64() : new Xxh3_128()
      hash.update(data)
      return hash.digest()
    }
  }
}

/** Digest sizes, to refuse a checksum header of the wrong length before comparing. */
export const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
  SHA512: 64,
  MD5: 16,
  XXHASH64: 8,
  XXHASH3: 8,
  XXHASH128: 16,
}

export const checksumBase64 = async (algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> =>
  toBase64(await checksum(algorithm, data))

export const sha256 = (data: Uint8Array): Promise<Uint8Array> => checksum('SHA256', data)

export const isChecksumAlgorithm = (value: string): value is ChecksumAlgorithm =>
  (CHECKSUM_ALGORITHMS as readonly string[]).includes(value)
