/**
 * Ranged GET: GCM cannot be checked on a slice, so the slice is decrypted with AES-CTR, unauthenticated.
 * Java v4 refuses it unless legacy unauthenticated modes are enabled (`GetEncryptedObjectPipeline`), so callers
 * must opt in. Widening: Java `legacy/internal/RangedGetUtils.getCryptoRange`; counter: `AesCtrUtils.adjustIV`
 * (block n uses IV ‖ (2 + n)); V3 uses the derived key and IV 0x01×12 (docs/fidelity.md §C1.7).
 */
import { buf } from '../crypto/bytes'
import { GCM_TAG_BYTES } from './constants'
import { contentCipherFor, importAes } from './content'
import { CseError } from './errors'
import type { Keyring } from './keyring'
import { parseMetadata, type Metadata } from './metadata'

const BLOCK = 16

/** The ciphertext byte range to fetch for plaintext bytes [start, end]: one extra block each side, floored at 0. */
export function cryptoRange(start: number, end: number): [number, number] {
  const lower = start - (start % BLOCK) - BLOCK
  const upper = end + (BLOCK - (end % BLOCK)) + BLOCK
  return [Math.max(0, lower), upper]
}

/** Parses `bytes=a-b` / `bytes=a-` / `bytes=-n` against a known plaintext length. */
export function parseRange(range: string, plaintextLength: number): [number, number] {
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim())
  if (!m || (m[1] === '' && m[2] === '')) throw new CseError('InvalidMetadata', `invalid range ${range}`)
  const [start, end] =
    m[1] === ''
      ? [Math.max(0, plaintextLength - Number(m[2])), plaintextLength - 1]
      : [Number(m[1]), m[2] === '' ? plaintextLength - 1 : Math.min(Number(m[2]), plaintextLength - 1)]
  if (start > end || start >= plaintextLength)
    throw new CseError('InvalidMetadata', `range ${range} is outside the ${plaintextLength}-byte object`)
  return [start, end]
}

export interface RangeRequest {
  /** Ciphertext bytes as fetched, starting at `sliceStart` (normally `cryptoRange(...)[0]`). */
  slice: Uint8Array
  sliceStart: number
  /** Total stored length (plaintext + 16-byte tag), e.g. from Content-Range. */
  objectLength: number
  /** Wanted plaintext bytes, inclusive. */
  start: number
  end: number
  metadata: Metadata
  keyring: Keyring
  /** Must be true: the result is not authenticated (Java enableLegacyUnauthenticatedModes). */
  allowUnauthenticated: boolean
}

export async function decryptRange(r: RangeRequest): Promise<Uint8Array> {
  if (!r.allowUnauthenticated)
    throw new CseError(
      'RangeRefused',
      'ranged decryption uses AES-CTR and is not authenticated; enable legacy unauthenticated modes to use it',
    )
  if (r.sliceStart % BLOCK !== 0)
    throw new CseError('InvalidMetadata', 'a ranged slice must start on a 16-byte block boundary')
  const cipher = await contentCipherFor(parseMetadata(r.metadata), r.keyring)
  // calculateMaxOffset: never feed the GCM tag to CTR as if it were content.
  const plaintextLength = r.objectLength - GCM_TAG_BYTES
  const slice = r.slice.subarray(0, Math.max(0, Math.min(r.slice.length, plaintextLength - r.sliceStart)))
  const counter = new Uint8Array(16)
  counter.set(cipher.iv, 0)
  new DataView(counter.buffer).setUint32(12, 2 + r.sliceStart / BLOCK)
  const key = await importAes(cipher.key, 'AES-CTR', 'decrypt')
  const plain = new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-CTR', counter: buf(counter), length: 32 }, key, buf(slice.slice())),
  )
  return plain.slice(r.start - r.sliceStart, Math.min(r.end, plaintextLength - 1) - r.sliceStart + 1)
}
