/** The flexible checksums S3 accepts (x-amz-checksum-*), each returned as its big-endian digest bytes. */
import { crc32 } from '@aws-crypto/crc32'
import { crc32c } from '@aws-crypto/crc32c'
import { buf, toBase64 } from './bytes'
import { crc64nvme } from './crc64nvme'

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]

const u32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n >>> 0)
  return out
}

export async function checksum(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<Uint8Array> {
  switch (algorithm) {
    case 'CRC32':
      return u32(crc32(data))
    case 'CRC32C':
      return u32(crc32c(data))
    case 'CRC64NVME':
      return crc64nvme(data)
    case 'SHA1':
      return new Uint8Array(await crypto.subtle.digest('SHA-1', buf(data)))
    case 'SHA256':
      return new Uint8Array(await crypto.subtle.digest('SHA-256', buf(data)))
  }
}

export const checksumBase64 = async (algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> =>
  toBase64(await checksum(algorithm, data))

export const sha256 = (data: Uint8Array): Promise<Uint8Array> => checksum('SHA256', data)

export const isChecksumAlgorithm = (value: string): value is ChecksumAlgorithm =>
  (CHECKSUM_ALGORITHMS as readonly string[]).includes(value)
