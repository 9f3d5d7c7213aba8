/**
 * Share links: a playground built with the real CLI becomes a scenario, a link, and the same playground
 * again on a fresh emulator (fresh keys): buckets and their configuration, KMS keys with aliases,
 * policies, rotation and state, objects with their encryption and contents, files (no history). No secret
 * used along the way (SSE-C keys, an AWS secret, a KMS plaintext, KMS and S3 key material, data keys)
 * is in the link in any form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { toBase64, toHex, utf8 } from '@/lib/crypto/bytes'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { objectArn } from '@/lib/s3/model'
import { openDataKey } from '@/lib/s3/sse/data-key'
import { captureScenario, type Scenario } from '@/lib/state/scenario'
import { replayScenario } from '@/lib/state/scenario-replay'
import type { SessionShell } from '@/lib/state/session'
import { decodeScenario, encodeScenario, scenarioInFragment, shareLink, ShareLinkError } from '@/lib/state/share-link'
import { cliAgainst } from '../../helpers/cli'
import { startEmulator, type RunningEmulator } from '../../helpers/server'

const SSE_C_KEY = 'sharelink-sse-c-key-0123456789ab'
const FILE_KEY = 'filekey-never-in-a-link-98765432'
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/shareLINKsecretKEY1'
const KMS_PLAINTEXT = 'plaintext the learner encrypted with kms'
const LIMITS = { perItem: 4096, total: 64 * 1024 }
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'

let running: RunningEmulator
let cli: ReturnType<typeof cliAgainst>
beforeAll(async () => {
  running = await startEmulator({ allowSseCOverHttp: true })
  cli = cliAgainst(running.endpoint)
})
afterAll(() => running?.close())

async function run(line: string): Promise<string> {
  const r = await cli.run(line)
  expect(r.code, `${line}\n${r.stderr}`).toBe(0)
  return r.stdout
}

/** A playground with every shareable aspect, and every kind of secret, built with the CLI. */
async function build(): Promise<void> {
  const keyId = JSON.parse(await run('aws kms create-key --description "app data" --tags TagKey=team,TagValue=blue'))
    .KeyMetadata.KeyId as string
  const oldKey = JSON.parse(await run('aws kms create-key --description retired')).KeyMetadata.KeyId as string
  const doomed = JSON.parse(await run('aws kms create-key --description doomed')).KeyMetadata.KeyId as string
  for (const line of [
    `aws kms create-alias --alias-name alias/app --target-key-id ${keyId}`,
    `aws kms enable-key-rotation --key-id ${keyId} --rotation-period-in-days 180`,
    `aws kms rotate-key-on-demand --key-id ${keyId}`,
    `aws kms create-alias --alias-name alias/old --target-key-id ${oldKey}`,
    'aws s3 mb s3://shared-bucket',
    'aws s3 mb s3://plain-bucket',
    `aws s3api put-bucket-encryption --bucket shared-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"${keyId}"},"BucketKeyEnabled":true,"BlockedEncryptionTypes":{"EncryptionType":["SSE-C"]}}]}'`,
    `aws s3api put-bucket-cors --bucket shared-bucket --cors-configuration '{"CORSRules":[{"AllowedOrigins":["https://example.com"],"AllowedMethods":["GET","PUT"],"ExposeHeaders":["x-amz-server-side-encryption"],"MaxAgeSeconds":300}]}'`,
    `aws s3api put-bucket-encryption --bucket plain-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
    'mkdir docs',
    'echo "hello shared world" > docs/hello.txt',
    `echo -n ${FILE_KEY} > customer.key`,
    'aws s3 cp docs/hello.txt s3://shared-bucket/default.txt',
    'aws s3api put-object --bucket shared-bucket --key kms/context.txt --body docs/hello.txt --server-side-encryption aws:kms --ssekms-key-id alias/app --content-type text/plain --metadata owner=ana',
    `aws s3api put-object --bucket shared-bucket --key ctx.txt --body docs/hello.txt --server-side-encryption aws:kms --ssekms-key-id ${keyId} --ssekms-encryption-context ${btoa('{"tenant":"a"}')}`,
    `aws s3 cp docs/hello.txt s3://shared-bucket/dsse.txt --sse aws:kms:dsse --sse-kms-key-id ${keyId}`,
    'aws s3 cp docs/hello.txt s3://plain-bucket/s3.txt --sse AES256',
    'aws s3 cp docs/hello.txt s3://plain-bucket/managed.txt --sse aws:kms',
    'aws s3 cp docs/hello.txt s3://plain-bucket/old.txt --sse aws:kms --sse-kms-key-id alias/old',
    'openssl rand -out big.bin 9000',
    'aws s3 cp big.bin s3://plain-bucket/big.bin',
    `aws s3 cp docs/hello.txt s3://plain-bucket/ssec.txt --sse-c AES256 --sse-c-key ${SSE_C_KEY}`,
    'aws s3 cp docs/hello.txt s3://plain-bucket/ssec-file.txt --sse-c AES256 --sse-c-key fileb://customer.key',
    `aws kms encrypt --key-id alias/app --plaintext ${btoa(KMS_PLAINTEXT)} --query KeyId`,
    `aws s3api put-bucket-policy --bucket shared-bucket --policy '{"Version":"2012-10-17","Statement":[{"Sid":"OnlyAppKey","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::shared-bucket/*","Condition":{"StringNotEqualsIfExists":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:111122223333:key/${keyId}"}}}]}'`,
    `aws kms disable-key --key-id ${oldKey}`,
    `aws kms schedule-key-deletion --key-id ${doomed} --pending-window-in-days 7`,
    `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
    'export NOTE=kept',
  ])
    await run(line)
}

/** Every secret of the emulator and the session, in the forms a leak could take (raw, base64, base64url, hex). */
async function secretsOf(): Promise<string[]> {
  const { emulator } = running
  const raw: Uint8Array[] = [utf8(SSE_C_KEY), utf8(FILE_KEY), utf8(AWS_SECRET), utf8(KMS_PLAINTEXT)]
  for (const k of emulator.kms.state.keys.values()) for (const m of k.materials) raw.push(m.bytes)
  for (const r of emulator.s3.keyring.list()) raw.push(r.material)
  for (const b of emulator.s3.buckets.values())
    for (const o of b.objects.values()) {
      if (o.sse.algorithm === 'SSE-C') continue
      try {
        const keys = await openDataKey(emulator.s3, o.sse, o.sealed.key, objectArn(b.name, o.key), {
          accessKeyId: 'AKIDEXAMPLE',
        })
        raw.push(keys.outer, ...(keys.inner ? [keys.inner] : []))
      } catch {
        // A disabled or doomed key: no data key to be had here (the scenario reads with a scratch KMS).
      }
    }
  expect(raw.length).toBeGreaterThan(12)
  const forms = raw.flatMap((b) => [
    toBase64(b),
    toHex(b),
    toBase64(b).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
  ])
  return [SSE_C_KEY, FILE_KEY, AWS_SECRET, KMS_PLAINTEXT, ...forms]
}

const canonical = (s: Scenario): Scenario => {
  let text = JSON.stringify({ ...s, notShared: [] })
  s.keys.forEach((k, i) => (text = text.split(k.ref).join(`KEY-${i}`)))
  const out = JSON.parse(text) as Scenario
  // The object too large for the link comes back as a placeholder: compare it apart.
  out.buckets = out.buckets.map((b) => ({ ...b, objects: b.objects.filter((o) => o.key !== 'big.bin') }))
  return out
}

const freshShell = () =>
  ({ vfs: new Vfs(), env: { HOME: '/home/learner' }, history: [], aws: { config: {} } }) as unknown as SessionShell

describe('share links', () => {
  it('round-trips a scenario through a link onto a fresh emulator, and carries no secret', async () => {
    await build()
    const events = running.emulator.cloudtrail.records().length
    const before = await captureScenario(running.emulator, cli.session.shell, LIMITS)
    // Reading the objects for the link leaves the learner's audit trail alone.
    expect(running.emulator.cloudtrail.records()).toHaveLength(events)
    const link = await shareLink('https://play.example/playground/', before)
    expect(link).toMatch(/^https:\/\/play\.example\/playground\/#scenario=[A-Za-z0-9_-]+$/)
    const decoded = await decodeScenario(scenarioInFragment(new URL(link).hash)!)
    expect(decoded).toEqual(before)

    const decodedText = JSON.stringify(decoded)
    for (const secret of await secretsOf()) {
      expect(link.includes(secret), `link holds ${secret}`).toBe(false)
      expect(decodedText.includes(secret), `scenario holds ${secret}`).toBe(false)
    }
    expect(before.notShared).toEqual([
      's3://plain-bucket/big.bin: 8.8 KiB is too large for a link; it comes back with a placeholder text',
      's3://plain-bucket/ssec-file.txt: SSE-C, and its key is never put in a link',
      's3://plain-bucket/ssec.txt: SSE-C, and its key is never put in a link',
      '/home/learner/customer.key: a key file, never shared',
      '/home/learner/big.bin: 8.8 KiB is too large for a link',
      'the terminal history: a link never puts commands into your history',
    ])
    expect(decoded.session.env).toMatchObject({ NOTE: 'kept' })
    expect(decoded.session.env.AWS_SECRET_ACCESS_KEY).toBeUndefined()
    expect(
      decoded.keys.map((k) => [k.description, k.aliases, k.state, k.rotation?.periodInDays, k.onDemandRotations]),
    ).toEqual([
      ['app data', ['alias/app'], 'Enabled', 180, 1],
      ['retired', ['alias/old'], 'Disabled', undefined, undefined],
      ['doomed', [], 'PendingDeletion', undefined, undefined],
    ])

    // Replayed on a fresh emulator: the same scenario, with new key ids and new key material.
    const fresh = createEmulator({ allowSseCOverHttp: true })
    const shell = freshShell()
    const report = await replayScenario(decoded, fresh, shell)
    expect(report.problems).toEqual([])
    const after = await captureScenario(fresh, shell, LIMITS)
    expect(canonical(after)).toEqual(canonical(before))
    const big = after.buckets.find((b) => b.name === 'plain-bucket')!.objects.find((o) => o.key === 'big.bin')!
    expect(atob(big.base64!)).toContain('[placeholder: the shared object held 8.8 KiB')
    const appKey = report.keyIds[before.keys[0]!.ref]!
    expect(appKey).not.toBe(before.keys[0]!.ref)
    for (const [from, to] of Object.entries(report.keyIds))
      expect(fresh.kms.state.keys.get(to)!.materials[0]!.bytes).not.toEqual(
        running.emulator.kms.state.keys.get(from)!.materials[0]!.bytes,
      )

    expect(fresh.cloudtrail.records()).toEqual([])
    // The rebuilt playground works as the original did.
    const get = await fresh.handle(
      new Request('https://s3.emulator.invalid/shared-bucket/kms/context.txt', { headers: { authorization: AUTH } }),
    )
    expect([
      get.status,
      await get.text(),
      get.headers.get('x-amz-server-side-encryption-aws-kms-key-id'),
      get.headers.get('x-amz-meta-owner'),
    ]).toEqual([200, 'hello shared world\n', `arn:aws:kms:us-east-1:111122223333:key/${appKey}`, 'ana'])
    // A link carries no history (scenario-schema.ts): nothing to re-run with ↑ in someone else's terminal.
    expect(shell.history).toEqual([])
    expect(new TextDecoder().decode(shell.vfs.read('/home/learner/docs/hello.txt'))).toBe('hello shared world\n')
  })

  it('refuses damaged links with a reason', async () => {
    await expect(decodeScenario('not-a-scenario')).rejects.toThrow(ShareLinkError)
    const good = await encodeScenario({
      format: 's3-encryption-playground-scenario',
      version: 1,
      keys: [],
      buckets: [],
      session: { cwd: '/', env: {}, history: [], awsConfig: {}, dirs: [], files: [], omitted: [] },
      notShared: [],
    })
    await expect(decodeScenario(good.slice(0, good.length - 6))).rejects.toThrow(/damaged|cut short/)
    expect(scenarioInFragment('#scenario=abc_-1')).toBe('abc_-1')
    expect(scenarioInFragment('#other=1')).toBeUndefined()
  })
})
