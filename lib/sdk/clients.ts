/**
 * SDK clients for a target. The default target is the in-browser emulator at `.invalid` hosts
 * (RFC 6761: they never resolve), so if the service worker is ever bypassed nothing reaches real AWS.
 */
import { S3Client } from '@aws-sdk/client-s3'
import { KMSClient } from '@aws-sdk/client-kms'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { STSClient } from '@aws-sdk/client-sts'
import { RAW_PATH_HEADER } from '../protocol/raw-path'
import { createDigest, createLocalDigest, hasDigestPort, type Digest } from '../crypto/digest'
import type { ChecksumAlgorithm } from '../crypto/checksums'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

export type ServiceName = 's3' | 'kms' | 'cloudtrail' | 'sts'

export const EMULATOR_ENDPOINT = 'https://s3.emulator.invalid'
export const emulatorEndpoint = (service: ServiceName) => `https://${service}.emulator.invalid`

export interface Target {
  /** One endpoint for every service (what --endpoint-url does), or per service. Absent: the SDK's AWS default. */
  endpoint?: string
  endpoints?: Partial<Record<ServiceName, string>>
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Path-style addressing (`endpoint/bucket/key`); the emulator accepts both styles. */
  forcePathStyle: boolean
  /**
   * When S3 requests carry a flexible checksum: 'WHEN_SUPPORTED' (current SDKs and aws-cli, the default) or
   * 'WHEN_REQUIRED' (aws-cli before 2.23; the conformance tests replay aws-cli 2.9).
   */
  checksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED'
  /** aws-cli's request_checksum_calculation alone (overrides `checksums` for requests; responses keep theirs). */
  requestChecksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED'
}

/** Whether uploads carry a flexible checksum they do not require (a CRC32 from aws-cli's transfers). */
export const sendsChecksums = (target: Target): boolean =>
  (target.requestChecksums ?? target.checksums) !== 'WHEN_REQUIRED'

/** The in-browser emulator, or (with `endpoint`) the emulator's HTTP host for every service. */
export const emulatorTarget = (endpoint?: string): Target => ({
  ...(endpoint
    ? { endpoint }
    : {
        endpoints: {
          s3: emulatorEndpoint('s3'),
          kms: emulatorEndpoint('kms'),
          cloudtrail: emulatorEndpoint('cloudtrail'),
          sts: emulatorEndpoint('sts'),
        },
      }),
  region: 'us-east-1',
  // The emulator does not check signatures; these only let the SDK sign as it always does.
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  forcePathStyle: true,
})

export const endpointOf = (target: Target, service: ServiceName): string | undefined =>
  target.endpoints?.[service] ?? target.endpoint

export interface Clients {
  target: Target
  s3: S3Client
  kms: KMSClient
  cloudtrail: CloudTrailClient
  sts: STSClient
}

const IN_PAGE_EMULATOR = /^https?:\/\/([a-z0-9.-]+\.)?emulator\.invalid(:\d+)?(\/|$)/

/**
 * Requests to the in-page emulator carry the path the SDK built (`/bucket/../victim/x`) beside the URL,
 * which the browser's fetch resolves (`/victim/x`) before the service worker sees it: the emulator takes
 * keys from it, literally, as S3 does from aws-cli (lib/protocol/raw-path.ts). Other targets never get it.
 */
function keepRawPath(s3: S3Client): S3Client {
  s3.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: string; headers?: Record<string, string> }
      if (typeof request.path === 'string' && request.headers) request.headers[RAW_PATH_HEADER] = request.path
      return next(args)
    },
    // After signing, just before sending: never signed, and never part of a presigned URL.
    { step: 'deserialize', name: 'playgroundRawPath' },
  )
  return s3
}

/** Below this size a body is hashed here: a round trip to the worker would cost more than the hash. */
const PORTED_FROM = 256 * 1024

/** A digest that goes through the port (the page's worker) when its first piece is large. */
function lazyDigest(algorithm: ChecksumAlgorithm) {
  let d: Digest | undefined
  return {
    update(data: Uint8Array): void {
      d ??= data.length >= PORTED_FROM ? createDigest(algorithm) : createLocalDigest(algorithm)
      d.update(data)
    },
    digest: (): Uint8Array | Promise<Uint8Array> => (d ?? createLocalDigest(algorithm)).digest(),
  }
}

/** An SDK checksum class (constructed per request body) that hashes large bodies through the digest port. */
const portedChecksum = (algorithm: ChecksumAlgorithm) =>
  class {
    private d = lazyDigest(algorithm)
    update(data: Uint8Array): void {
      this.d.update(data)
    }
    async digest(): Promise<Uint8Array> {
      return this.d.digest()
    }
    reset(): void {
      this.d = lazyDigest(algorithm)
    }
  }

type SourceData = string | ArrayBuffer | ArrayBufferView
const bytesOf = (d: SourceData): Uint8Array =>
  typeof d === 'string'
    ? new TextEncoder().encode(d)
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength)

/**
 * The SDK's SHA-256 (its SigV4 payload hash, and with a secret the signing HMAC): a payload hash goes through
 * the digest port; the HMACs, over a few dozen bytes each, stay here.
 */
class PortedSha256 {
  private d: { update(data: Uint8Array): void; digest(): Uint8Array | Promise<Uint8Array> }
  constructor(private readonly secret?: SourceData) {
    this.d = this.fresh()
  }
  private fresh() {
    if (this.secret === undefined) return lazyDigest('SHA256')
    const h = hmac.create(nobleSha256, bytesOf(this.secret))
    return { update: (data: Uint8Array) => void h.update(data), digest: () => h.digest() }
  }
  update(data: SourceData): void {
    this.d.update(bytesOf(data))
  }
  async digest(): Promise<Uint8Array> {
    return this.d.digest()
  }
  reset(): void {
    this.d = this.fresh()
  }
}

const checksumAlgorithms = () =>
  hasDigestPort()
    ? {
        sha256: PortedSha256,
        checksumAlgorithms: Object.fromEntries(
          (['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const).map((a) => [a, portedChecksum(a)]),
        ),
      }
    : {}

export function createClients(target: Target): Clients {
  const common = (service: ServiceName) => {
    const endpoint = endpointOf(target, service)
    // aws-cli retries too, but a learner wants to see the first answer, not three.
    return { region: target.region, credentials: target.credentials, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) }
  }
  const s3 = new S3Client({
    ...common('s3'),
    forcePathStyle: target.forcePathStyle,
    ...checksumAlgorithms(),
    ...(target.checksums
      ? { requestChecksumCalculation: target.checksums, responseChecksumValidation: target.checksums }
      : {}),
    ...(target.requestChecksums ? { requestChecksumCalculation: target.requestChecksums } : {}),
  })
  return {
    target,
    s3: IN_PAGE_EMULATOR.test(endpointOf(target, 's3') ?? '') ? keepRawPath(s3) : s3,
    kms: new KMSClient(common('kms')),
    cloudtrail: new CloudTrailClient(common('cloudtrail')),
    sts: new STSClient(common('sts')),
  }
}
