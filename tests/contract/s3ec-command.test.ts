/**
 * The `s3ec` terminal command against the emulator's HTTP host: ciphertext and x-amz-meta-* metadata go over the
 * wire through @aws-sdk/client-s3, aws-cli sees only ciphertext, and s3ec get-object gives the plaintext back.
 */
import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromBase64, utf8 } from '@/lib/crypto/bytes'
import { cliAgainst, type Ran } from '../helpers/cli'
import { startEmulator, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let cli: ReturnType<typeof cliAgainst>
const run = (line: string): Promise<Ran> => cli.run(line)
const ok = async (line: string) => {
  const r = await run(line)
  expect(r.stderr, line).toBe('')
  expect(r.code, line).toBe(0)
  return r.stdout
}

beforeAll(async () => {
  running = await startEmulator()
  cli = cliAgainst(running.endpoint)
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  }) as string
  cli.session.shell.vfs.write('rsa.pem', utf8(pem))
  await ok('aws s3 mb s3://cse')
  await ok('openssl rand -out key.bin 32')
  await ok('echo "client-side encrypted: S3 never sees this" > plain.txt')
})
afterAll(() => running?.close())

describe('s3ec put-object / get-object', () => {
  it('v2 with a raw AES key: S3 stores ciphertext and the V2 metadata; get-object decrypts', async () => {
    const put = JSON.parse(
      await ok('s3ec put-object --bucket cse --key aes.txt --body plain.txt --keyring aes:fileb://key.bin'),
    )
    expect(put).toMatchObject({ EncryptionFormat: 'v2', WrapAlgorithm: 'AES/GCM', InstructionFile: false })
    const head = JSON.parse(await ok('aws s3api head-object --bucket cse --key aes.txt'))
    expect(head.ContentLength).toBe(42 + 16)
    expect(Object.keys(head.Metadata).sort()).toEqual([
      'x-amz-cek-alg',
      'x-amz-iv',
      'x-amz-key-v2',
      'x-amz-matdesc',
      'x-amz-tag-len',
      'x-amz-unencrypted-content-length',
      'x-amz-wrap-alg',
    ])
    await ok('aws s3 cp s3://cse/aes.txt raw.bin')
    expect((await run('cmp plain.txt raw.bin')).code).toBe(1)
    const got = JSON.parse(await ok('s3ec get-object --bucket cse --key aes.txt out.txt --keyring aes:fileb://key.bin'))
    expect(got).toMatchObject({ ContentLength: 42, EncryptionFormat: 'v2', InstructionFile: false })
    await ok('cmp plain.txt out.txt')
  })

  it('v3 with an instruction file: x-amz-c, x-amz-d, x-amz-i stay on the object, the rest in KEY.instruction', async () => {
    await ok(
      's3ec put-object --bucket cse --key v3.txt --body plain.txt --keyring aes:fileb://key.bin --format v3 --instruction-file',
    )
    const head = JSON.parse(await ok('aws s3api head-object --bucket cse --key v3.txt'))
    expect(Object.keys(head.Metadata).sort()).toEqual(['x-amz-c', 'x-amz-d', 'x-amz-i'])
    const instruction = JSON.parse(await ok('aws s3 cp s3://cse/v3.txt.instruction -'))
    expect(instruction).toMatchObject({ 'x-amz-w': '02' })
    expect(
      JSON.parse(await ok('s3ec get-object --bucket cse --key v3.txt out3.txt --keyring aes:fileb://key.bin')),
    ).toMatchObject({ EncryptionFormat: 'v3', InstructionFile: true })
    await ok('cmp plain.txt out3.txt')
  })

  it('kms+context with the playground KMS and an encryption context', async () => {
    const keyId = (await ok('aws kms create-key --query KeyMetadata.KeyId --output text')).trim()
    await ok(
      `s3ec put-object --bucket cse --key kms.txt --body plain.txt --keyring kms:${keyId} --encryption-context project=demo`,
    )
    const head = JSON.parse(await ok('aws s3api head-object --bucket cse --key kms.txt'))
    expect(JSON.parse(head.Metadata['x-amz-matdesc'])).toEqual({
      project: 'demo',
      'aws:x-amz-cek-alg': 'AES/GCM/NoPadding',
    })
    await ok(
      `s3ec get-object --bucket cse --key kms.txt outk.txt --keyring kms:${keyId} --encryption-context '{"project":"demo"}'`,
    )
    await ok('cmp plain.txt outk.txt')
    const wrong = await run(`s3ec get-object --bucket cse --key kms.txt x.txt --keyring kms:${keyId}`)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/KeyUnwrapFailed: the object's encryption context/)
  })

  it('RSA-OAEP-SHA1 with a PKCS#1 PEM, in v2 and v3', async () => {
    for (const format of ['v2', 'v3']) {
      await ok(
        `s3ec put-object --bucket cse --key rsa-${format} --body plain.txt --keyring rsa:file://rsa.pem --format ${format}`,
      )
      await ok(`s3ec get-object --bucket cse --key rsa-${format} rsa-${format}.txt --keyring rsa:file://rsa.pem`)
      await ok(`cmp plain.txt rsa-${format}.txt`)
    }
  })

  it('a ranged get needs --enable-legacy-unauthenticated-modes, then decrypts just the range with AES-CTR', async () => {
    const refused = await run(
      's3ec get-object --bucket cse --key aes.txt part.txt --keyring aes:fileb://key.bin --range bytes=0-13',
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/RangeRefused/)
    const got = JSON.parse(
      await ok(
        's3ec get-object --bucket cse --key aes.txt part.txt --keyring aes:fileb://key.bin --range bytes=0-13 --enable-legacy-unauthenticated-modes',
      ),
    )
    expect(got.ContentRange).toBe('bytes 0-13/42')
    expect(await ok('cat part.txt')).toBe('client-side en')
  })

  it('refuses the wrong key, a plaintext object and bad usage, saying why', async () => {
    await ok('openssl rand -out other.bin 32')
    const wrongKey = await run('s3ec get-object --bucket cse --key aes.txt x.txt --keyring aes:fileb://other.bin')
    expect([wrongKey.code, wrongKey.stderr]).toEqual([1, expect.stringMatching(/KeyUnwrapFailed/)])
    expect((await run('cat x.txt')).code).toBe(1) // nothing written
    await ok('aws s3 cp plain.txt s3://cse/plain.txt')
    expect(
      (await run('s3ec get-object --bucket cse --key plain.txt x.txt --keyring aes:fileb://key.bin')).stderr,
    ).toMatch(/not client-side encrypted/)
    expect((await run('s3ec get-object --bucket cse --key nope x.txt --keyring aes:fileb://key.bin')).stderr).toMatch(
      /NoSuchKey|NotFound/,
    )
    expect(
      (await run('s3ec put-object --bucket cse --key k --body plain.txt --keyring aes:fileb://plain.txt')).stderr,
    ).toMatch(/32 raw bytes/)
    const usage = await run('s3ec put-object --bucket cse')
    expect([usage.code, usage.stderr]).toEqual([
      2,
      expect.stringMatching(/required: --bucket, --key, --keyring[\s\S]*usage: s3ec/),
    ])
    expect(
      (await run('s3ec put-object --bucket cse --key k --body plain.txt --keyring aes:fileb://key.bin --format v4'))
        .stderr,
    ).toMatch(/v2 or v3/)
  })

  it('reads a legacy V1 object the Ruby client wrote only with --enable-legacy', async () => {
    const f = JSON.parse(
      readFileSync(fileURLToPath(new URL('../fixtures/s3ec/ruby-v1-legacy-aes-cbc.json', import.meta.url)), 'utf8'),
    )
    await cli.session.shell.aws
      .clients({})
      .s3.send(
        new PutObjectCommand({ Bucket: 'cse', Key: 'v1', Body: fromBase64(f.ciphertextBase64), Metadata: f.metadata }),
      )
    cli.session.shell.vfs.write('v1.key', fromBase64(f.key.aes)!)
    const refused = await run('s3ec get-object --bucket cse --key v1 v1.txt --keyring aes:fileb://v1.key')
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/legacy wrapping algorithm AES/)])
    expect(
      JSON.parse(await ok('s3ec get-object --bucket cse --key v1 v1.txt --keyring aes:fileb://v1.key --enable-legacy')),
    ).toMatchObject({ EncryptionFormat: 'v1' })
    expect(await ok('cat v1.txt')).toBe('Hello from the Ruby S3 Encryption Client')
  })
})
