/**
 * Issue 4 with the real aws CLI against the Node server: SSE-C (with and without the plain-http
 * override), SSE-KMS with a key made by `aws kms`, a 20 MiB SSE-C multipart `aws s3 cp`, copies and a
 * deny-unencrypted bucket policy. Skipped, with a warning, when no aws CLI is installed.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsHome, findAws, runAws } from '../helpers/aws-cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

const cli = findAws()
if (!cli) console.warn('[aws-cli-encryption] skipped: no working aws CLI (install aws-cli or set AWS_CLI to its path)')
const SERVICE_ERROR = cli?.major === 1 ? 255 : 254
const MiB = 1024 * 1024
const work = mkdtempSync(join(tmpdir(), 's3-playground-aws-enc-'))
const file = (name: string) => join(work, name)
const KEY = 'k'.repeat(32) // aws-cli sends a 32-character --sse-customer-key as the raw key bytes
const B = 'cli-encryption'

let local: RunningEmulator
let strict: RunningEmulator
const aws = (line: string[], on = local) => runAws(cli!.command, on.endpoint, work, line)
const ok = async (line: string[], on = local) => {
  const r = await aws(line, on)
  expect(r.code, `aws ${line.join(' ')}\n${r.stderr}`).toBe(0)
  return r
}
// aws-cli 2.9's model predates BlockedEncryptionTypes, so SSE-C is unblocked over the wire directly.
const UNBLOCK =
  '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault>' +
  '<BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>'

beforeAll(async () => {
  if (!cli) return
  local = await startEmulator({ allowSseCOverHttp: true })
  strict = await startEmulator()
  for (const on of [local, strict]) {
    await ok(['s3api', 'create-bucket', '--bucket', B], on)
    expect((await fetch(`${on.endpoint}/${B}?encryption`, { method: 'PUT', body: UNBLOCK })).status).toBe(200)
  }
  writeFileSync(file('data.txt'), 'test_data')
})
afterAll(async () => {
  await local?.close()
  await strict?.close()
  rmSync(work, { recursive: true, force: true })
  rmSync(awsHome, { recursive: true, force: true })
})

describe.skipIf(!cli)(`SSE-C with the real aws CLI (${cli ? `aws-cli/${cli.version}` : 'not installed'})`, () => {
  const SSEC = ['--sse-customer-algorithm', 'AES256', '--sse-customer-key', KEY]
  it('put-object answers SSECustomerAlgorithm and SSECustomerKeyMD5, no ServerSideEncryption, a non-MD5 ETag', async () => {
    const out = JSON.parse(
      (await ok(['s3api', 'put-object', '--bucket', B, '--key', 'c.txt', '--body', 'data.txt', ...SSEC])).stdout,
    )
    expect(out.SSECustomerAlgorithm).toBe('AES256')
    expect(out.SSECustomerKeyMD5).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(out.ServerSideEncryption).toBeUndefined()
    expect(out.ETag).not.toBe('"6af8307c2460f2d208ad254f04be4b0d"')
  })
  it('head-object without the key: HEAD has no body, so the CLI says (400) Bad Request', async () => {
    const r = await aws(['s3api', 'head-object', '--bucket', B, '--key', 'c.txt'])
    expect(r).toEqual({
      code: SERVICE_ERROR,
      stdout: '',
      stderr: '\nAn error occurred (400) when calling the HeadObject operation: Bad Request\n',
    })
  })
  it('get-object with a wrong key: AccessDenied with S3’s text; with the right key the bytes', async () => {
    const wrong = await aws([
      's3api',
      'get-object',
      '--bucket',
      B,
      '--key',
      'c.txt',
      '--sse-customer-algorithm',
      'AES256',
      '--sse-customer-key',
      'w'.repeat(32),
      'out.txt',
    ])
    expect(wrong.code).toBe(SERVICE_ERROR)
    expect(wrong.stderr).toContain(
      'An error occurred (AccessDenied) when calling the GetObject operation: Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key.',
    )
    await ok(['s3api', 'get-object', '--bucket', B, '--key', 'c.txt', ...SSEC, 'out.txt'])
    expect(readFileSync(file('out.txt'), 'utf8')).toBe('test_data')
  })
  it('a server without --allow-sse-c-over-http refuses SSE-C over http (C8)', async () => {
    const r = await aws(['s3api', 'put-object', '--bucket', B, '--key', 'c.txt', '--body', 'data.txt', ...SSEC], strict)
    expect(r.code).toBe(SERVICE_ERROR)
    expect(r.stderr).toContain(
      'An error occurred (InvalidRequest) when calling the PutObject operation: Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.',
    )
  })
  it(
    'aws s3 cp of 20 MiB with --sse-c is an SSE-C multipart upload; it downloads with the key only',
    { timeout: 120_000 },
    async () => {
      const data = randomBytes(20 * MiB)
      writeFileSync(file('big.bin'), data)
      await ok(['s3', 'cp', 'big.bin', `s3://${B}/big.bin`, '--sse-c', 'AES256', '--sse-c-key', KEY])
      const object = local.emulator.s3.bucket(B).objects.get('big.bin')!
      expect([object.sse.algorithm, /-\d+"$/.test(object.etag)]).toEqual(['SSE-C', true])
      await ok(['s3', 'cp', `s3://${B}/big.bin`, 'big.down', '--sse-c', 'AES256', '--sse-c-key', KEY])
      expect(readFileSync(file('big.down')).equals(data)).toBe(true)
      expect((await aws(['s3', 'cp', `s3://${B}/big.bin`, 'nokey.down'])).code).not.toBe(0)
    },
  )
  it('copy-object from an SSE-C source to SSE-S3 needs the copy-source key', async () => {
    const out = JSON.parse(
      (
        await ok([
          's3api',
          'copy-object',
          '--bucket',
          B,
          '--key',
          'plain.txt',
          '--copy-source',
          `${B}/c.txt`,
          '--copy-source-sse-customer-algorithm',
          'AES256',
          '--copy-source-sse-customer-key',
          KEY,
        ])
      ).stdout,
    )
    expect(out.ServerSideEncryption).toBe('AES256')
    expect(out.CopyObjectResult.ETag).toBe('"6af8307c2460f2d208ad254f04be4b0d"')
  })
})

describe.skipIf(!cli)('SSE-KMS and policies with the real aws CLI', () => {
  it('a key from aws kms create-key; put-object --ssekms-key-id answers its ARN', async () => {
    const key = JSON.parse((await ok(['kms', 'create-key'])).stdout).KeyMetadata
    const out = JSON.parse(
      (
        await ok([
          's3api',
          'put-object',
          '--bucket',
          B,
          '--key',
          'kms.txt',
          '--body',
          'data.txt',
          '--server-side-encryption',
          'aws:kms',
          '--ssekms-key-id',
          key.KeyId,
        ])
      ).stdout,
    )
    expect([out.ServerSideEncryption, out.SSEKMSKeyId]).toEqual(['aws:kms', key.Arn])
    const head = JSON.parse((await ok(['s3api', 'head-object', '--bucket', B, '--key', 'kms.txt'])).stdout)
    expect([head.ServerSideEncryption, head.SSEKMSKeyId]).toEqual(['aws:kms', key.Arn])
  })
  it('a deny-unencrypted policy: put-object without --server-side-encryption is AccessDenied', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${B}/*`,
          Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
        },
      ],
    })
    await ok(['s3api', 'put-bucket-policy', '--bucket', B, '--policy', policy])
    const r = await aws(['s3api', 'put-object', '--bucket', B, '--key', 'denied.txt', '--body', 'data.txt'])
    expect(r.stderr).toContain(
      `An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::111122223333:user/playground is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${B}/denied.txt" with an explicit deny in a resource-based policy`,
    )
    await ok([
      's3api',
      'put-object',
      '--bucket',
      B,
      '--key',
      'allowed.txt',
      '--body',
      'data.txt',
      '--server-side-encryption',
      'AES256',
    ])
    await ok(['s3api', 'delete-bucket-policy', '--bucket', B])
  })
})
