/**
 * SDK clients for a target. The default target is the in-browser emulator at `.invalid` hosts
 * (RFC 6761: they never resolve), so if the service worker is ever bypassed nothing reaches real AWS.
 */
import { S3Client } from '@aws-sdk/client-s3'
import { KMSClient } from '@aws-sdk/client-kms'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { STSClient } from '@aws-sdk/client-sts'

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

export function createClients(target: Target): Clients {
  const common = (service: ServiceName) => {
    const endpoint = endpointOf(target, service)
    // aws-cli retries too, but a learner wants to see the first answer, not three.
    return { region: target.region, credentials: target.credentials, maxAttempts: 1, ...(endpoint ? { endpoint } : {}) }
  }
  return {
    target,
    s3: new S3Client({
      ...common('s3'),
      forcePathStyle: target.forcePathStyle,
      ...(target.checksums
        ? { requestChecksumCalculation: target.checksums, responseChecksumValidation: target.checksums }
        : {}),
      ...(target.requestChecksums ? { requestChecksumCalculation: target.requestChecksums } : {}),
    }),
    kms: new KMSClient(common('kms')),
    cloudtrail: new CloudTrailClient(common('cloudtrail')),
    sts: new STSClient(common('sts')),
  }
}
