/**
 * The terminal with a real target: a strict-mode emulator host stands in for AWS (it checks signatures
 * and CORS as S3 does), a second plain host is "the emulator". Target switching, aws configure, --profile,
 * confirmations, clean-up, the CORS doctor and the differential mode, all over the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, type Session } from '@/lib/cli/session'
import { fromUtf8 } from '@/lib/crypto/bytes'
import { emulatorTarget } from '@/lib/sdk/clients'
import type { RecordedExchange } from '@/lib/sdk/recorder'
import { TargetStore } from '@/lib/sdk/target-config'
import { startEmulator, type RunningEmulator } from '../helpers/server'

const creds = {
  accessKeyId: 'ASIASTRICTEXAMPLE1',
  secretAccessKey: 'strict-secret-abcdef',
  sessionToken: 'strict-session-token-xyz',
}
let real: RunningEmulator
let local: RunningEmulator

beforeAll(async () => {
  real = await startEmulator({ http: { auth: { credentials: [creds] }, cors: 'rules' } })
  local = await startEmulator()
})
afterAll(async () => {
  await real.close()
  await local.close()
})

function terminal(answers: boolean[] = []) {
  const targets = new TargetStore()
  const exchanges: RecordedExchange[] = []
  const questions: string[] = []
  const session: Session = createSession({
    target: emulatorTarget(local.endpoint),
    targets,
    onExchange: (e) => exchanges.push(e),
    confirm: async (q) => {
      questions.push(q)
      return answers.shift() ?? false
    },
    timeZone: 'UTC',
  })
  const run = async (line: string) => {
    let stdout = ''
    let stderr = ''
    const code = await session.run(line, {
      out: (t) => (stdout += typeof t === 'string' ? t : fromUtf8(t)),
      err: (t) => (stderr += t),
    })
    return { code, stdout, stderr }
  }
  const connect = async () => {
    await run(`playground target custom ${real.endpoint} --path-style`)
    await run(`aws configure set aws_access_key_id ${creds.accessKeyId}`)
    await run(`aws configure set aws_secret_access_key ${creds.secretAccessKey}`)
    await run(`aws configure set aws_session_token ${creds.sessionToken}`)
  }
  return { session, targets, exchanges, questions, run, connect }
}

describe('switching the terminal to a real target', () => {
  it('playground target and aws configure set send signed requests to the chosen endpoint', async () => {
    const t = terminal()
    expect((await t.run('playground target')).stdout).toBe('target:      emulator (in this page)\n')
    await t.connect()
    expect(t.targets.get()).toMatchObject({
      kind: 'custom',
      endpoint: real.endpoint,
      forcePathStyle: true,
      credentials: creds,
    })
    const shown = (await t.run('playground target')).stdout
    expect(shown).toContain(`endpoint:    ${real.endpoint}`)
    expect(shown).toContain('credentials: ASIA…PLE1 (temporary, with session token), in memory only')
    expect(shown).not.toContain(creds.secretAccessKey)
    expect((await t.run('aws s3 mb s3://real-one')).stdout).toBe('make_bucket: real-one\n')
    expect(real.emulator.s3.buckets.has('real-one')).toBe(true)
    expect(local.emulator.s3.buckets.has('real-one')).toBe(false)
    // The inspector hears about it from the SDK's side, with the secrets masked.
    const create = t.exchanges.find((e) => e.operation === 'CreateBucket')!
    expect(create.target).toContain(real.endpoint)
    expect(JSON.stringify(create)).not.toContain(creds.sessionToken)
    expect(JSON.stringify(create)).not.toContain(creds.accessKeyId)
    expect((await t.run('aws configure get aws_secret_access_key')).stdout).toBe('****************cdef\n')
  })

  it('a wrong secret comes back as S3 and KMS word it', async () => {
    const t = terminal()
    await t.connect()
    await t.run('aws configure set aws_secret_access_key wrong')
    const s3 = await t.run('aws s3api list-objects-v2 --bucket real-one')
    expect(s3.stderr).toContain(
      'An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    )
    const kms = await t.run('aws kms list-keys')
    expect(kms.stderr).toContain('An error occurred (InvalidSignatureException) when calling the ListKeys operation')
  })

  it('--profile: named profiles in memory, emulator built in, unknown ones refused as aws-cli does', async () => {
    const t = terminal()
    await t.run(`aws configure set endpoint_url ${real.endpoint} --profile stand-in`)
    await t.run(`aws configure set aws_access_key_id ${creds.accessKeyId} --profile stand-in`)
    await t.run(`aws configure set aws_secret_access_key ${creds.secretAccessKey} --profile stand-in`)
    await t.run(`aws configure set aws_session_token ${creds.sessionToken} --profile stand-in`)
    await t.run('aws configure set s3.addressing_style path --profile stand-in')
    expect((await t.run('aws --profile stand-in s3 mb s3://via-profile')).code).toBe(0)
    expect(real.emulator.s3.buckets.has('via-profile')).toBe(true)
    expect(t.targets.get().kind).toBe('emulator') // the default profile did not move
    expect((await t.run('aws --profile emulator s3 mb s3://local-one')).code).toBe(0)
    expect(local.emulator.s3.buckets.has('local-one')).toBe(true)
    expect(await t.run('aws --profile nobody s3 ls')).toEqual({
      code: 255,
      stdout: '',
      stderr: '\nThe config profile (nobody) could not be found\n',
    })
  })
})

describe('safety on a real target', () => {
  it('destructive commands ask first; "no" leaves everything, "yes" runs it; the emulator never asks', async () => {
    const t = terminal([false, true])
    await t.connect()
    await t.run('aws s3 mb s3://safe-one')
    await t.run('echo hi > f.txt')
    await t.run('aws s3 cp f.txt s3://safe-one/f.txt')
    const declined = await t.run('aws s3 rm s3://safe-one/f.txt')
    expect(declined).toMatchObject({ code: 255, stderr: '[playground] Not run.\n' })
    expect(t.questions[0]).toBe(
      `[playground] This deletes s3://safe-one/f.txt on the real target ${real.endpoint} (us-east-1, path-style). Continue? [y/N] `,
    )
    expect(real.emulator.s3.bucket('safe-one').objects.size).toBe(1)
    expect((await t.run('aws s3api delete-object --bucket safe-one --key f.txt')).code).toBe(0)
    expect(t.questions[1]).toContain('deletes an object s3://safe-one/f.txt')
    await t.run('aws --profile emulator s3 mb s3://scratch')
    expect((await t.run('aws --profile emulator s3 rb s3://scratch')).code).toBe(0)
    expect(t.questions).toHaveLength(2)
  })

  it('put-bucket-policy asks only when it would replace an existing policy', async () => {
    const t = terminal([true])
    await t.connect()
    await t.run('aws s3 mb s3://policy-one')
    const policy = `'{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::policy-one/x"}]}'`
    expect((await t.run(`aws s3api put-bucket-policy --bucket policy-one --policy ${policy}`)).code).toBe(0)
    expect(t.questions).toEqual([])
    expect((await t.run(`aws s3api put-bucket-policy --bucket policy-one --policy ${policy}`)).code).toBe(0)
    expect(t.questions[0]).toContain('replaces the existing bucket policy of s3://policy-one')
  })

  it('playground cleanup removes exactly what this page created on the target', async () => {
    const t = terminal([true])
    await t.connect()
    await t.run('aws s3 mb s3://cleanup-one')
    await t.run('echo a > a.txt')
    await t.run('aws s3 cp a.txt s3://cleanup-one/a.txt --sse aws:kms')
    await t.run('aws kms create-key --description cleanup')
    const listed = await t.run('playground cleanup --dry-run')
    expect(listed.stdout).toContain('object  s3://cleanup-one/a.txt')
    expect(listed.stdout).toContain('bucket  s3://cleanup-one')
    expect(listed.stdout).toMatch(/KMS key [0-9a-f-]{36} \(scheduled for deletion in 7 days/)
    const done = await t.run('playground cleanup')
    expect(done.code).toBe(0)
    expect(real.emulator.s3.buckets.has('cleanup-one')).toBe(false)
    expect((await t.run('playground cleanup')).stdout).toBe(
      'playground cleanup: nothing created on a real target in this page.\n',
    )
  })
})

describe('explanations where they bite', () => {
  it('KMS costs before the first KMS use (once), SSE-C over http before the key is sent, SSE-C blocked after the 403', async () => {
    const lenient = await startEmulator({
      allowSseCOverHttp: true,
      http: { auth: { credentials: [creds] }, cors: 'rules' },
    })
    try {
      const t = terminal()
      await t.connect()
      await t.run(`playground target custom ${lenient.endpoint} --path-style`)
      await t.run('aws s3 mb s3://notes-one')
      await t.run('echo a > a.txt')
      const kms = await t.run('aws s3 cp a.txt s3://notes-one/a.txt --sse aws:kms')
      expect(kms.stderr).toContain('[playground] Heads-up, this uses AWS KMS on a real account')
      expect((await t.run('aws kms list-keys')).stderr).not.toContain('Heads-up')
      const ssec = await t.run(
        'aws s3api put-object --bucket notes-one --key c.txt --body a.txt --sse-customer-algorithm AES256 --sse-customer-key 0123456789abcdef0123456789abcdef',
      )
      expect(ssec.stderr).toContain(`[playground] SSE-C over plain http (${lenient.endpoint})`)
      expect(ssec.stderr).toContain('An error occurred (AccessDenied) when calling the PutObject operation')
      expect(ssec.stderr).toContain('[playground] Since April 2026, new S3 buckets block SSE-C by default')
      // Never on the emulator.
      expect((await t.run('aws --profile emulator s3 mb s3://notes-local')).stderr).toBe('')
      // Off loopback, the key is not sent at all.
      await t.run('playground target custom http://minio.example.invalid:9000 --path-style')
      const remote = await t.run(
        'aws s3api put-object --bucket b --key c.txt --body a.txt --sse-customer-algorithm AES256 --sse-customer-key 0123456789abcdef0123456789abcdef',
      )
      expect(remote.code).toBe(255)
      expect(remote.stderr).not.toContain('Could not connect')
    } finally {
      await lenient.close()
    }
  })
})

describe('CORS doctor and differential mode in the terminal', () => {
  const origin = 'http://127.0.0.1:3220'

  it('playground cors diagnoses the sandbox bucket and prints the exact fix; after applying it, nothing is missing', async () => {
    const t = terminal([true])
    await t.connect()
    await t.run('aws s3 mb s3://doctor-one')
    await t.run('playground target bucket doctor-one')
    const none = await t.run(`playground cors --origin ${origin}`)
    expect(none.code).toBe(1)
    expect(none.stdout).toContain('MISSING: The bucket doctor-one has no CORS configuration')
    const command = /aws s3api put-bucket-cors --bucket doctor-one --cors-configuration '.*'/.exec(none.stdout)![0]
    // A rule without DELETE and without the KMS key id exposed: both named with their fix.
    const broken = command.replace('"DELETE",', '').replace('"x-amz-server-side-encryption-aws-kms-key-id",', '')
    expect((await t.run(broken)).code).toBe(0)
    const d = await t.run(`playground cors --origin ${origin}`)
    expect(d.stdout).toContain('fix: add "DELETE" to AllowedMethods of rule 1')
    expect(d.stdout).toContain(
      'fix: add "x-amz-server-side-encryption-aws-kms-key-id" to ExposeHeaders of rule 1 (S3 allows no wildcard there)',
    )
    const fix = /aws s3api put-bucket-cors .*/.exec(d.stdout.split('Apply every fix')[1]!)![0]
    expect((await t.run(fix)).code).toBe(0)
    expect(t.questions[0]).toContain('replaces the existing CORS configuration of s3://doctor-one')
    expect(await t.run(`playground cors --origin ${origin}`)).toMatchObject({
      code: 0,
      stdout: 'CORS: the configuration allows every planned call and exposes every header the playground reads.\n',
    })
  })

  it('playground diff runs one command on both and names the differences', async () => {
    const t = terminal()
    await t.connect()
    await t.run('aws s3 mb s3://diff-one')
    await t.run('aws --profile emulator s3 mb s3://diff-one')
    const same = await t.run(
      'playground diff aws s3api put-object --bucket diff-one --key k --server-side-encryption AES256',
    )
    expect(same.stdout).toMatch(/^emulator: exit 0    target: exit 0\n\nPutObject: status 200 vs 200\n/)
    const differs = await t.run('playground diff aws s3api head-object --bucket diff-one --key only-on-target')
    expect(differs.stdout).toContain('HeadObject: status 404 vs 404')
    await t.run('aws s3api put-object --bucket diff-one --key only-on-target')
    const one = await t.run('playground diff aws s3api head-object --bucket diff-one --key only-on-target')
    expect(one.code).toBe(1)
    expect(one.stdout).toContain('HeadObject: status 404 vs 200')
    expect(one.stdout).toMatch(/\+ etag: /)
  })
})
