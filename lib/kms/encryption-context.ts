/**
 * The encryption context as additional authenticated data (AAD).
 *
 * KMS binds the context to the ciphertext: Decrypt must be given exactly the same pairs (case-sensitive,
 * no extra, none missing), in any order. Canonical bytes make "the same pairs" mean "the same AAD":
 *
 *   uint32 BE  number of pairs
 *   per pair, sorted by the key's UTF-8 bytes:
 *     uint32 BE  key length,   key   (UTF-8)
 *     uint32 BE  value length, value (UTF-8)
 *
 * An absent and an empty context both encode to four zero bytes, as in KMS, where `{}` equals no context.
 *
 * Simulation note: AWS does not publish how it serialises the context internally; this is our format,
 * in the spirit of the AWS Encryption SDK's key-value encoding.
 */
import { concat, utf8 } from '../crypto/bytes'

export type EncryptionContext = Record<string, string>

const u32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

export function canonicalContext(context: EncryptionContext = {}): Uint8Array {
  const pairs = Object.entries(context)
    .map(([k, v]) => [utf8(k), utf8(v)] as const)
    .sort(([a], [b]) => compareBytes(a, b))
  return concat(u32(pairs.length), ...pairs.flatMap(([k, v]) => [u32(k.length), k, u32(v.length), v]))
}
