/**
 * Debian's s3cmd (2.3) against the Node host: upload, list, download and delete with each encryption option
 * s3cmd offers (--server-side-encryption, --server-side-encryption-kms-id), signing with SigV4 and with
 * --signature-v2, path style against 127.0.0.1:PORT: the configuration README's "Third-party clients" shows.
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const hasS3cmd = spawnSync('s3cmd', ['--version']).status === 0
if (!hasS3cmd) console.warn('[s3cmd] skipped: no s3cmd installed')

const dir = mkdtempSync(join(tmpdir(), 's3cmd-contract-'))
let server: RunningEmulator
let s3: S3Client
let kms: KMSClient

beforeAll(async () => {
  if (!hasS3cmd) return
  server = await startEmulator()
  const host = server.endpoint.replace('http://', '')
  writeFileSync(
    join(dir, 's3cfg'),
    [
      '[default]',
      `access_key = ${testCredentials.accessKeyId}`,
      `secret_key = ${testCredentials.secretAccessKey}`,
      `host_base = ${host}`,
      `host_bucket = ${host}`,
      'use_https = False',
      'bucket_location = us-east-1',
      '',
    ].join('\n'),
  )
  const common = { region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials }
  s3 = new S3Client({ ...common, forcePathStyle: true })
  kms = new KMSClient(common)
  writeFileSync(join(dir, 'small.txt'), 'hello from s3cmd\n')
  writeFileSync(
    join(dir, 'big.bin'),
    Buffer.alloc(12 * 1024 * 1024).map((_, i) => (i * 131) & 0xff),
  )
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** s3cmd with the file's configuration; asynchronous, since the server runs in this process. */
const s3cmd = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) =>
    execFile('s3cmd', ['-c', join(dir, 's3cfg'), ...args], { cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
const ok = async (args: string[]): Promise<string> => {
  const run = await s3cmd(args)
  expect(run.code, run.stderr).toBe(0)
  expect(run.stderr).not.toMatch(/ERROR/)
  return run.stdout
}
const head = (key: string) => s3.send(new HeadObjectCommand({ Bucket: 's3cmd-sse', Key: key }))

describe.skipIf(!hasS3cmd)(`s3cmd against the emulator${hasS3cmd ? '' : ' (skipped: no s3cmd installed)'}`, () => {
  it('uploads, lists, downloads and deletes with no option, --server-side-encryption and a KMS key id', async () => {
    const keyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!
    expect(await ok(['mb', 's3://s3cmd-sse'])).toContain("Bucket 's3://s3cmd-sse/' created")
    await ok(['put', 'small.txt', 's3://s3cmd-sse/plain.txt'])
    await ok(['put', '--server-side-encryption', 'small.txt', 's3://s3cmd-sse/aes.txt'])
    await ok(['put', '--server-side-encryption-kms-id', keyId, 'small.txt', 's3://s3cmd-sse/kms.txt'])
    // 12 MB in 5 MB chunks: a multipart upload under the KMS key.
    await ok([
      'put',
      '--multipart-chunk-size-mb=5',
      '--server-side-encryption-kms-id',
      keyId,
      'big.bin',
      's3://s3cmd-sse/big.bin',
    ])
    // SigV2, which s3cmd still offers.
    await ok(['--signature-v2', 'put', '--server-side-encryption', 'small.txt', 's3://s3cmd-sse/v2.txt'])
    expect((await head('aes.txt')).ServerSideEncryption).toBe('AES256')
    expect((await head('v2.txt')).ServerSideEncryption).toBe('AES256')
    for (const key of ['kms.txt', 'big.bin']) {
      const h = await head(key)
      expect([h.ServerSideEncryption, h.SSEKMSKeyId?.endsWith(`key/${keyId}`)]).toEqual(['aws:kms', true])
    }
    expect((await head('big.bin')).ETag).toMatch(/-3"$/)
    const listing = await ok(['ls', 's3://s3cmd-sse'])
    expect(
      listing
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/).at(-1)),
    ).toEqual([
      's3://s3cmd-sse/aes.txt',
      's3://s3cmd-sse/big.bin',
      's3://s3cmd-sse/kms.txt',
      's3://s3cmd-sse/plain.txt',
      's3://s3cmd-sse/v2.txt',
    ])
    expect(await ok(['info', 's3://s3cmd-sse/kms.txt'])).toMatch(/SSE:\s+aws:kms/)
    for (const key of ['plain.txt', 'aes.txt', 'kms.txt', 'v2.txt']) {
      await ok(['get', '--force', `s3://s3cmd-sse/${key}`, `down-${key}`])
      expect(readFileSync(join(dir, `down-${key}`), 'utf8')).toBe('hello from s3cmd\n')
    }
    // SigV2 cannot read a KMS object (docs/fidelity.md §2.1 E10); SigV4 can.
    const v2 = await s3cmd(['--signature-v2', 'get', '--force', 's3://s3cmd-sse/big.bin', 'down-big.bin'])
    expect(v2.stderr).toContain(
      '400 (InvalidArgument): Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.',
    )
    await ok(['get', '--force', 's3://s3cmd-sse/big.bin', 'down-big.bin'])
    expect(readFileSync(join(dir, 'down-big.bin')).equals(readFileSync(join(dir, 'big.bin')))).toBe(true)
    // One by one (DeleteObject), then the rest at once (DeleteObjects, which --recursive sends).
    for (const key of ['plain.txt', 'aes.txt'])
      expect(await ok(['del', `s3://s3cmd-sse/${key}`])).toContain(`delete: 's3://s3cmd-sse/${key}'`)
    const rest = await ok(['del', '--recursive', '--force', 's3://s3cmd-sse'])
    expect(rest.trim().split('\n').sort()).toEqual([
      "delete: 's3://s3cmd-sse/big.bin'",
      "delete: 's3://s3cmd-sse/kms.txt'",
      "delete: 's3://s3cmd-sse/v2.txt'",
    ])
    expect((await ok(['ls', 's3://s3cmd-sse'])).trim()).toBe('')
    expect(await ok(['rb', 's3://s3cmd-sse'])).toContain('removed')
  })
})
