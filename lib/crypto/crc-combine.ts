/**
 * CRC of a concatenation from the CRCs of its pieces, without the data: crc(A‖B) from crc(A), crc(B) and
 * |B|. This is zlib's crc32_combine (the GF(2) operator for |B| zero bytes, applied to crc(A), then XOR
 * crc(B)), generalised to any reflected CRC whose init and xorout are all ones, which covers CRC32, CRC32C
 * and CRC64NVME. S3 uses it for the FULL_OBJECT checksum of a multipart upload. Operators are cached per
 * length, since a multipart upload's parts mostly share one size.
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

const identity = (bits: number): bigint[] => Array.from({ length: bits }, (_, n) => 1n << BigInt(n))
/** a ∘ b: apply b, then a (each column of the result is a applied to b's column). */
const compose = (a: bigint[], b: bigint[]): bigint[] => b.map((column) => times(a, column))

const shiftCache = new Map<string, bigint[]>()

/** The operator that appends `bytes` zero bytes to a CRC's message: x^(8·bytes) mod P, cached per length. */
function zeroBytesOperator(algorithm: CombinableCrc, bytes: number): bigint[] {
  const id = `${algorithm}:${bytes}`
  const cached = shiftCache.get(id)
  if (cached) return cached
  const { poly, bits } = REFLECTED_POLYNOMIALS[algorithm]
  // One zero bit, squared three times: one zero byte.
  let base: bigint[] = [poly, ...identity(bits).slice(0, bits - 1)]
  for (let i = 0; i < 3; i++) base = square(base)
  let result = identity(bits)
  for (let n = bytes; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) result = compose(base, result)
    if (n > 1) base = square(base)
  }
  if (shiftCache.size > 256) shiftCache.clear()
  shiftCache.set(id, result)
  return result
}

export function crcCombine(algorithm: CombinableCrc, crc1: bigint, crc2: bigint, length2: number): bigint {
  if (length2 === 0) return crc1
  return times(zeroBytesOperator(algorithm, length2), crc1) ^ crc2
}

const toBig = (bytes: Uint8Array) => bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n)
const fromBig = (value: bigint, bytes: number) =>
  Uint8Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * (bytes - 1 - i))) & 0xffn))

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
