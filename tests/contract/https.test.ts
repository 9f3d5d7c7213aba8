/**
 * `npm run emulator -- --https`: the Node host serving TLS with a self-signed certificate made by openssl.
 * Over https SSE-C works with no override, as on AWS; the same emulator over plain http refuses it (C8).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { Server } from 'node:http'
import { createEmulatorServer, listen } from '@/lib/adapters/node-http/server'
import { selfSignedCertificate } from '@/lib/adapters/node-http/tls'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { testCredentials } from '../helpers/server'

const hasOpenssl = spawnSync('openssl', ['version']).status === 0
if (!hasOpenssl) console.warn('[https] skipped: no openssl command to make a certificate')
const dir = mkdtempSync(join(tmpdir(), 's3-playground-tls-'))
let server: Server
let s3: S3Client

beforeAll(async () => {
  if (!hasOpenssl) return
  const tls = selfSignedCertificate(dir)
  server = createEmulatorServer(createEmulator(), tls)
  const port = await listen(server, { port: 0, host: '127.0.0.1' })
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: `https://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: testCredentials,
    requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: tls.cert }) }),
  })
})
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!hasOpenssl)('the https host', () => {
  it('makes a certificate once and reuses it', () => {
    const a = selfSignedCertificate(dir)
    expect(a.cert.toString()).toContain('BEGIN CERTIFICATE')
    expect(selfSignedCertificate(dir).cert.equals(a.cert)).toBe(true)
  })
  it('SSE-C round-trips over TLS with no override', async () => {
    const SSEC = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.alloc(32, 6).toString('base64') }
    await s3.send(new CreateBucketCommand({ Bucket: 'tls-bucket' }))
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'tls-bucket',
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
              BlockedEncryptionTypes: { EncryptionType: ['NONE'] },
            },
          ],
        },
      }),
    )
    expect(
      (await s3.send(new PutObjectCommand({ Bucket: 'tls-bucket', Key: 'k', Body: 'over tls', ...SSEC })))
        .SSECustomerAlgorithm,
    ).toBe('AES256')
    expect(
      await (
        await s3.send(new GetObjectCommand({ Bucket: 'tls-bucket', Key: 'k', ...SSEC }))
      ).Body!.transformToString(),
    ).toBe('over tls')
  })
})
