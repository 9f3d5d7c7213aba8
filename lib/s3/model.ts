/** The S3 state: buckets, objects, multipart uploads and what is stored for each (never a plaintext, never an SSE-C key). */
import type { StoredPart } from './at-rest-format'
import type { BucketPolicy } from './policy/document'

export type { StoredPart } from './at-rest-format'

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
  /** Multipart uploads in progress, by upload id. */
  uploads: Map<string, Upload>
  /** The bucket policy, parsed, with its original JSON text (GetBucketPolicy returns it as sent). */
  policy?: BucketPolicy
  /** CORS rules (PutBucketCors); absent until set. */
  cors?: CorsRule[]
  /** PutBucketVersioning's status; absent on a bucket that was never versioned (versions.ts). */
  versioning?: VersioningStatus
  /**
   * Per key, every version that is not the current object, newest first: noncurrent versions and delete
   * markers (a current delete marker heads the list, and the key then has no entry in `objects`).
   */
  history?: Map<string, Version[]>
  /** The last version sequence number given out (version ids carry it: versions.ts). */
  versionSeq?: number
}

export type VersioningStatus = 'Enabled' | 'Suspended'

/** A delete marker: a version with no data that makes its key look deleted. */
export interface DeleteMarker {
  deleteMarker: true
  key: string
  /** Absent = the `null` version (a suspended bucket's marker). */
  versionId?: string
  lastModified: Date
}

/** One version of a key: an object or a delete marker. */
export type Version = StoredObject | DeleteMarker

export const isDeleteMarker = (v: Version): v is DeleteMarker => 'deleteMarker' in v

/** One object tag (PutObjectTagging, x-amz-tagging), in the order given. */
export interface Tag {
  key: string
  value: string
}

/** One <CORSRule>. */
export interface CorsRule {
  id?: string
  allowedHeaders: string[]
  allowedMethods: string[]
  allowedOrigins: string[]
  exposeHeaders: string[]
  maxAgeSeconds?: number
}

/**
 * SSE-C: S3 keeps a salted HMAC of the customer's key, so it can tell the right key from a wrong one on
 * later requests, and never the key itself (S3 user guide, "Using server-side encryption with
 * customer-provided keys": "Amazon S3 stores a randomly salted HMAC value of the encryption key").
 */
export interface CustomerKeyCheck {
  salt: Uint8Array
  /** HMAC-SHA256(key = salt, message = customer key). */
  mac: Uint8Array
}

/** What an object's (or upload's) encryption is, as S3 reports it. */
export type ObjectEncryption =
  | { algorithm: 'AES256' }
  | {
      algorithm: 'aws:kms' | 'aws:kms:dsse'
      /** Always the key ARN. */
      keyArn: string
      /** An S3 Bucket Key protects the data key (SSE-KMS only). */
      bucketKey: boolean
      /** The full context the data key was generated with, `aws:s3:arn` included. */
      context: Record<string, string>
      /** The request's x-amz-server-side-encryption-context, echoed on the write responses only. */
      contextHeader?: string
    }
  | { algorithm: 'SSE-C'; customerKeyMd5: string; keyCheck: CustomerKeyCheck }

/** How the data key of an object or upload is kept. */
export type DataKeyWrap =
  /** SSE-S3: wrapped (AES-GCM) under an S3 root key version, bound to the object ARN. */
  | { kind: 'root'; rootKeyId: string; iv: Uint8Array; wrapped: Uint8Array }
  /** SSE-KMS: the KMS ciphertext blob of the data key (GenerateDataKey). */
  | { kind: 'kms'; blob: Uint8Array }
  /** SSE-KMS with a Bucket Key: the Bucket Key's KMS blob, and the data key wrapped under the Bucket Key. */
  | { kind: 'bucket-key'; blob: Uint8Array; iv: Uint8Array; wrapped: Uint8Array }
  /** DSSE-KMS: two independent data keys, one per layer, each from its own GenerateDataKey. */
  | { kind: 'dsse'; outerBlob: Uint8Array; innerBlob: Uint8Array }
  /** SSE-C: the customer's key is the data key; nothing is kept. */
  | { kind: 'customer' }

/**
 * The stored bodies of an object, one per part (a PutObject body is part 1), each in the chunked at-rest
 * format (at-rest-format.ts, docs/at-rest-format.md) with its ciphertext in the blob store, never in this record.
 */
export interface Sealed {
  key: DataKeyWrap
  parts: StoredPart[]
}

export interface StoredChecksum {
  algorithm: string
  /** The base64 value; for SSE-KMS and DSSE objects it is kept encrypted in `sealedValue` instead. */
  value?: string
  /** SSE-KMS and DSSE: IV || AES-GCM(value) under the data key ("the checksum is stored encrypted"). */
  sealedValue?: Uint8Array
  type: 'FULL_OBJECT' | 'COMPOSITE'
}

/** A part of a completed multipart object, as GetObjectAttributes and GET ?partNumber see it. */
export interface ObjectPart {
  partNumber: number
  size: number
  checksum?: string
}

export interface StoredObject {
  key: string
  /** Absent = the `null` version (unversioned or suspended bucket). */
  versionId?: string
  /** The object's tags (this version's). */
  tags?: Tag[]
  size: number
  etag: string
  lastModified: Date
  /** Content-Type, Cache-Control... as given on upload, echoed on GET/HEAD. */
  system: Record<string, string>
  /** x-amz-meta-* without the prefix, lower-cased as S3 stores them. */
  metadata: Record<string, string>
  checksum?: StoredChecksum
  sse: ObjectEncryption
  sealed: Sealed
  /** Multipart objects only. */
  parts?: ObjectPart[]
  storageClass?: string
}

export interface UploadedPart {
  partNumber: number
  size: number
  etag: string
  lastModified: Date
  /** The part's checksum (base64) in the upload's algorithm, when it has one. */
  checksum?: string
  /** Without an upload algorithm: the part's CRC64NVME, combined into the object's default checksum. */
  crc64nvme?: string
  body: StoredPart
}

export interface Upload {
  id: string
  key: string
  initiated: Date
  sse: ObjectEncryption
  dataKey: DataKeyWrap
  system: Record<string, string>
  metadata: Record<string, string>
  checksumAlgorithm?: string
  checksumType?: 'FULL_OBJECT' | 'COMPOSITE'
  storageClass?: string
  /** x-amz-tagging of CreateMultipartUpload, given to the completed object. */
  tags?: Tag[]
  parts: Map<number, UploadedPart>
  /** The encryption headers CreateMultipartUpload was sent (no SSE-C key): the policy keys of the upload's parts. */
  initiate?: { algorithm?: string; kmsKeyId?: string; customerAlgorithm?: string }
}

export const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`
export const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`
