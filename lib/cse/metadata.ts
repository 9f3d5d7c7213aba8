/**
 * Content metadata ⇄ materials. V2 and V3 key names, format detection and the rule that versions may not
 * be mixed come from s3-encryption `data-format/content-metadata.md` and Java
 * `internal/ContentMetadataEncodingStrategy.java` / `ContentMetadataDecodingStrategy.java`.
 */
import { fromBase64, toBase64 } from '../crypto/bytes'
import {
  GCM_CEK_ALG,
  GCM_TAG_BITS,
  LEGACY_WRAPS,
  V1_KEY,
  V2,
  V3,
  V3_CEK_ALG,
  V3_WRAP_CODES,
  wrapFromV3Code,
  type WrapAlg,
} from './constants'
import { CseError } from './errors'
import { parseJsonMap, type WrappedKey } from './keyring'

export type Metadata = Record<string, string>
export type Format = 'v2' | 'v3'

export interface Materials {
  format: Format
  /** `AES/GCM/NoPadding` (V2) or `115` (V3): the string bound into the key wrap. */
  cekAlg: string
  wrapped: WrappedKey
  /** V2: the 12-byte content IV. */
  iv?: Uint8Array
  /** V3: key commitment and message id (28 bytes each). */
  commitment?: Uint8Array
  messageId?: Uint8Array
  plaintextLength?: number
}

const V2_KEYS = Object.values(V2) as string[]
const V3_KEYS = Object.values(V3) as string[]

function bytes(metadata: Metadata, key: string): Uint8Array {
  const value = metadata[key]
  const decoded = value === undefined ? undefined : fromBase64(value.trim())
  if (!decoded)
    throw new CseError('InvalidMetadata', `${key} is ${value === undefined ? 'missing' : 'not valid base64'}`)
  return decoded
}

/** V1/V2 vs V3 (content-metadata.md "Determining the Metadata Format Version"); mixed keys are refused. */
export function detectFormat(metadata: Metadata): Format | 'v1' | undefined {
  const hasV3 = V3.key in metadata || V3.commitment in metadata || V3.messageId in metadata || V3.cekAlg in metadata
  const hasV2 = V2.key in metadata
  const hasV1 = V1_KEY in metadata
  if ([hasV1, hasV2, hasV3].filter(Boolean).length > 1)
    throw new CseError('InvalidMetadata', 'content metadata mixes keys of different S3EC format versions')
  return hasV3 ? 'v3' : hasV2 ? 'v2' : hasV1 ? 'v1' : undefined
}

export function parseMetadata(metadata: Metadata): Materials {
  const format = detectFormat(metadata)
  if (format === undefined)
    throw new CseError(
      'InvalidMetadata',
      'the object has no S3 Encryption Client metadata (x-amz-key-v2 or x-amz-3); it was not client-side encrypted',
    )
  if (format === 'v1')
    throw new CseError(
      'Unsupported',
      'legacy V1 objects (x-amz-key, AES/CBC content, AES/ECB or RSA PKCS#1 v1.5 key wrap) are not supported',
    )
  if (format === 'v2') {
    const cekAlg = metadata[V2.cekAlg] ?? 'AES/CBC/PKCS5Padding' // absent ⇒ CBC (content-metadata.md)
    if (cekAlg !== GCM_CEK_ALG)
      throw new CseError(
        'Unsupported',
        `content algorithm ${cekAlg} is a legacy mode (AES-CBC, unauthenticated) and is not supported`,
      )
    const tagLen = metadata[V2.tagLen]
    if (tagLen !== undefined && tagLen !== String(GCM_TAG_BITS))
      throw new CseError('InvalidMetadata', `x-amz-tag-len must be ${GCM_TAG_BITS}, not ${tagLen}`)
    const wrapAlg = metadata[V2.wrapAlg]
    if (!wrapAlg) throw new CseError('InvalidMetadata', 'x-amz-wrap-alg is missing')
    if (LEGACY_WRAPS.includes(wrapAlg)) throw new CseError('Unsupported', `legacy key wrap ${wrapAlg} is not supported`)
    const length = metadata[V2.plaintextLength]
    return {
      format,
      cekAlg,
      wrapped: { wrapAlg, edk: bytes(metadata, V2.key), description: parseJsonMap(metadata[V2.matdesc], V2.matdesc) },
      iv: bytes(metadata, V2.iv),
      ...(length !== undefined && /^\d+$/.test(length) ? { plaintextLength: Number(length) } : {}),
    }
  }
  const cekAlg = metadata[V3.cekAlg]
  if (cekAlg !== V3_CEK_ALG)
    throw new CseError(
      'Unsupported',
      `x-amz-c must be ${V3_CEK_ALG} (ALG_AES_256_GCM_HKDF_SHA512_COMMIT_KEY), not ${cekAlg ?? '(missing)'}`,
    )
  const code = metadata[V3.wrapAlg] ?? ''
  const wrapAlg = wrapFromV3Code(code)
  if (!wrapAlg)
    throw new CseError('Unsupported', `x-amz-w ${code || '(missing)'} is not a V3 wrapping algorithm (02, 12, 22)`)
  // x-amz-t holds the KMS context and is used only with 12; raw keys use x-amz-m (content-metadata.md).
  const description =
    wrapAlg === 'kms+context'
      ? parseJsonMap(metadata[V3.context], V3.context)
      : parseJsonMap(metadata[V3.matdesc], V3.matdesc)
  return {
    format,
    cekAlg,
    wrapped: { wrapAlg, edk: bytes(metadata, V3.key), description },
    commitment: bytes(metadata, V3.commitment),
    messageId: bytes(metadata, V3.messageId),
  }
}

export function buildMetadata(m: Materials): Metadata {
  const description = JSON.stringify(m.wrapped.description)
  if (m.format === 'v2') {
    // Ruby and Go also write x-amz-unencrypted-content-length (docs/fidelity.md §C1.3); Java v3/v4 do not.
    return {
      [V2.key]: toBase64(m.wrapped.edk),
      [V2.iv]: toBase64(m.iv!),
      [V2.cekAlg]: m.cekAlg,
      [V2.tagLen]: String(GCM_TAG_BITS),
      [V2.wrapAlg]: m.wrapped.wrapAlg,
      [V2.matdesc]: description,
      ...(m.plaintextLength !== undefined ? { [V2.plaintextLength]: String(m.plaintextLength) } : {}),
    }
  }
  const isKms = m.wrapped.wrapAlg === 'kms+context'
  // Java addMetadataToMapV3: x-amz-t only with a context, x-amz-m only with a material description.
  return {
    [V3.cekAlg]: m.cekAlg,
    [V3.key]: toBase64(m.wrapped.edk),
    [V3.wrapAlg]: V3_WRAP_CODES[m.wrapped.wrapAlg as WrapAlg],
    ...(isKms
      ? { [V3.context]: description }
      : Object.keys(m.wrapped.description).length
        ? { [V3.matdesc]: description }
        : {}),
    [V3.commitment]: toBase64(m.commitment!),
    [V3.messageId]: toBase64(m.messageId!),
  }
}

/** Only the S3EC keys of a metadata map (S3 hands back user metadata of every kind). */
export const s3ecKeys = (metadata: Metadata): Metadata =>
  Object.fromEntries(
    Object.entries(metadata).filter(([k]) => V2_KEYS.includes(k) || V3_KEYS.includes(k) || k === V1_KEY),
  )
