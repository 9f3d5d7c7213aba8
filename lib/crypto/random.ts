/** The one source of randomness for the emulator, injectable so tests and replays can be deterministic. */
export type RandomSource = (length: number) => Uint8Array

// getRandomValues refuses more than 65536 bytes per call (WebCrypto spec, QuotaExceededError).
const MAX_CHUNK = 65536

export const webCryptoRandom: RandomSource = (length) => {
  const out = new Uint8Array(length)
  for (let offset = 0; offset < length; offset += MAX_CHUNK) {
    crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_CHUNK)))
  }
  return out
}
