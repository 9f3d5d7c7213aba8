/**
 * The real aws CLI (`aws kms ...`, `aws cloudtrail lookup-events`) against the emulator's HTTP host with
 * --endpoint-url: the KMS acceptance walk-through, command for command.
 *
 * Uses `aws` on PATH (aws-cli v1.45 here; set AWS_CLI to choose another). aws-cli v2 releases before 2024
 * (e.g. the 2.9 at /usr/bin/aws) do not know rotate-key-on-demand and list-key-rotations.
 * Skipped, with a note that says why, when no aws CLI is installed.
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../helpers/server'

const home = mkdtempSync(join(tmpdir(), 'kms-cli-home-'))
const work = mkdtempSync(join(tmpdir(), 'kms-cli-work-'))

// The CLI sees only these credentials and settings: nothing from the user's ~/.aws or AWS_* variables.
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  NODE_ENV: process.env.NODE_ENV,
  HOME: home,
  AWS_ACCESS_KEY_ID: 'AKIDKMSCLI',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
}

const command = process.env.AWS_CLI ?? 'aws'
const probe = spawnSync(command, ['--version'], { encoding: 'utf8', env })
const version = /aws-cli\/(\d+)\.\S+/.exec(`${probe.stdout ?? ''}${probe.stderr ?? ''}`)
const installed = probe.status === 0 && version !== null
if (!installed)
  console.warn(
    `[kms-aws-cli] skipped: no working aws CLI at '${command}' (install aws-cli, or set AWS_CLI to its path)`,
  )
// aws-cli v2 before 2024 has no rotate-key-on-demand / list-key-rotations: those steps are then skipped.
const rotation =
  installed &&
  spawnSync(command, ['kms', 'rotate-key-on-demand', '--generate-cli-skeleton'], { encoding: 'utf8', env }).status === 0
if (installed && !rotation)
  console.warn(
    `[kms-aws-cli] ${command} (aws-cli ${version?.[0]}) has no rotate-key-on-demand: the rotation step is skipped`,
  )
// aws-cli exits 255 for a service error in v1, 254 in v2.
const SERVICE_ERROR = Number(version?.[1]) === 1 ? 255 : 254

let running: RunningEmulator

interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI asynchronously: the emulator answers from this same process, so never block it. */
function aws(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['--endpoint-url', running.endpoint, ...args],
      { env, cwd: work, encoding: 'utf8' },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}

async function json(...args: string[]) {
  const ran = await aws(...args, '--output', 'json')
  if (ran.code !== 0) throw new Error(`aws ${args.join(' ')} failed (${ran.code}): ${ran.stderr}`)
  return ran.stdout.trim() ? JSON.parse(ran.stdout) : {}
}

const file = (name: string, content: string | Uint8Array) => {
  const path = join(work, name)
  writeFileSync(path, content)
  return path
}
const blobFile = (name: string, base64: string) => `fileb://${file(name, Buffer.from(base64, 'base64'))}`
const decoded = (base64: string) => Buffer.from(base64, 'base64').toString('utf8')

let keyId: string
let keyArn: string

beforeAll(async () => {
  if (installed) running = await startEmulator()
})
afterAll(async () => {
  await running?.close()
  rmSync(home, { recursive: true, force: true })
  rmSync(work, { recursive: true, force: true })
})

