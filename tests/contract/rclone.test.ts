/**
 * Debian's rclone (1.60) against the Node host: upload, list, download and delete with each encryption option
 * rclone offers. One https server for the file (self-signed, trusted with --ca-cert): rclone's SDK refuses to
 * send SSE-C keys over plain http, so https is what a user needs for SSE-C. Configured the way README's
 * "Third-party clients" section says: a remote from RCLONE_CONFIG_* variables, provider Other, path style.
 */
import { execFile } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:https'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { HeadObjectCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { createEmulatorServer, listen } from '@/lib/adapters/node-http/server'
import { selfSignedCertificate } from '@/lib/adapters/node-http/tls'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { testCredentials } from '../helpers/server'

const hasRclone = spawnSync('rclone', ['version']).status === 0
const hasOpenssl = spawnSync('openssl', ['version']).status === 0
const skipReason = !hasRclone ? 'no rclone installed' : !hasOpenssl ? 'no openssl to make a certificate' : ''
if (skipReason) console.warn(`[rclone] skipped: ${skipReason}`)

const dir = mkdtempSync(join(tmpdir(), 'rclone-contract-'))
let server: Server
let endpoint = ''
let certPath = ''
let s3: S3Client
let kms: KMSClient

beforeAll(async () => {
  if (skipReason) return
  const tls = selfSignedCertificate(join(dir, 'tls'))
  certPath = tls.certPath
  server = createEmulatorServer(createEmulator(), tls)
  endpoint = `https://127.0.0.1:${await listen(server, { port: 0, host: '127.0.0.1' })}`
  const common = {
    region: 'us-east-1',
    endpoint,
    credentials: testCredentials,
    requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: tls.cert }) }),
  }
  s3 = new S3Client({ ...common, forcePathStyle: true })
  kms = new KMSClient(common)
  writeFileSync(join(dir, 'small.txt'), 'hello from rclone\n')
  // 12 MB with a 5 MB cutoff: a multipart upload of three parts.
  writeFileSync(
    join(dir, 'big.bin'),
    Buffer.alloc(12 * 1024 * 1024, 7).map((b, i) => (b + i * 31) & 0xff),
  )
})
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** rclone with the remote "emu" from environment variables; never execFileSync, since the server runs here. */
const rclone = (args: string[]): Promise<Run> => {
  const { AWS_CA_BUNDLE: _bundle, ...env } = process.env // rclone cannot load a CA bundle from there: --ca-cert
  return new Promise((resolve) =>
    execFile(
      'rclone',
      ['--ca-cert', certPath, '--retries', '1', '--low-level-retries', '1', ...args],
      {
        cwd: dir,
        env: {
          ...env,
          RCLONE_CONFIG: join(dir, 'rclone.conf'),
          RCLONE_CONFIG_EMU_TYPE: 's3',
          RCLONE_CONFIG_EMU_PROVIDER: 'Other',
          RCLONE_CONFIG_EMU_ENDPOINT: endpoint,
          RCLONE_CONFIG_EMU_REGION: 'us-east-1',
          RCLONE_CONFIG_EMU_FORCE_PATH_STYLE: 'true',
          RCLONE_CONFIG_EMU_ACCESS_KEY_ID: testCredentials.accessKeyId,
          RCLONE_CONFIG_EMU_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
}
const ok = async (args: string[]): Promise<string> => {
  const run = await rclone(args)
  expect(run.stderr.split('\n').filter((l) => l.includes('ERROR'))).toEqual([])
  expect(run.code, run.stderr).toBe(0)
  return run.stdout
}
const head = (bucket: string, key: string, sse: Record<string, string> = {}) =>
  s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...sse }))

const SSE_C_KEY = '0123456789abcdef0123456789abcdef' // rclone takes the raw 32-byte key
const sseC = ['--s3-sse-customer-algorithm', 'AES256', '--s3-sse-customer-key', SSE_C_KEY]
const multipart = ['--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M']

describe.skipIf(!!skipReason)(`rclone against the emulator${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('uploads, lists, downloads and deletes with no option, AES256 and aws:kms (default and named key)', async () => {
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
    await ok(['mkdir', 'emu:rclone-sse'])
    await ok(['copyto', 'small.txt', 'emu:rclone-sse/plain.txt'])
    await ok(['copyto', '--s3-server-side-encryption', 'AES256', 'small.txt', 'emu:rclone-sse/aes.txt'])
    await ok(['copyto', '--s3-server-side-encryption', 'aws:kms', 'small.txt', 'emu:rclone-sse/kms.txt'])
    await ok([
      'copyto',
      ...['--s3-server-side-encryption', 'aws:kms', '--s3-sse-kms-key-id', keyId],
      ...multipart,
      'big.bin',
      'emu:rclone-sse/kms-key.bin',
    ])
    expect((await head('rclone-sse', 'aes.txt')).ServerSideEncryption).toBe('AES256')
    expect((await head('rclone-sse', 'kms.txt')).ServerSideEncryption).toBe('aws:kms')
    const named = await head('rclone-sse', 'kms-key.bin')
    expect([named.ServerSideEncryption, named.SSEKMSKeyId?.endsWith(`key/${keyId}`)]).toEqual(['aws:kms', true])
    const listing = await ok(['lsf', 'emu:rclone-sse'])
    expect(listing.trim().split('\n').sort()).toEqual(['aes.txt', 'kms-key.bin', 'kms.txt', 'plain.txt'])
    await ok(['copy', 'emu:rclone-sse', 'down-sse'])
    for (const name of ['plain.txt', 'aes.txt', 'kms.txt'])
      expect(readFileSync(join(dir, 'down-sse', name), 'utf8')).toBe('hello from rclone\n')
    expect(readFileSync(join(dir, 'down-sse', 'kms-key.bin')).equals(readFileSync(join(dir, 'big.bin')))).toBe(true)
    // KMS ETags are not MD5s (as on S3), so rclone 1.60 compares the bytes themselves.
    await ok(['check', '--download', 'down-sse', 'emu:rclone-sse'])
    await ok(['delete', 'emu:rclone-sse'])
    expect((await ok(['lsf', 'emu:rclone-sse'])).trim()).toBe('')
    await ok(['rmdir', 'emu:rclone-sse'])
    expect((await rclone(['lsf', 'emu:rclone-sse'])).code).not.toBe(0)
  })

  it('SSE-C: uploads (single and multipart), copies, downloads and deletes with the customer key', async () => {
    await ok(['mkdir', 'emu:rclone-ssec'])
    // New buckets block SSE-C (April 2026): the owner unblocks it as on AWS, with BlockedEncryptionTypes NONE.
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'rclone-ssec',
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
    await ok(['copyto', ...sseC, 'small.txt', 'emu:rclone-ssec/c.txt'])
    await ok(['copyto', ...sseC, ...multipart, 'big.bin', 'emu:rclone-ssec/big.bin'])
    // A server-side copy: CopyObject with the key for the source and for the destination.
    await ok(['copyto', ...sseC, 'emu:rclone-ssec/c.txt', 'emu:rclone-ssec/c-copy.txt'])
    const customer = {
      SSECustomerAlgorithm: 'AES256',
      SSECustomerKey: Buffer.from(SSE_C_KEY).toString('base64'),
    }
    expect((await head('rclone-ssec', 'c-copy.txt', customer)).SSECustomerAlgorithm).toBe('AES256')
    expect((await ok(['lsf', 'emu:rclone-ssec'])).trim().split('\n').sort()).toEqual(['big.bin', 'c-copy.txt', 'c.txt'])
    await ok(['copy', ...sseC, 'emu:rclone-ssec', 'down-ssec'])
    expect(readFileSync(join(dir, 'down-ssec', 'c-copy.txt'), 'utf8')).toBe('hello from rclone\n')
    expect(readFileSync(join(dir, 'down-ssec', 'big.bin')).equals(readFileSync(join(dir, 'big.bin')))).toBe(true)
    // Without the key the object cannot be read: HEAD answers 400, and rclone finds no file to download.
    await rclone(['copyto', 'emu:rclone-ssec/c.txt', 'keyless.txt'])
    expect(existsSync(join(dir, 'keyless.txt'))).toBe(false)
    await ok(['delete', 'emu:rclone-ssec'])
    await ok(['rmdir', 'emu:rclone-ssec'])
  })
})
