/** The composition root: S3 and KMS state, CloudTrail, clock, randomness and events, and the one `handle` every host calls. */
import { CloudTrail } from '../cloudtrail/trail'
import { webCryptoRandom, type RandomSource } from '../crypto/random'
import { KmsService } from '../kms/service'
import { createHandle, type HandleOptions } from '../protocol/handle'
import { S3State } from '../s3/state'
import { SimulatedClock } from './clock'
import { EventHub } from './events'
import { TraceLog, type TraceClock } from '../trace/trace'

export interface EmulatorOptions {
  /** Plaintext bytes per at-rest segment (default 1 MiB, docs/at-rest-format.md); tests use small ones. */
  segmentBytes?: number
  /** The clock of the server-side trace (milliseconds); `performance.now` unless a test injects one. */
  traceClock?: TraceClock
  region?: string
  account?: string
  random?: RandomSource
  now?: () => Date
  /** New buckets block SSE-C, as AWS does since April 2026 (default true). */
  blockSseCOnNewBuckets?: boolean
  /**
   * Accept SSE-C over plain http (default false: S3 refuses it). Only for the localhost server, which is
   * http unless started with --https; `npm run emulator -- --allow-sse-c-over-http` sets it.
   */
  allowSseCOverHttp?: boolean
  /** Strict mode (SigV4 verification) and CORS, for the Node server and tests; the browser's worker uses neither. */
  http?: HandleOptions
}

export interface Emulator {
  readonly s3: S3State
  /** KMS: keys, aliases, key policies, and `kms.port`, the narrow interface S3 uses. */
  readonly kms: KmsService
  /** The account's event history: every KMS call, the user's and S3's. */
  readonly cloudtrail: CloudTrail
  /** Simulated time (options.now plus what the playground has advanced). */
  readonly clock: SimulatedClock
  readonly events: EventHub
  readonly random: RandomSource
  /** The server-side traces of recent requests, by request id (`GET /_playground/traces`). */
  readonly traces: TraceLog
  readonly traceClock?: TraceClock
  handle(request: Request): Promise<Response>
}

export const DEFAULT_ACCOUNT = '111122223333'
export const DEFAULT_REGION = 'us-east-1'

export function createEmulator(options: EmulatorOptions = {}, s3?: S3State): Emulator {
  const random = options.random ?? webCryptoRandom
  const clock = new SimulatedClock(options.now)
  const now = () => clock.now()
  const region = options.region ?? DEFAULT_REGION
  const account = options.account ?? DEFAULT_ACCOUNT
  const allowSseCOverHttp = options.allowSseCOverHttp ?? false
  const state =
    s3 ??
    new S3State({
      region,
      account,
      random,
      now,
      blockSseCOnNewBuckets: options.blockSseCOnNewBuckets ?? true,
      allowSseCOverHttp,
      ...(options.segmentBytes ? { segmentBytes: options.segmentBytes } : {}),
    })
  const kms = new KmsService({ region, account, random, now })
  state.kms = kms.port
  const cloudtrail = new CloudTrail({ region, account, random, now })
  kms.onAudit((record) => cloudtrail.recordKms(record))
  const events = new EventHub()
  const emulator: Emulator = {
    s3: state,
    kms,
    cloudtrail,
    clock,
    events,
    random,
    traces: new TraceLog(),
    ...(options.traceClock ? { traceClock: options.traceClock } : {}),
    handle: (request) => handle(request),
  }
  const handle = createHandle(emulator, options.http)
  return emulator
}
