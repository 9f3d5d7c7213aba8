/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html
 * Needs the SSE-C key for SSE-C objects (R6); reports no encryption at all (docs/fidelity.md §1.2). For SSE-KMS
 * and DSSE objects the checksum is stored encrypted, so asking for it costs a KMS Decrypt.
 */
import { invalidArgument } from '../errors'
import { findObjectVersion } from '../versions'
import type { ObjectPart, StoredObject } from '../model'
import { objectKeys, revealChecksum } from '../object-bodies'
import { checkReadHeaders, sseHeaderNotSupported } from '../sse/read'
import { customerHeaders, type SseRequest } from '../sse/request'
import type { S3State } from '../state'
import { transportOf, type RequestInfo } from './put-object'

export const OBJECT_ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const
export type ObjectAttribute = (typeof OBJECT_ATTRIBUTES)[number]

export interface AttributesInput {
  bucket: string
  key: string
  /** x-amz-object-attributes, split on commas. */
  attributes: string[]
  maxParts?: string
  partNumberMarker?: string
  sse: SseRequest
  versionId?: string
}

export interface AttributesResult {
  object: StoredObject
  attributes: Set<ObjectAttribute>
  checksum?: { algorithm: string; value: string; type: string }
  parts?: {
    total: number
    marker: number
    maxParts: number
    isTruncated: boolean
    nextMarker?: number
    list: ObjectPart[]
  }
}

// Simulation note: AWS's exact text for an unknown or missing attribute name is not in our sources.
const badAttribute = (value: string) =>
  invalidArgument('Invalid attribute name specified.', 'x-amz-object-attributes', value)

export async function getObjectAttributes(
  s3: S3State,
  input: AttributesInput,
  req: RequestInfo,
): Promise<AttributesResult> {
  const names = input.attributes.map((a) => a.trim()).filter(Boolean)
  if (names.length === 0) throw badAttribute('')
  for (const name of names) if (!(OBJECT_ATTRIBUTES as readonly string[]).includes(name)) throw badAttribute(name)
  const attributes = new Set(names as ObjectAttribute[])
  const object = findObjectVersion(s3.bucket(input.bucket), input.key, input.versionId)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported()
  const customerKey = await checkReadHeaders(object.sse, customerHeaders(input.sse), transportOf(s3, req))
  const result: AttributesResult = { object, attributes }
  if (attributes.has('Checksum') && object.checksum) {
    const keys = object.checksum.sealedValue ? await objectKeys(s3, input.bucket, object, req, customerKey) : undefined
    const value = await revealChecksum(s3, input.bucket, object, req, keys)
    if (value !== undefined)
      result.checksum = { algorithm: object.checksum.algorithm, value, type: object.checksum.type }
  }
  if (attributes.has('ObjectParts') && object.parts) {
    const maxParts = input.maxParts !== undefined ? Math.min(Number(input.maxParts) || 1000, 1000) : 1000
    const marker = Number(input.partNumberMarker ?? 0) || 0
    const after = object.parts.filter((p) => p.partNumber > marker)
    const list = after.slice(0, maxParts)
    result.parts = {
      total: object.parts.length,
      marker,
      maxParts,
      isTruncated: after.length > list.length,
      list,
      ...(list.length ? { nextMarker: list.at(-1)!.partNumber } : {}),
    }
  }
  return result
}
