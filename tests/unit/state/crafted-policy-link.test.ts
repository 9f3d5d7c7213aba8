/**
 * Issue 14, item 4, on the browser's code path: a share link whose bucket policy and key policy were crafted
 * against backtracking wildcards (`a*a*a*…b` against a long run of `a`, `*?*?*?…z` against any ARN) is
 * decoded, replayed (scenarioToSave, which the page runs on opening a link) and then served through
 * `emulator.handle`, the function the page's service worker calls. Each step answers, with the policies'
 * right decisions; before the one linear-time matcher (lib/policy/glob.ts) the tab froze here.
 */
import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { toBase64, utf8 } from '@/lib/crypto/bytes'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { replacePlayground } from '@/lib/state/playground-state'
import { SCENARIO_VERSION, type Scenario } from '@/lib/state/scenario'
import { scenarioToSave } from '@/lib/state/scenario-replay'
import type { SessionShell } from '@/lib/state/session'
import { decodeScenario, scenarioInFragment, shareLink } from '@/lib/state/share-link'

const BUCKET = 'crafted-link'
const RUN = 'a'.repeat(1000)
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0'
/** Every `?` matches any character, so a backtracking regex tries every way to spread 30 of them over an ARN. */
const NEVER_THE_CALLER = `${'*?'.repeat(30)}*z`

const bucketPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/${'a*'.repeat(400)}b` },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${BUCKET}/denied/${'a*'.repeat(400)}`,
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalArn': NEVER_THE_CALLER } },
    },
  ],
})
const keyPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:*',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalArn': NEVER_THE_CALLER } },
    },
  ],
})

const object = (key: string, text: string) => ({
  key,
  size: text.length,
  sse: { algorithm: 'AES256' as const },
  base64: toBase64(utf8(text)),
})

const scenario: Scenario = {
  format: 's3-encryption-playground-scenario',
  version: SCENARIO_VERSION,
  // Disabling the key after its policy is put makes the replay itself evaluate the crafted key policy.
  keys: [
    {
      ref: 'crafted-key',
      description: 'crafted',
      aliases: ['alias/crafted'],
      tags: [],
      policy: keyPolicy,
      state: 'Disabled',
    },
  ],
  buckets: [
    { name: BUCKET, policy: bucketPolicy, objects: [object(RUN, 'readable'), object(`denied/${RUN}`, 'secret')] },
  ],
  session: { cwd: '/home/learner', env: {}, history: [], awsConfig: {}, dirs: [], files: [], omitted: [] },
  notShared: [],
}

describe('a share link carrying crafted policies', () => {
  it('replays, and the page’s emulator then answers requests those policies govern', async () => {
    const link = await shareLink('https://playground.example/playground/', scenario)
    const decoded = await decodeScenario(scenarioInFragment(new URL(link).hash)!)
    const { saved, report } = await scenarioToSave(decoded)
    expect(report.problems).toEqual([])

    const emulator = createEmulator()
    const shell = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
    replacePlayground(saved, emulator, shell)
    expect([...emulator.kms.state.keys.values()].map((k) => k.state)).toEqual(['Disabled'])

    const get = (key: string) =>
      emulator.handle(new Request(`https://s3.emulator.invalid/${BUCKET}/${key}`, { headers: { authorization: AUTH } }))
    const readable = await get(RUN)
    expect(readable.status).toBe(200)
    expect(await readable.text()).toBe('readable')
    const denied = await get(`denied/${RUN}`)
    expect(denied.status).toBe(403)
    expect(await denied.text()).toContain('<Code>AccessDenied</Code>')
  })
})
