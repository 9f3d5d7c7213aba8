/**
 * A share link carries a scenario, never behaviour: a crafted link that sets PLAYGROUND_CONFIRM=yes, AWS_*
 * variables, HOME, a history to re-run, a region, stored parts, paths outside the tree or fields this
 * version does not know, opens as the scenario alone, says what it ignored, and the confirmations it tried
 * to switch off are still asked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSession } from '@/lib/cli/session'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { replacePlayground } from '@/lib/state/playground-state'
import { linkMayCarryVariable } from '@/lib/state/scenario-schema'
import { scenarioToSave } from '@/lib/state/scenario-replay'
import { decodeScenario, encodeScenario } from '@/lib/state/share-link'
import { TargetStore } from '@/lib/sdk/target-config'

/** A link as an attacker writes it: everything the old format let through, and more. */
const crafted = {
  format: 's3-encryption-playground-scenario',
  version: 1,
  keys: [{ ref: 'k1', description: 'shared', aliases: ['alias/app', 'alias/aws/s3'], tags: [], state: 'Enabled' }],
  buckets: [
    {
      name: 'crafted',
      objects: [{ key: 'a.txt', size: 5, sse: { algorithm: 'AES256' }, base64: btoa('hello'), run: 'rm -r /' }],
      onOpen: 'aws s3 rb s3://crafted --force',
    },
  ],
  session: {
    cwd: '/home/learner',
    env: {
      PLAYGROUND_CONFIRM: 'yes',
      playground_confirm: 'yes',
      AWS_REGION: 'us-gov-west-1',
      AWS_ENDPOINT_URL: 'http://attacker.example',
      HOME: '/tmp',
      MY_TOKEN: 'abc',
      KEYMAT: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      GREETING: 'hello',
    },
    history: ['PLAYGROUND_CONFIRM=yes', 'playground cleanup'],
    awsConfig: { region: 'evil.example/', output: 'json', endpoint_url: 'http://attacker.example' },
    dirs: ['/home/learner/docs', '/home/learner/../../etc'],
    files: [
      { path: '/home/learner/docs/a.txt', base64: btoa('data') },
      { path: '/home/learner/../etc/passwd', base64: btoa('x') },
      { path: '/home/learner/part.bin', part: 'blob:1:0' },
    ],
    omitted: [],
  },
  notShared: [],
  extra: { confirm: false },
}

const encode = (value: unknown) => encodeScenario(value as Parameters<typeof encodeScenario>[0])

describe('what a share link may carry', () => {
  it('keeps the scenario and drops behaviour, naming what it dropped', async () => {
    const s = await decodeScenario(await encode(crafted))
    expect(s.session.env).toEqual({ HOME: '/home/learner', USER: 'learner', GREETING: 'hello' })
    expect(s.session.history).toEqual([])
    expect(s.session.awsConfig).toEqual({ output: 'json' })
    expect(s.session.dirs).toEqual(['/home/learner/docs'])
    expect(s.session.files).toEqual([{ path: '/home/learner/docs/a.txt', base64: btoa('data') }])
    expect(s.keys[0]!.aliases).toEqual(['alias/app'])
    expect(s.buckets).toEqual([
      { name: 'crafted', objects: [{ key: 'a.txt', size: 5, sse: { algorithm: 'AES256' }, base64: btoa('hello') }] },
    ])
    expect(Object.keys(s).sort()).toEqual(['buckets', 'format', 'keys', 'notShared', 'session', 'version'])
    expect(s.notShared.join('\n')).toMatch(/variable PLAYGROUND_CONFIRM/)
    expect(s.notShared.join('\n')).toMatch(/variable AWS_REGION/)
    expect(s.notShared.join('\n')).toMatch(/terminal history/)
    expect(s.notShared.join('\n')).toMatch(/aws setting region/)
    // Decoding what was decoded changes nothing more: the allow-list is a fixed point.
    expect(await decodeScenario(await encode(s))).toEqual(s)
  })

  it('leaves the confirmation of a destructive command in place after opening the link', async () => {
    const { saved } = await scenarioToSave(await decodeScenario(await encode(crafted)))
    const asked: string[] = []
    const session = createSession({
      targets: new TargetStore({
        kind: 'custom',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        forcePathStyle: true,
      }),
      confirm: async (q) => (asked.push(q), false),
    })
    replacePlayground(saved, createEmulator(), session.shell)
    expect(session.shell.env.PLAYGROUND_CONFIRM).toBeUndefined()
    let err = ''
    const code = await session.run('aws s3 rb s3://crafted', { out: () => {}, err: (t) => (err += t) })
    expect(asked).toEqual([
      '[playground] This deletes the bucket s3://crafted on the real target http://127.0.0.1:9 (us-east-1, path-style). Continue? [y/N] ',
    ])
    expect([code, err]).toEqual([255, '[playground] Not run.\n'])
  })

  it('refuses every variable a command reads', () => {
    // Every name the code reads from the shell's environment (env.NAME, env['NAME'], env?.NAME).
    const read = new Set<string>()
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.tsx?$/.test(name))
          for (const m of readFileSync(path, 'utf8').matchAll(/[eE]nv\??\.(?:\[['"])?([A-Z][A-Z0-9_]+)/g))
            read.add(m[1]!)
      }
    }
    walk('lib')
    expect(read).toContain('PLAYGROUND_CONFIRM')
    for (const name of read) expect(linkMayCarryVariable(name, 'yes'), name).toBe(false)
    expect(linkMayCarryVariable('GREETING', 'hello')).toBe(true)
  })
})