describe.skipIf(!installed)('aws kms against the emulator', { timeout: 60_000 }, () => {
  it('create-key, create-alias, list-aliases, describe-key', async () => {
    const created = await json('kms', 'create-key', '--description', 'cli key', '--tags', 'TagKey=lesson,TagValue=kms')
    keyId = created.KeyMetadata.KeyId
    keyArn = created.KeyMetadata.Arn
    expect(created.KeyMetadata).toMatchObject({ KeyState: 'Enabled', KeyManager: 'CUSTOMER', Description: 'cli key' })
    expect(await aws('kms', 'create-alias', '--alias-name', 'alias/cli-key', '--target-key-id', keyId)).toMatchObject({
      code: 0,
      stdout: '',
    })
    const { Aliases } = await json('kms', 'list-aliases')
    expect(Aliases).toContainEqual(expect.objectContaining({ AliasName: 'alias/cli-key', TargetKeyId: keyId }))
    expect((await json('kms', 'describe-key', '--key-id', 'alias/cli-key')).KeyMetadata.Arn).toBe(keyArn)
  })

  it('encrypt / decrypt without and with an encryption context', async () => {
    const plain = `fileb://${file('plain.txt', 'hello from the cli')}`
    const noContext = await json('kms', 'encrypt', '--key-id', 'alias/cli-key', '--plaintext', plain)
    expect(noContext.KeyId).toBe(keyArn)
    const out = await json('kms', 'decrypt', '--ciphertext-blob', blobFile('c1.bin', noContext.CiphertextBlob))
    expect([decoded(out.Plaintext), out.KeyId]).toEqual(['hello from the cli', keyArn])

    const withContext = await json(
      'kms',
      'encrypt',
      '--key-id',
      keyId,
      '--plaintext',
      plain,
      '--encryption-context',
      'purpose=test,team=blue',
    )
    const blob = blobFile('c2.bin', withContext.CiphertextBlob)
    expect(
      decoded(
        (await json('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', 'team=blue,purpose=test'))
          .Plaintext,
      ),
    ).toBe('hello from the cli')
    const wrong = await aws('kms', 'decrypt', '--ciphertext-blob', blob, '--encryption-context', 'purpose=prod')
    expect(wrong.code).toBe(SERVICE_ERROR)
    expect(wrong.stderr).toContain('An error occurred (InvalidCiphertextException) when calling the Decrypt operation')
  })

  it('generate-data-key', async () => {
    const dataKey = await json(
      'kms',
      'generate-data-key',
      '--key-id',
      keyId,
      '--key-spec',
      'AES_256',
      '--encryption-context',
      'aws:s3:arn=arn:aws:s3:::b/k',
    )
    expect(Buffer.from(dataKey.Plaintext, 'base64')).toHaveLength(32)
    expect(dataKey.KeyId).toBe(keyArn)
    const back = await json(
      'kms',
      'decrypt',
      '--ciphertext-blob',
      blobFile('dk.bin', dataKey.CiphertextBlob),
      '--encryption-context',
      'aws:s3:arn=arn:aws:s3:::b/k',
    )
    expect(back.Plaintext).toBe(dataKey.Plaintext)
  })

  it('disable-key, then decrypt fails with DisabledException; enable-key restores it', async () => {
    const { CiphertextBlob } = await json(
      'kms',
      'encrypt',
      '--key-id',
      keyId,
      '--plaintext',
      `fileb://${file('d.txt', 'd')}`,
    )
    expect((await aws('kms', 'disable-key', '--key-id', keyId)).code).toBe(0)
    const ran = await aws('kms', 'decrypt', '--ciphertext-blob', blobFile('d.bin', CiphertextBlob))
    expect(ran.code).toBe(SERVICE_ERROR)
    expect(ran.stderr.trim()).toBe(
      `An error occurred (DisabledException) when calling the Decrypt operation: ${keyArn} is disabled.`,
    )
    expect((await aws('kms', 'enable-key', '--key-id', keyId)).code).toBe(0)
  })

  it.skipIf(!rotation)(
    'rotate-key-on-demand, then an old ciphertext still decrypts; list-key-rotations shows the rotation',
    async () => {
      const old = await json(
        'kms',
        'encrypt',
        '--key-id',
        keyId,
        '--plaintext',
        `fileb://${file('old.txt', 'before rotation')}`,
      )
      expect((await json('kms', 'rotate-key-on-demand', '--key-id', keyId)).KeyId).toBe(keyArn)
      expect(
        decoded((await json('kms', 'decrypt', '--ciphertext-blob', blobFile('old.bin', old.CiphertextBlob))).Plaintext),
      ).toBe('before rotation')
      const { Rotations } = await json('kms', 'list-key-rotations', '--key-id', keyId)
      expect(Rotations).toHaveLength(1)
      expect(Rotations[0]).toMatchObject({ KeyId: keyId, RotationType: 'ON_DEMAND', KeyMaterialState: 'CURRENT' })
    },
  )

  it('get-key-policy, then put-key-policy with a Deny on kms:Decrypt: decrypt gets AccessDeniedException', async () => {
    const { Policy } = await json('kms', 'get-key-policy', '--key-id', keyId, '--policy-name', 'default')
    const document = JSON.parse(Policy)
    expect(document.Id).toBe('key-default-1')
    const { CiphertextBlob } = await json(
      'kms',
      'encrypt',
      '--key-id',
      keyId,
      '--plaintext',
      `fileb://${file('p.txt', 'p')}`,
    )
    document.Statement.push({
      Sid: 'No decrypt',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
    })
    const policy = `file://${file('policy.json', JSON.stringify(document))}`
    expect(
      (await aws('kms', 'put-key-policy', '--key-id', keyId, '--policy-name', 'default', '--policy', policy)).code,
    ).toBe(0)
    expect(
      JSON.parse((await json('kms', 'get-key-policy', '--key-id', keyId, '--policy-name', 'default')).Policy).Statement,
    ).toHaveLength(2)
    const ran = await aws('kms', 'decrypt', '--ciphertext-blob', blobFile('p.bin', CiphertextBlob))
    expect(ran.code).toBe(SERVICE_ERROR)
    expect(ran.stderr).toContain(
      `An error occurred (AccessDeniedException) when calling the Decrypt operation: User: arn:aws:iam::111122223333:user/playground is not authorized to perform: kms:Decrypt on resource: ${keyArn} with an explicit deny in a resource-based policy`,
    )
  })

  it('schedule-key-deletion, then encrypt fails with KMSInvalidStateException', async () => {
    const scheduled = await json('kms', 'schedule-key-deletion', '--key-id', keyId, '--pending-window-in-days', '7')
    expect(scheduled).toMatchObject({ KeyId: keyArn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 })
    const ran = await aws('kms', 'encrypt', '--key-id', keyId, '--plaintext', `fileb://${file('late.txt', 'late')}`)
    expect(ran.code).toBe(SERVICE_ERROR)
    expect(ran.stderr.trim()).toBe(
      `An error occurred (KMSInvalidStateException) when calling the Encrypt operation: ${keyArn} is pending deletion.`,
    )
  })

  it('cloudtrail lookup-events shows the calls, including the failed ones', async () => {
    const { Events } = await json(
      'cloudtrail',
      'lookup-events',
      '--lookup-attributes',
      `AttributeKey=ResourceName,AttributeValue=${keyArn}`,
    )
    const names: string[] = Events.map((e: { EventName: string }) => e.EventName)
    const expected = [
      'CreateKey',
      'CreateAlias',
      'Encrypt',
      'Decrypt',
      'GenerateDataKey',
      'DisableKey',
      'PutKeyPolicy',
      'ScheduleKeyDeletion',
    ]
    for (const name of rotation ? [...expected, 'RotateKeyOnDemand'] : expected) {
      expect(names).toContain(name)
    }
    const records = Events.map((e: { CloudTrailEvent: string }) => JSON.parse(e.CloudTrailEvent))
    expect(records.find((r: { errorCode?: string }) => r.errorCode === 'DisabledException')).toMatchObject({
      eventName: 'Decrypt',
      userIdentity: { accessKeyId: 'AKIDKMSCLI', userName: 'playground' },
    })
    const page = await json(
      'cloudtrail',
      'lookup-events',
      '--max-items',
      '2',
      '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=Encrypt',
    )
    expect(page.Events).toHaveLength(2)
    expect(page.NextToken).toEqual(expect.any(String))
  })
})
