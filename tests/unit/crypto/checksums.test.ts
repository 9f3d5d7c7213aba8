/**
 * The flexible checksums against their standard check values: the digest of the nine ASCII bytes
 * "123456789" (the "check" entry of the Rocksoft/Williams CRC catalogue: CRC-32 0xCBF43926,
 * CRC-32C 0xE3069283, CRC-64/NVME 0xAE8B14860A799888), and SHA-1/SHA-256 against node:crypto.
 */
import { createHash } from 'node:crypto'
import { crc32 as zlibCrc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import {
  checksum,
  checksumBase64,
  CHECKSUM_ALGORITHMS,
  DIGEST_BYTES,
  isChecksumAlgorithm,
  sha256,
} from '@/lib/crypto/checksums'
import { crc64nvme } from '@/lib/crypto/crc64nvme'
import { toBase64, toHex, utf8 } from '@/lib/crypto/bytes'

const CHECK = utf8('123456789')

describe('CRC check values of "123456789"', () => {
  it('CRC32 = 0xCBF43926', async () => {
    expect(toHex(await checksum('CRC32', CHECK))).toBe('cbf43926')
  })
  it('CRC32C = 0xE3069283', async () => {
    expect(toHex(await checksum('CRC32C', CHECK))).toBe('e3069283')
  })
  it('CRC64NVME = 0xAE8B14860A799888', async () => {
    expect(toHex(await checksum('CRC64NVME', CHECK))).toBe('ae8b14860a799888')
    expect(toHex(crc64nvme(CHECK))).toBe('ae8b14860a799888')
  })
  it('CRC-64/NVME of nothing is 0 (init and xorout cancel)', () => {
    expect(toHex(crc64nvme(new Uint8Array(0)))).toBe('0000000000000000')
  })
})

describe('cross-checks with node', () => {
  const samples = [
    new Uint8Array(0),
    utf8('Hello, encrypted world\n'),
    Uint8Array.from({ length: 70000 }, (_, i) => (i * 7919) & 255),
  ]

  it('CRC32 agrees with zlib.crc32', async () => {
    for (const data of samples) {
      expect(toHex(await checksum('CRC32', data))).toBe(zlibCrc32(data).toString(16).padStart(8, '0'))
    }
  })
  it('SHA1 and SHA256 agree with node:crypto', async () => {
    for (const data of samples) {
      expect(toHex(await checksum('SHA1', data))).toBe(createHash('sha1').update(data).digest('hex'))
      expect(toHex(await checksum('SHA256', data))).toBe(createHash('sha256').update(data).digest('hex'))
      expect(toHex(await sha256(data))).toBe(createHash('sha256').update(data).digest('hex'))
    }
  })
})

describe('checksum shapes', () => {
  it('digest sizes are 4, 4, 8, 20, 32, 64, 16, 8, 8 and 16 bytes, base64 as S3 headers carry them', async () => {
    const sizes = {
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
    expect(DIGEST_BYTES).toEqual(sizes)
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const digest = await checksum(algorithm, CHECK)
      expect(digest.length, algorithm).toBe(sizes[algorithm])
      expect(await checksumBase64(algorithm, CHECK)).toBe(toBase64(digest))
    }
  })
  it('a known S3 value: CRC32 of "test_data" is qIrZrA== (docs/fidelity.md §6.2)', async () => {
    expect(await checksumBase64('CRC32', utf8('test_data'))).toBe('qIrZrA==')
  })
  it('isChecksumAlgorithm knows the ten names, case-sensitively', () => {
    expect(CHECKSUM_ALGORITHMS.every(isChecksumAlgorithm)).toBe(true)
    expect(isChecksumAlgorithm('crc32')).toBe(false)
    expect(isChecksumAlgorithm('SHA384')).toBe(false)
  })
  it('SHA512 and MD5 match node:crypto; the xxHash family matches the published empty-input values', async () => {
    for (const data of [new Uint8Array(), CHECK, utf8('test_data')]) {
      expect(toHex(await checksum('SHA512', data))).toBe(createHash('sha512').update(data).digest('hex'))
      expect(toHex(await checksum('MD5', data))).toBe(createHash('md5').update(data).digest('hex'))
    }
    // xxHash reference values for "" (seed 0): XXH64, XXH3_64bits, XXH3_128bits (xxhash.h's test suite).
    expect(toHex(await checksum('XXHASH64', new Uint8Array()))).toBe('ef46db3751d8e999')
    expect(toHex(await checksum('XXHASH3', new Uint8Array()))).toBe('2d06800538d394c2')
    expect(toHex(await checksum('XXHASH128', new Uint8Array()))).toBe('99aa06d3014798d86001c324468d497f')
  })
})
