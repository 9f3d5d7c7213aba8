/** The S3 state: buckets, objects and what is stored for each object (never its plaintext). */

export type SseAlgorithm = 'AES256' | 'aws:kms' | 'aws:kms:dsse'
export type BlockedType = 'SSE-C' | 'NONE'

/** A bucket's default encryption rule (PutBucketEncryption). */
export interface EncryptionRule {
  algorithm: SseAlgorithm
  kmsMasterKeyId?: string
  bucketKeyEnabled: boolean
  /** undefined = the element is absent (legacy, pre-April-2026 buckets). */
  blocked?: BlockedType[]
}

export interface Bucket {
  name: string
  region: string
  created: Date
  encryption: EncryptionRule
  /** True once PutBucketEncryption has been called: an explicit configuration (matters for copy in place). */
  encryptionExplicit: boolean
  objects: Map<string, StoredObject>
}

/** An envelope: a data key wrapped under a root key version, and what it sealed. */
export interface Sealed {
  /** Which root key version wrapped the data key. */
  rootKeyId: string
  /** IV + AES-GCM(data key), bound to the object ARN. */
  wrappedKeyIv: Uint8Array
  wrappedKey: Uint8Array
  /** IV + AES-GCM(body) under the data key, ciphertext || tag. */
  iv: Uint8Array
  ciphertext: Uint8Array
}

export interface StoredChecksum {
  algorithm: string
  value: string
  type: 'FULL_OBJECT' | 'COMPOSITE'
}

export interface StoredObject {
  key: string
  size: number
  etag: string
  lastModified: Date
  /** Content-Type, Cache-Control... as given on upload, echoed on GET/HEAD. */
  system: Record<string, string>
  /** x-amz-meta-* without the prefix, lower-cased as S3 stores them. */
  metadata: Record<string, string>
  checksum?: StoredChecksum
  sse: { algorithm: 'AES256' }
  sealed: Sealed
}

export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`
