/**
 * SDK clients for a target. The default target is the in-browser emulator at a `.invalid` host
 * (RFC 6761: it never resolves), so if the service worker is ever bypassed nothing reaches real AWS.
 */
import { S3Client } from '@aws-sdk/client-s3'

export const EMULATOR_ENDPOINT = 'https://s3.emulator.invalid'

export interface Target {
  endpoint: string
  region: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Path-style addressing (`endpoint/bucket/key`); the emulator accepts both styles. */
  forcePathStyle: boolean
}

export const emulatorTarget = (endpoint = EMULATOR_ENDPOINT): Target => ({
  endpoint,
  region: 'us-east-1',
  // The emulator does not check signatures; these only let the SDK sign as it always does.
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  forcePathStyle: true,
})

export interface Clients {
  target: Target
  s3: S3Client
}

export function createClients(target: Target): Clients {
  return {
    target,
    s3: new S3Client({
      region: target.region,
      endpoint: target.endpoint,
      forcePathStyle: target.forcePathStyle,
      credentials: target.credentials,
      // aws-cli retries too, but a learner wants to see the first answer, not three.
      maxAttempts: 1,
    }),
  }
}
