/**
 * A whole playground saved and restored: buckets, encrypted objects, KMS keys, CloudTrail, files, history,
 * environment. Damaged saves are refused with a reason and leave the live state alone; no secret survives.
 */
import { describe, expect, it } from 'vitest'
import { Vfs } from '@/lib/cli/shell/vfs'
import { createEmulator } from '@/lib/emulator/create-emulator'
import {
  capturePlayground,
  parsePlayground,
  restorePlayground,
  SavedStateError,
  SAVE_FORMAT,
} from '@/lib/state/playground-state'
import type { SessionShell } from '@/lib/state/session'
import { harness } from '../../helpers/handle'

const SSE_C_KEY = 'c3NlLWMta2V5LXRoYXQtbXVzdC1uZXZlci1iZS1zYXY='
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzSECRET'
const utf8 = (s: string) => new TextEncoder().encode(s)

function shellOf(): SessionShell {
  return { vfs: new Vfs(), env: { HOME: '/home/learner' }, history: [], aws: { config: {} } } as unknown as SessionShell
}

async function buildPlayground() {
  const h = harness()
  await h.send('PUT', '/saved-bucket')
  await h.send('PUT', '/saved-bucket/a.txt', { body: 'stored plaintext' })
  await h.emulator.handle(
    new Request('http://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey' },
      body: '{"Description":"kept"}',
    }),
  )
  const shell = shellOf()
  shell.vfs.mkdir('/home/learner/docs')
  shell.vfs.write('/home/learner/docs/readme.txt', utf8('hello'))
  shell.vfs.write('/home/learner/sse.key', utf8('0123456789abcdef0123456789abcdef'))
  shell.vfs.cwd = '/home/learner/docs'
  Object.assign(shell.env, { REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: AWS_SECRET })
  shell.history.push(
    'echo -n 0123456789abcdef0123456789abcdef > ../sse.key',
    'aws s3 mb s3://saved-bucket',
    `aws s3 cp a.txt s3://saved-bucket/c.txt --sse-c AES256 --sse-c-key ${SSE_C_KEY}`,
    'aws s3 cp b s3://saved-bucket/d --sse-c AES256 --sse-c-key fileb://../sse.key',
  )
  ;(shell.aws as unknown as { config: Record<string, string> }).config.output = 'table'
  return { h, shell }
}

