/**
 * What a keyring does: make or receive a data key, wrap it, and unwrap it again. The content algorithm
 * (`AES/GCM/NoPadding` in V2, `115` in V3) is always bound into the wrap so it cannot be swapped
 * (s3-encryption `encryption.md`, `materials/s3-keyring.md`; Java `materials/S3Keyring.java`).
 */
import type { WrapAlg } from './constants'
import { CseError } from './errors'

export interface WrappedKey {
  wrapAlg: string
  /** The encrypted data key (EDK): `x-amz-key-v2` / `x-amz-3`. */
  edk: Uint8Array
  /** Material description (raw keys: `x-amz-matdesc` / `x-amz-m`) or full KMS context (`x-amz-matdesc` / `x-amz-t`). */
  description: Record<string, string>
}

export interface Keyring {
  /** The wrap this keyring writes and reads. */
  readonly wrapAlg: WrapAlg
  /** A fresh 256-bit data key and its wrapped form, bound to `cekAlg`. */
  generateDataKey(cekAlg: string): Promise<{ dataKey: Uint8Array; wrapped: WrappedKey }>
  /** The data key, or a CseError if the wrap, the binding or the key is wrong. */
  decryptDataKey(wrapped: WrappedKey, cekAlg: string): Promise<Uint8Array>
  /** Legacy wraps (V1 `AES`/`RSA`, `AESWrap`, `kms`), read only and only behind enableLegacyWrappingAlgorithms (legacy.ts). */
  decryptLegacyDataKey?(wrapped: WrappedKey): Promise<Uint8Array>
}

/** Refuses an object wrapped by another kind of key, naming both, before any crypto runs. */
export function checkWrap(keyring: Keyring, wrapped: WrappedKey): void {
  if (wrapped.wrapAlg !== keyring.wrapAlg) {
    throw new CseError(
      'WrongKeyring',
      `the object's data key is wrapped with ${wrapped.wrapAlg}, but the keyring unwraps ${keyring.wrapAlg}`,
    )
  }
}

/** Parses a JSON string map (matdesc, encryption context). Producers format JSON differently, so never compare text (docs/fidelity.md §C1.1). */
export function parseJsonMap(text: string | undefined, field: string): Record<string, string> {
  if (text === undefined || text === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new CseError('InvalidMetadata', `${field} is not valid JSON`)
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw new CseError('InvalidMetadata', `${field} must be a JSON object of strings`)
  }
  return value as Record<string, string>
}
