/**
 * --data-dir's files are private and a damaged one is refused without showing it (docs/persistence.md,
 * docs/security.md): the folder is 0700 and its files 0600; a state.json that does not parse stops
 * start-up with one line naming the file and the reason, the file is moved aside intact, and none of its
 * key material reaches stderr. A journal whose last record was torn by a crash starts normally (that
 * batch was never answered); a journal damaged before its end is refused and moved aside.
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { attachPersistence, DamagedState } from '@/lib/adapters/node-http/persistence'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { call, kmsCall, killAll, startEmulator } from '../helpers/emulator-process'

const roots: string[] = []
const tempDir = () => {
  const root = mkdtempSync(join(tmpdir(), 's3-playground-damage-'))
  roots.push(root)
  return join(root, 'data')
}
afterEach(killAll)
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })))

const mode = (path: string) => statSync(path).mode & 0o777
const journalOf = (dir: string) => readdirSync(dir).find((n) => /^journal-\d+\.log$/.test(n))

describe('npm run emulator -- --data-dir: private files, and a damaged state.json refused', () => {
  it('creates the folder 0700 and files 0600; refuses a damaged state.json in one line, keeps it aside, shows no key', async () => {
    const dir = tempDir()
    const first = await startEmulator(['--data-dir', dir])
    const keyId = ((await kmsCall(first.port, 'CreateKey', {})).json.KeyMetadata as { KeyId: string }).KeyId
    expect((await call(first.port, 'PUT', '/private-bucket')).status).toBe(200)
    const put = await call(first.port, 'PUT', '/private-bucket/object', 'secret body', {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': keyId,
    })
    expect(put.status).toBe(200)
    first.child.kill('SIGTERM')
    await first.exited

    expect(mode(dir).toString(8), 'data folder').toBe('700')
    expect(mode(join(dir, 'blobs')).toString(8), 'blobs folder').toBe('700')
    const files = [
      ...readdirSync(dir).filter((n) => !statSync(join(dir, n)).isDirectory()),
      ...readdirSync(join(dir, 'blobs')).map((n) => join('blobs', n)),
    ]
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const name of files) expect(mode(join(dir, name)).toString(8), name).toBe('600')

    // Key material as stored (KMS key material, S3 root keys), wherever the store keeps it.
    const stored = files.map((n) => readFileSync(join(dir, n), 'latin1')).join('\n')
    const secrets = [...stored.matchAll(/\\?"(?:bytes|material)\\?":\\?"([A-Za-z0-9+/=]{40,})/g)].map((m) => m[1]!)
    expect(secrets.length, 'key material found in the data folder').toBeGreaterThanOrEqual(2)
    // The damage sits right before a key, where a parser's error message would quote it.
    const state = join(dir, 'state.json')
    const original = readFileSync(state, 'utf8').trimEnd()
    const damaged = `${original.slice(0, -1)},"damaged":x"${secrets[0]}"}`
    writeFileSync(state, damaged)

    const refused = await startEmulator(['--data-dir', dir]).then(
      () => undefined,
      (error: { code: number | null; stderr: string }) => error,
    )
    expect(refused, 'start-up refused').toBeDefined()
    expect(refused!.code).not.toBe(0)
    const lines = refused!.stderr.trim().split('\n')
    expect(lines, 'one line on stderr').toHaveLength(1)
    expect(lines[0]).toContain(state)
    expect(lines[0]).toMatch(/damaged/)
    for (const secret of secrets) expect(refused!.stderr).not.toContain(secret.slice(0, 8))
    // Kept aside, byte for byte, and no longer in the way.
    const aside = readdirSync(dir).filter((n) => n.startsWith('state.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(damaged)
    expect(mode(join(dir, aside[0]!)).toString(8)).toBe('600')
    expect(existsSync(state)).toBe(false)
  }, 60_000)
})

describe('attachPersistence and the journal', () => {
  const send = (emulator: ReturnType<typeof createEmulator>, method: string, path: string, body?: string) =>
    emulator.handle(new Request(`http://127.0.0.1:4566${path}`, { method, ...(body ? { body } : {}) }))

  async function filled(dir: string) {
    const emulator = createEmulator()
    const persistence = await attachPersistence(emulator, dir)
    expect((await send(emulator, 'PUT', '/journal-bucket')).status).toBe(200)
    for (const key of ['one', 'two', 'three'])
      expect((await send(emulator, 'PUT', `/journal-bucket/${key}`, key)).status).toBe(200)
    await persistence.close()
  }

  it('a torn last record (a crash mid-append) is dropped, and later appends read back', async () => {
    const dir = tempDir()
    await filled(dir)
    const journal = join(dir, journalOf(dir)!)
    appendFileSync(journal, '0123456789abcdef {"ops":[{"bucket":"journal-bucket","field":"objects","key":"tor')
    const second = createEmulator()
    const persistence = await attachPersistence(second, dir)
    for (const key of ['one', 'two', 'three'])
      expect(await (await send(second, 'GET', `/journal-bucket/${key}`)).text()).toBe(key)
    expect((await send(second, 'PUT', '/journal-bucket/four', 'four')).status).toBe(200)
    await persistence.close()
    const third = createEmulator()
    await attachPersistence(third, dir)
    expect(await (await send(third, 'GET', '/journal-bucket/four')).text()).toBe('four')
  })

  it('a record damaged before the end is refused: the journal is moved aside, nothing is shown', async () => {
    const dir = tempDir()
    await filled(dir)
    const name = journalOf(dir)!
    const text = readFileSync(join(dir, name), 'utf8')
    expect(text.split('\n').length).toBeGreaterThan(3)
    writeFileSync(join(dir, name), text.replace('"one"', '"0ne"'))
    const error = await attachPersistence(createEmulator(), dir).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(DamagedState)
    const message = (error as Error).message
    expect(message).not.toContain('\n')
    expect(message).toContain(join(dir, name))
    expect(message).not.toContain('0ne')
    expect(readdirSync(dir).some((n) => n.startsWith(`${name}.damaged-`))).toBe(true)
    expect(existsSync(join(dir, name))).toBe(false)
  })
})
