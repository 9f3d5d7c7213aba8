/**
 * Reverse interop: objects lib/cse writes through the emulator's HTTP host are read back and decrypted by the
 * real Ruby S3 Encryption Client (tests/interop/ruby-s3ec.rb). Skipped, saying why, when ruby or the gem is missing
 * (Debian: apt-get install ruby-aws-sdk-s3).
 */
import { execFile, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { fromBase64, toBase64, utf8 } from '@/lib/crypto/bytes'
import {
  aesKeyring,
  kmsKeyring,
  kmsPortFromClient,
  rsaKeyringFromPem,
  S3EncryptionClient,
  type Keyring,
} from '@/lib/cse'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const script = fileURLToPath(new URL('../interop/ruby-s3ec.rb', import.meta.url))
const probe = spawnSync('ruby', ['-e', 'require "aws-sdk-s3"; require "aws-sdk-kms"; print Aws::S3::GEM_VERSION'], {
  encoding: 'utf8',
})
const rubyGem = probe.status === 0 ? probe.stdout : undefined

describe.skipIf(!rubyGem)(
  `the Ruby S3 Encryption Client (aws-sdk-s3 ${rubyGem ?? 'NOT INSTALLED: ruby or ruby-aws-sdk-s3 missing, skipped'}) decrypts what lib/cse wrote`,
  () => {
    let running: RunningEmulator
    let s3: S3Client
    let kms: KMSClient
    const bucket = 'cse-to-ruby'
    const dir = mkdtempSync(join(tmpdir(), 's3ec-interop-'))

    beforeAll(async () => {
      running = await startEmulator()
      const config = { endpoint: running.endpoint, region: 'us-east-1', credentials: testCredentials }
      s3 = new S3Client({ ...config, forcePathStyle: true })
      kms = new KMSClient(config)
      await s3.send(new CreateBucketCommand({ Bucket: bucket }))
    })
    afterAll(() => running?.close())

    // Asynchronous: the emulator runs in this process, so a synchronous child would block it.
    const rubyRead = async (key: string, spec: string, instruction = false) => {
      const { stdout } = await promisify(execFile)('ruby', [
        script,
        'read',
        running.endpoint,
        bucket,
        key,
        spec,
        ...(instruction ? ['instruction'] : []),
      ])
      return fromBase64(stdout.trim())
    }

    async function roundTrip(key: string, keyring: Keyring, spec: string, instructionFile = false) {
      const plaintext = utf8(`written by lib/cse for ${key}: ${'x'.repeat(100)}`)
      await new S3EncryptionClient({ s3, keyring, format: 'v2', instructionFile }).putObject({
        Bucket: bucket,
        Key: key,
        Body: plaintext,
      })
      expect(await rubyRead(key, spec, instructionFile)).toEqual(plaintext)
    }

    it('AES/GCM wrap, metadata', async () => {
      const key = crypto.getRandomValues(new Uint8Array(32))
      await roundTrip('aes-gcm', aesKeyring(key), `aes:${toBase64(key)}`)
    })

    it('AES/GCM wrap, instruction file', async () => {
      const key = crypto.getRandomValues(new Uint8Array(32))
      await roundTrip('aes-gcm-instruction', aesKeyring(key), `aes:${toBase64(key)}`, true)
    })

    it('RSA-OAEP-SHA1 wrap (PKCS#1 PEM, as Ruby writes it)', async () => {
      const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      }) as string
      const file = join(dir, 'rsa.pem')
      writeFileSync(file, pem)
      await roundTrip('rsa-oaep', await rsaKeyringFromPem(pem), `rsa:${file}`)
    })

    it('kms+context wrap, with the playground KMS', async () => {
      const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
      await roundTrip('kms-context', kmsKeyring(kmsPortFromClient(kms), keyId), `kms:${keyId}`)
    })

    it('a tampered body is refused by Ruby too', async () => {
      const key = crypto.getRandomValues(new Uint8Array(32))
      await new S3EncryptionClient({ s3, keyring: aesKeyring(key) }).putObject({
        Bucket: bucket,
        Key: 'tampered',
        Body: utf8('hello'),
      })
      const raw = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'tampered' }))
      const body = await raw.Body!.transformToByteArray()
      body[0]! ^= 1
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tampered', Body: body, Metadata: raw.Metadata }))
      await expect(rubyRead('tampered', `aes:${toBase64(key)}`)).rejects.toThrow(/CipherError|DecryptionError/)
    })

    it('and lib/cse decrypts kms+context objects Ruby writes with the playground KMS (live, no fixture: keys live in the emulator)', async () => {
      const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
      const plaintext = utf8('written by Ruby with kms+context')
      await promisify(execFile)('ruby', [
        script,
        'put',
        running.endpoint,
        bucket,
        'from-ruby-kms',
        `kms:${keyId}`,
        toBase64(plaintext),
      ])
      const got = await new S3EncryptionClient({ s3, keyring: kmsKeyring(kmsPortFromClient(kms), keyId) }).getObject({
        Bucket: bucket,
        Key: 'from-ruby-kms',
      })
      expect(got.Body).toEqual(plaintext)
      expect(JSON.parse(got.Metadata['x-amz-matdesc']!)).toEqual({ 'aws:x-amz-cek-alg': 'AES/GCM/NoPadding' })
    })
  },
)
