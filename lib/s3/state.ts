/** The S3 service state and the dependencies its operations share. */
import type { RandomSource } from '../crypto/random'
import { noSuchBucket } from './errors'
import type { Bucket } from './model'
import { RootKeyring } from './root-keys'

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
}

export class S3State {
  readonly buckets = new Map<string, Bucket>()
  readonly keyring: RootKeyring

  constructor(readonly options: S3Options, keyring?: RootKeyring) {
    this.keyring = keyring ?? new RootKeyring(options.random, options.now)
  }

  bucket(name: string): Bucket {
    const bucket = this.buckets.get(name)
    if (!bucket) throw noSuchBucket(name)
    return bucket
  }
}
