/** RFC 9562 version 4 UUIDs from the emulator's injected random source (so replays stay deterministic). */
import { toHex } from './bytes'
import type { RandomSource } from './random'

export function uuidV4(random: RandomSource): string {
  const b = random(16)
  b[6] = (b[6]! & 0x0f) | 0x40 // version 4 (RFC 9562 §5.4)
  b[8] = (b[8]! & 0x3f) | 0x80 // variant 10
  const h = toHex(b)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
