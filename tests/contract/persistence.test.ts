/**
 * --data-dir: state written by one emulator is read back by the next, both in-process through
 * attachPersistence and through the real `npm run emulator` script (scripts/emulator.mts) restarted. An
 * answered change is on disk already, so nothing waits for a save.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { attachPersistence } from '@/lib/adapters/node-http/persistence'
import { createEmulator, type Emulator } from '@/lib/emulator/create-emulator'
import { ENDPOINT } from '../helpers/handle'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-playground-persist-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const send = (emulator: Emulator, method: string, path: string, body?: string) =>
  emulator.handle(new Request(ENDPOINT + path, { method, ...(body !== undefined ? { body } : {}) }))

/** Every file under `dir`, as text (to look for plaintext that must not be there). */
const allFiles = (dir: string): string =>
  readdirSync(dir, { withFileTypes: true })
    .map((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : readFileSync(join(dir, d.name), 'latin1')))
    .join('\n')

describe('attachPersistence', () => {
  it('writes after each change; a new emulator on the same directory reads everything back', async () => {
    const dir = tempDir()
    const first = createEmulator()
    await attachPersistence(first, dir)
    expect((await send(first, 'PUT', '/persist-bucket')).status).toBe(200)
    expect((await send(first, 'PUT', '/persist-bucket/testfile.txt', 'Hello, encrypted world\n')).status).toBe(200)
    first.s3.keyring.rotate()
    expect((await send(first, 'PUT', '/persist-bucket/after-rotation.txt', 'second key')).status).toBe(200)
    expect(allFiles(dir)).not.toContain('Hello, encrypted world')

    const second = createEmulator()
    await attachPersistence(second, dir)
    const got = await send(second, 'GET', '/persist-bucket/testfile.txt')
    expect([got.status, await got.text(), got.headers.get('x-amz-server-side-encryption')]).toEqual([
      200,
      'Hello, encrypted world\n',
      'AES256',
    ])
    expect(await (await send(second, 'GET', '/persist-bucket/after-rotation.txt')).text()).toBe('second key')
    expect(second.s3.keyring.list().map((k) => k.id)).toEqual(first.s3.keyring.list().map((k) => k.id))
  })

  it('deletes are persisted too', async () => {
    const dir = tempDir()
    const first = createEmulator()
    await attachPersistence(first, dir)
    await send(first, 'PUT', '/persist-bucket')
    await send(first, 'PUT', '/persist-bucket/gone.txt', 'x')
    expect((await send(first, 'DELETE', '/persist-bucket/gone.txt')).status).toBe(204)
    const second = createEmulator()
    await attachPersistence(second, dir)
    expect((await send(second, 'GET', '/persist-bucket/gone.txt')).status).toBe(404)
    expect((await send(second, 'HEAD', '/persist-bucket')).status).toBe(200)
  })

  it('versions, delete markers, tags on old versions and DeleteObjects of a version id are journaled', async () => {
    const dir = tempDir()
    const first = createEmulator()
    await attachPersistence(first, dir)
    await send(first, 'PUT', '/persist-versions')
    const status = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'
    expect((await send(first, 'PUT', '/persist-versions?versioning', status)).status).toBe(200)
    const v1 = (await send(first, 'PUT', '/persist-versions/doc', 'first')).headers.get('x-amz-version-id')!
    const v2 = (await send(first, 'PUT', '/persist-versions/doc', 'second')).headers.get('x-amz-version-id')!
    const v3 = (await send(first, 'PUT', '/persist-versions/doc', 'third')).headers.get('x-amz-version-id')!
    const tags = '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>'
    expect((await send(first, 'PUT', `/persist-versions/doc?tagging&versionId=${v1}`, tags)).status).toBe(200)
    const doc = `<Delete><Object><Key>doc</Key><VersionId>${v2}</VersionId></Object></Delete>`
    const deleted = await first.handle(
      new Request(`${ENDPOINT}/persist-versions?delete`, {
        method: 'POST',
        body: doc,
        headers: { 'content-md5': createHash('md5').update(doc).digest('base64') },
      }),
    )
    expect(deleted.status).toBe(200)
    expect((await send(first, 'DELETE', '/persist-versions/doc')).headers.get('x-amz-delete-marker')).toBe('true')

    const second = createEmulator()
    await attachPersistence(second, dir)
    expect((await send(second, 'GET', '/persist-versions/doc')).status).toBe(404)
    const old = await send(second, 'GET', `/persist-versions/doc?versionId=${v1}`)
    expect([await old.text(), old.headers.get('x-amz-tagging-count')]).toEqual(['first', '1'])
    expect(await (await send(second, 'GET', `/persist-versions/doc?versionId=${v3}`)).text()).toBe('third')
    expect((await send(second, 'GET', `/persist-versions/doc?versionId=${v2}`)).status).toBe(404)
    const listed = await (await send(second, 'GET', '/persist-versions?versions')).text()
    expect(listed.match(/<(Version|DeleteMarker)>/g)).toEqual(['<DeleteMarker>', '<Version>', '<Version>'])
  })

  it('versions and delete markers survive a restart, old bodies included', async () => {
    const dir = tempDir()
    const first = createEmulator()
    await attachPersistence(first, dir)
    await send(first, 'PUT', '/versioned-bucket')
    const versioning = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'
    expect((await send(first, 'PUT', '/versioned-bucket?versioning', versioning)).status).toBe(200)
    const v1 = (await send(first, 'PUT', '/versioned-bucket/doc', 'first')).headers.get('x-amz-version-id')
    await send(first, 'PUT', '/versioned-bucket/doc', 'second')
    expect((await send(first, 'DELETE', '/versioned-bucket/doc')).status).toBe(204)
    expect(v1).toBeTruthy()

    const second = createEmulator()
    await attachPersistence(second, dir)
    expect((await send(second, 'GET', '/versioned-bucket/doc')).status).toBe(404)
    const old = await send(second, 'GET', `/versioned-bucket/doc?versionId=${v1}`)
    expect([old.status, await old.text()]).toEqual([200, 'first'])
    const listing = await (await send(second, 'GET', '/versioned-bucket?versions')).text()
    expect([listing.match(/<Version>/g)?.length, listing.match(/<DeleteMarker>/g)?.length]).toEqual([2, 1])
  })

  it('an empty directory starts empty', async () => {
    const emulator = createEmulator()
    await attachPersistence(emulator, join(tempDir(), 'not-yet-created'))
    expect(emulator.s3.buckets.size).toBe(0)
  })
})

