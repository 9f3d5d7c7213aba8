/**
 * Instruction files: the content metadata as a JSON object in `<key>.instruction` instead of user metadata.
 * V2: everything goes in the file; like Ruby, the plaintext length stays on the object. V3: `x-amz-c`,
 * `x-amz-d`, `x-amz-i` MUST stay on the object and MUST NOT be in the file, so the data key can be re-wrapped
 * without touching the commitment. Sources: s3-encryption `data-format/metadata-strategy.md`, Java
 * `InstructionFileConfig`, docs/fidelity.md §C1.5–§C1.6.
 */
import { fromUtf8, utf8 } from '../crypto/bytes'
import { V1_KEY, V2, V3 } from './constants'
import { CseError } from './errors'
import { parseJsonMap } from './keyring'
import type { Metadata } from './metadata'

const V3_OBJECT_KEYS: string[] = [V3.cekAlg, V3.commitment, V3.messageId]

export function splitForInstructionFile(metadata: Metadata): { objectMetadata: Metadata; instruction: Uint8Array } {
  const stays = V3.commitment in metadata ? V3_OBJECT_KEYS : [V2.plaintextLength]
  const objectMetadata = Object.fromEntries(Object.entries(metadata).filter(([k]) => stays.includes(k)))
  const file = Object.fromEntries(Object.entries(metadata).filter(([k]) => !stays.includes(k)))
  return { objectMetadata, instruction: utf8(JSON.stringify(file)) }
}

/** Java ContentMetadataDecodingStrategy.decode: does this object's metadata point to an instruction file? */
export function needsInstructionFile(objectMetadata: Metadata): boolean {
  const v1v2 = V2.iv in objectMetadata && (V2.key in objectMetadata || V1_KEY in objectMetadata)
  const v3 = V3.key in objectMetadata && V3.commitment in objectMetadata
  return !v1v2 && !v3
}

export function mergeInstructionFile(objectMetadata: Metadata, instruction: Uint8Array): Metadata {
  const file = parseJsonMap(fromUtf8(instruction), 'the instruction file')
  const committed = V3.commitment in objectMetadata || V3.messageId in objectMetadata
  if (committed && V3_OBJECT_KEYS.some((k) => k in file)) {
    throw new CseError(
      'InvalidMetadata',
      'a V3 instruction file must not contain x-amz-c, x-amz-d or x-amz-i (metadata-strategy.md)',
    )
  }
  return { ...objectMetadata, ...file }
}
