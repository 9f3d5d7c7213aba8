/** The composition root: S3 state, clock, randomness and events, and the one `handle` every host calls. */
import { webCryptoRandom, type RandomSource } from '../crypto/random'
import { createHandle } from '../protocol/handle'
import { S3State } from '../s3/state'
import { EventHub } from './events'

export interface EmulatorOptions {
  region?: string
  account?: string
  random?: RandomSource
  now?: () => Date
  /** New buckets block SSE-C, as AWS does since April 2026 (default true). */
  blockSseCOnNewBuckets?: boolean
}

export interface Emulator {
  readonly s3: S3State
  readonly events: EventHub
  readonly random: RandomSource
  handle(request: Request): Promise<Response>
}

export const DEFAULT_ACCOUNT = '111122223333'
export const DEFAULT_REGION = 'us-east-1'

export function createEmulator(options: EmulatorOptions = {}, s3?: S3State): Emulator {
  const random = options.random ?? webCryptoRandom
  const state =
    s3 ??
    new S3State({
      region: options.region ?? DEFAULT_REGION,
      account: options.account ?? DEFAULT_ACCOUNT,
      random,
      now: options.now ?? (() => new Date()),
      blockSseCOnNewBuckets: options.blockSseCOnNewBuckets ?? true,
    })
  const events = new EventHub()
  const emulator: Emulator = { s3: state, events, random, handle: (request) => handle(request) }
  const handle = createHandle(emulator)
  return emulator
}
