/**
 * SDK clients for a target. The default target is the in-browser emulator at `.invalid` hosts
 * (RFC 6761: they never resolve), so if the service worker is ever bypassed nothing reaches real AWS.
 */
import { S3Client } from '@aws-sdk/client-s3'
import { KMSClient } from '@aws-sdk/client-kms'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { STSClient } from '@aws-sdk/client-sts'
import { RAW_PATH_HEADER } from '../protocol/raw-path'
import { createDigest, hasDigestPort } from '../crypto/digest'
import type { ChecksumAlgorithm } from '../crypto/checksums'

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

/** An SDK checksum class (constructed per request body) that hashes through createDigest, so through the digest port. */
const portedChecksum = (algorithm: ChecksumAlgorithm) =>
  class {
    private d = createDigest(algorithm)
    update(data: Uint8Array): void {
      this.d.update(data)
    }
    async digest(): Promise<Uint8Array> {
      return this.d.digest()
    }
    reset(): void {
      this.d = createDigest(algorithm)
    }
  }

/**
 * In the page the SDK's request checksums are computed in the hashing worker behind the digest port (docs/architecture.md,
 * "Byte work and the main thread"); elsewhere the SDK's own classes run.
 */
const checksumAlgorithms = () =>
  hasDigestPort()
    ? {
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
