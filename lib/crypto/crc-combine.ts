/**
 * CRC of a concatenation from the CRCs of its pieces, without the data: crc(A‖B) from crc(A), crc(B) and
 * |B|. This is zlib's crc32_combine (GF(2) matrix squaring), generalised to any reflected CRC whose init
 * and xorout are all ones, which covers CRC32, CRC32C and CRC64NVME. S3 uses it for the FULL_OBJECT
 * checksum of a multipart upload.
 */
import { fromBase64, toBase64 } from './bytes'

export const REFLECTED_POLYNOMIALS = {
  CRC32: { poly: 0xedb88320n, bits: 32 },
  CRC32C: { poly: 0x82f63b78n, bits: 32 },
  CRC64NVME: { poly: 0x9a6c9329ac4bc9b5n, bits: 64 },
} as const
export type CombinableCrc = keyof typeof REFLECTED_POLYNOMIALS

const times = (matrix: bigint[], vector: bigint): bigint => {
  let sum = 0n
  for (let i = 0; vector !== 0n; i++, vector >>= 1n) if (vector & 1n) sum ^= matrix[i]!
  return sum
}
const square = (matrix: bigint[]): bigint[] => matrix.map((row) => times(matrix, row))

export function crcCombine(algorithm: CombinableCrc, crc1: bigint, crc2: bigint, length2: number): bigint {
  if (length2 === 0) return crc1
  const { poly, bits } = REFLECTED_POLYNOMIALS[algorithm]
  // The operator for one zero bit, then squared to two and four zero bits.
  let odd: bigint[] = [poly, ...Array.from({ length: bits - 1 }, (_, n) => 1n << BigInt(n))]
  let even = square(odd)
  odd = square(even)
  let len = BigInt(length2)
  let crc = crc1
  for (;;) {
    even = square(odd) // applies one more doubling: 8 zero bits per byte, then 16, 32, ...
    if (len & 1n) crc = times(even, crc)
    len >>= 1n
    if (len === 0n) break
    odd = square(even)
    if (len & 1n) crc = times(odd, crc)
    len >>= 1n
    if (len === 0n) break
  }
  return crc ^ crc2
}

const toBig = (bytes: Uint8Array) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)
const fromBig = (value: bigint, bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * (bytes - 1 - i))) & 0xffn))

/** Combines base64 big-endian CRCs of consecutive pieces, as S3 sends and stores them. */
export function combineBase64(algorithm: CombinableCrc, pieces: { value: string; size: number }[]): string {
  const bytes = REFLECTED_POLYNOMIALS[algorithm].bits / 8
  let crc: bigint | undefined
  for (const piece of pieces) {
    const raw = fromBase64(piece.value)
    if (raw?.length !== bytes) throw new TypeError(`not a ${algorithm} value: ${piece.value}`)
    crc = crc === undefined ? toBig(raw) : crcCombine(algorithm, crc, toBig(raw), piece.size)
  }
  return toBase64(fromBig(crc ?? 0n, bytes))
}