describe('npm run emulator -- --port 0 --data-dir DIR, restarted', () => {
  const children: ChildProcess[] = []
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGTERM')
  })

  /** Runs scripts/emulator.mts in one node process (tsx as a loader) and resolves with its endpoint. */
  function start(dir: string): Promise<{ endpoint: string; child: ChildProcess }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/emulator.mts', '--port', '0', '--data-dir', dir],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    return new Promise((resolve, reject) => {
      let out = ''
      let err = ''
      const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}${err}`)), 20_000)
      child.stderr!.on('data', (d) => (err += d))
      child.stdout!.on('data', (d) => {
        out += d
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve({ endpoint: m[1]!, child })
        }
      })
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${out}${err}`)))
    })
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      process.kill(child.pid!, 'SIGTERM')
    })

  it('serves what the previous process stored', async () => {
    const dir = tempDir()
    const first = await start(dir)
    expect(first.endpoint).not.toBe('http://127.0.0.1:0')
    expect((await fetch(`${first.endpoint}/restart-bucket`, { method: 'PUT' })).status).toBe(200)
    expect(
      (await fetch(`${first.endpoint}/restart-bucket/testfile.txt`, { method: 'PUT', body: 'survives a restart' }))
        .status,
    ).toBe(200)
    await stop(first.child)

    const second = await start(dir)
    const got = await fetch(`${second.endpoint}/restart-bucket/testfile.txt`)
    expect([got.status, await got.text(), got.headers.get('x-amz-server-side-encryption')]).toEqual([
      200,
      'survives a restart',
      'AES256',
    ])
    await stop(second.child)
  })
})
