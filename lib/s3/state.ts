/** The S3 service state and the dependencies its operations share. */
import type { RandomSource } from '../crypto/random'
import type { KmsPort } from '../kms/port'
import { MemoryBlobStore, type BlobStore } from './blob-store'
import { noSuchBucket } from './errors'
import type { Bucket } from './model'
import { RootKeyring } from './root-keys'
import type { CachedBucketKey } from './sse/kms'

export interface S3Options {
  region: string
  account: string
  random: RandomSource
  now: () => Date
  /**
   * New buckets block SSE-C, as on AWS since April 2026. Set false for the "legacy (pre-April-2026)"
   * behaviour: no BlockedEncryptionTypes element, SSE-C allowed.
   */
  blockSseCOnNewBuckets: boolean
  /**
   * S3 refuses SSE-C over plain HTTP. The localhost server is plain HTTP, so it offers this named
   * override (`npm run emulator -- --allow-sse-c-over-http`); the browser path is https and needs none.
   */
  allowSseCOverHttp?: boolean
  /**
   * Reference §9 Q4: whether a header-less upload into a KMS-default bucket fills the policy key
   * s3:x-amz-server-side-encryption-aws-kms-key-id with the default key (off: only request headers count).
   */
  policyKeyFromBucketDefault?: boolean
  /** Plaintext bytes per at-rest segment (default SEGMENT_BYTES, 1 MiB); tests use small ones. */
  segmentBytes?: number
}

export class S3State {
  readonly buckets = new Map<string, Bucket>()
  readonly keyring: RootKeyring
  /** KMS as S3 reaches it (SSE-KMS, DSSE-KMS); without it those requests answer 501. */
  kms?: KmsPort
  /** S3 Bucket Keys in use for new objects, per bucket, KMS key and requester (not persisted). */
  readonly bucketKeys = new Map<string, CachedBucketKey>()
  /** The sealed object bodies (in memory unless a host gives a store on disk). */
  blobs: BlobStore

  constructor(
    readonly options: S3Options,
    keyring?: RootKeyring,
    blobs?: BlobStore,
  ) {
    this.keyring = keyring ?? new RootKeyring(options.random, options.now)
    this.blobs = blobs ?? new MemoryBlobStore(options.random)
  }

  bucket(name: string): Bucket {
    const bucket = this.buckets.get(name)
    if (!bucket) throw noSuchBucket(name)
    return bucket
  }
}
