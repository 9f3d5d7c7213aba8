/** A read-only view of what S3 stores for an object, for the Buckets and Storage panels. */
import type { DataKeyWrap, ObjectEncryption, StoredObject, StoredPart } from '../s3/model'

export type KeyWrap = DataKeyWrap
export type StoredSegment = StoredPart
export type Sse = ObjectEncryption

export interface StoredView {
  key: string
  size: number
  etag: string
  lastModified: Date
  metadata: Record<string, string>
  sse: Sse
  wrap: KeyWrap
  /** The stored body of each part (chunked segments in the blob store). */
  segments: StoredSegment[]
  /** SSE-KMS/DSSE keep the checksum encrypted under the data key. */
  sealedChecksum?: Uint8Array
  parts?: number
}

export function viewStored(object: StoredObject): StoredView {
  return {
    key: object.key,
    size: object.size,
    etag: object.etag,
    lastModified: object.lastModified,
    metadata: object.metadata,
    sse: object.sse,
    wrap: object.sealed.key,
    segments: object.sealed.parts,
    ...(object.checksum?.sealedValue ? { sealedChecksum: object.checksum.sealedValue } : {}),
    ...(object.parts?.length ? { parts: object.parts.length } : {}),
  }
}