describe('save and restore', () => {
  it('round-trips through JSON text into a fresh emulator and shell', async () => {
    const { h, shell } = await buildPlayground()
    const text = JSON.stringify(capturePlayground(h.emulator, shell, new Date('2026-11-28T10:00:00Z')))
    const saved = parsePlayground(text)
    expect(saved).toMatchObject({ format: SAVE_FORMAT, version: 1, savedAt: '2026-11-28T10:00:00.000Z' })

    const emulator = createEmulator()
    const fresh = shellOf()
    restorePlayground(saved, emulator, fresh)
    const got = await emulator.handle(new Request('http://127.0.0.1:4566/saved-bucket/a.txt'))
    expect([got.status, await got.text(), got.headers.get('x-amz-server-side-encryption')]).toEqual([
      200,
      'stored plaintext',
      'AES256',
    ])
    expect([...emulator.kms.state.keys.values()].map((k) => k.description)).toContain('kept')
    expect(emulator.cloudtrail.records().map((r) => r.eventName)).toContain('CreateKey')
    expect(new TextDecoder().decode(fresh.vfs.read('/home/learner/docs/readme.txt'))).toBe('hello')
    expect(fresh.vfs.cwd).toBe('/home/learner/docs')
    expect(fresh.env).toEqual({ HOME: '/home/learner', REGION: 'eu-west-1' })
    expect(fresh.history).toHaveLength(4)
    expect((fresh.aws as unknown as { config: Record<string, string> }).config).toEqual({ output: 'table' })
  })

  it('never saves an SSE-C key, a key file, or an AWS secret', async () => {
    const { h, shell } = await buildPlayground()
    const saved = capturePlayground(h.emulator, shell)
    const text = JSON.stringify(saved)
    for (const secret of [
      SSE_C_KEY,
      AWS_SECRET,
      '0123456789abcdef0123456789abcdef',
      btoa('0123456789abcdef0123456789abcdef'),
    ])
      expect(text).not.toContain(secret)
    expect(saved.session.omitted).toEqual(['/home/learner/sse.key'])
    expect(saved.session.history[0]).toBe('echo -n <secret not saved> > ../sse.key')
    expect(saved.session.history[2]).toContain('--sse-c-key <secret not saved>')
  })

  it('leaves out a key file named relative to a directory the learner has since left', async () => {
    const { h, shell } = await buildPlayground()
    shell.vfs.mkdir('/home/learner/keys')
    shell.vfs.write('/home/learner/keys/k.bin', utf8('0123456789abcdef0123456789abcdef'))
    shell.history.push('cd ../keys', 'aws s3 cp a s3://b/k --sse-c AES256 --sse-c-key fileb://k.bin', 'cd ..')
    shell.vfs.cwd = '/home/learner'
    const saved = capturePlayground(h.emulator, shell)
    expect(saved.session.omitted).toContain('/home/learner/keys/k.bin')
    expect(saved.session.files.map((f) => f.path)).toContain('/home/learner/docs/readme.txt')
  })

  it('reads a save from outside (an old export, an edited file) through the same filter as a capture', async () => {
    const { h, shell } = await buildPlayground()
    const good = capturePlayground(h.emulator, shell)
    const KEY = 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY='
    const old = {
      ...good,
      session: {
        ...good.session,
        cwd: '/home/learner',
        history: [`aws --profile p2 configure set aws_secret_access_key ${AWS_SECRET}`, `MYK=${KEY}`, 'cat k.txt'],
        env: { ...good.session.env, MYK: KEY },
        files: [
          ...good.session.files,
          { path: '/home/learner/k.txt', base64: btoa(KEY) },
          { path: '/home/learner/kept.txt', base64: btoa('kept') },
        ],
      },
    }
    old.session.history.push('aws s3 cp a s3://b/a --sse-c AES256 --sse-c-key fileb://k.txt')
    const read = parsePlayground(JSON.stringify(old))
    const text = JSON.stringify(read)
    for (const secret of [AWS_SECRET, KEY, btoa(KEY)]) expect(text).not.toContain(secret)
    expect(read.session.omitted).toContain('/home/learner/k.txt')
    expect(read.session.files.map((f) => f.path)).toContain('/home/learner/kept.txt')
    // What a capture wrote reads back unchanged.
    expect(parsePlayground(JSON.stringify(good)).session).toEqual(good.session)
  })

  it('refuses damaged saves with a reason, leaving the live state untouched', async () => {
    const { h, shell } = await buildPlayground()
    const good = capturePlayground(h.emulator, shell)
    const reason = (input: unknown) => {
      try {
        parsePlayground(input)
        return 'accepted'
      } catch (e) {
        expect(e).toBeInstanceOf(SavedStateError)
        return (e as Error).message
      }
    }
    expect(reason('{"format": "s3-encryption-pl')).toMatch(/not valid JSON/)
    expect(reason({ hello: 1 })).toMatch(/not a playground save/)
    expect(reason({ ...good, version: 99 })).toMatch(/version 99/)
    expect(reason({ ...good, session: { ...good.session, history: 'x' } })).toMatch(/history/)
    expect(reason({ ...good, emulator: null })).toMatch(/emulator state is missing/)

    const live = createEmulator()
    await live.handle(new Request('http://127.0.0.1:4566/live-bucket', { method: 'PUT' }))
    const liveShell = shellOf()
    liveShell.history.push('kept')
    const broken = parsePlayground({ ...good, emulator: { ...(good.emulator as object), version: 42 } })
    expect(() => restorePlayground(broken, live, liveShell)).toThrow(/cannot be restored/)
    expect([...live.s3.buckets.keys()]).toEqual(['live-bucket'])
    expect(liveShell.history).toEqual(['kept'])
  })
})
