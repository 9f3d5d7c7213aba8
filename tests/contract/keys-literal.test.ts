/**
 * Keys are literal (issue 14, item 2): `..` and `.` segments, `%FF` and control characters, through every
 * front door: the real aws CLI against the Node server, raw HTTP, the page's MSW adapter with the page's SDK
 * clients, and share-link replay. `new Request(url)` resolves dot segments, so before the fix
 * `put-object --key ../victim/planted.txt` landed in the bucket `victim`.
 */
import { request as httpRequest } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { createHandlers } from '@/lib/adapters/msw/handlers'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { ExchangeLog } from '@/lib/inspector/exchange'
import { createClients, emulatorTarget } from '@/lib/sdk/clients'
import { replayScenario } from '@/lib/state/scenario-replay'
import type { Scenario } from '@/lib/state/scenario'
import type { SessionShell } from '@/lib/state/session'
import { Vfs } from '@/lib/cli/shell/vfs'
import { startEmulator, type RunningEmulator } from '../helpers/server'
import { findAws, runAws } from '../helpers/aws-cli'

/** A request with its path exactly as given (fetch and new URL would resolve `..`). */
function raw(endpoint: string, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(endpoint)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: body ? { 'content-length': body.length } : {} },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode!, text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const aws = findAws()

describe('the Node server takes keys literally', () => {
  let server: RunningEmulator
  const cwd = mkdtempSync(join(tmpdir(), 'keys-literal-'))
  beforeAll(async () => {
    server = await startEmulator()
    for (const b of ['src-bucket', 'victim', 'victim-empty'])
      expect((await raw(server.endpoint, 'PUT', `/${b}`)).status).toBe(200)
    writeFileSync(join(cwd, 'planted.txt'), 'planted')
  })
  afterAll(() => server.close())

  it.skipIf(!aws)('aws s3api with ../ keys writes and deletes inside the named bucket only', async () => {
    const put = await runAws(aws!.command, server.endpoint, cwd, [
      's3api',
      'put-object',
      '--bucket',
      'src-bucket',
      '--key',
      '../victim/planted.txt',
      '--body',
      'planted.txt',
    ])
    expect(put.code, put.stderr).toBe(0)
    expect(server.emulator.s3.bucket('victim').objects.size).toBe(0)
    expect([...server.emulator.s3.bucket('src-bucket').objects.keys()]).toEqual(['../victim/planted.txt'])
    const del = await runAws(aws!.command, server.endpoint, cwd, [
      's3api',
      'delete-object',
      '--bucket',
      'src-bucket',
      '--key',
      '../victim-empty',
    ])
    expect(del.code, del.stderr).toBe(0)
    expect(server.emulator.s3.buckets.has('victim-empty')).toBe(true)
    const get = await runAws(aws!.command, server.endpoint, cwd, [
      's3',
      'cp',
      's3://src-bucket/../victim/planted.txt',
      '-',
    ])
    expect([get.code, get.stdout]).toEqual([0, 'planted'])
  })

  it('raw paths: ./ and %2e%2e segments are key text; %FF is refused, not a second spelling of %25FF', async () => {
    expect((await raw(server.endpoint, 'PUT', '/src-bucket/./dot', 'd')).status).toBe(200)
    expect((await raw(server.endpoint, 'PUT', '/src-bucket/%2e%2e/victim/enc', 'e')).status).toBe(200)
    expect(server.emulator.s3.bucket('victim').objects.size).toBe(0)
    expect(server.emulator.s3.bucket('src-bucket').objects.has('./dot')).toBe(true)
    expect(server.emulator.s3.bucket('src-bucket').objects.has('../victim/enc')).toBe(true)
    expect((await raw(server.endpoint, 'PUT', '/src-bucket/%25FF', 'p')).status).toBe(200)
    const bad = await raw(server.endpoint, 'GET', '/src-bucket/%FF')
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('<Code>InvalidURI</Code>')
    expect((await raw(server.endpoint, 'GET', '/src-bucket/%25FF')).text).toBe('p')
    // A control endpoint is not reachable through a bucket's `..` either.
    const sneaky = await raw(server.endpoint, 'GET', '/src-bucket/../_playground/clock')
    expect(sneaky.status).toBe(404)
    expect(sneaky.text).toContain('<Code>NoSuchKey</Code>')
  })

  it('a listing with a control character in a key is url-encoded, as S3 does, even when not asked', async () => {
    expect((await raw(server.endpoint, 'PUT', '/victim/ctl%01key%0D', 'c')).status).toBe(200)
    const listing = await raw(server.endpoint, 'GET', '/victim?list-type=2')
    expect(listing.status).toBe(200)
    expect(listing.text).toContain('<Key>ctl%01key%0D</Key>')
    expect(listing.text).toContain('<EncodingType>url</EncodingType>')
    expect(listing.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
  })

  it.skipIf(!aws)('aws s3 ls lists keys with control characters', async () => {
    const ls = await runAws(aws!.command, server.endpoint, cwd, ['s3', 'ls', 's3://victim/'])
    expect(ls.code, ls.stderr).toBe(0)
    expect(ls.stdout).toContain('ctl\u0001key')
    const api = await runAws(aws!.command, server.endpoint, cwd, [
      's3api',
      'list-objects',
      '--bucket',
      'victim',
      '--query',
      'Contents[].Key',
    ])
    expect(api.code, api.stderr).toBe(0)
    expect(JSON.parse(api.stdout)).toEqual(['ctl\u0001key\r'])
  })
})

describe("the page's front doors take keys literally", () => {
  const emulator = createEmulator()
  const msw = setupServer(...createHandlers(emulator, new ExchangeLog()))
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => msw.close())

  it("the page's SDK clients through the MSW adapter (which resolves `..` in the URL) keep the key", async () => {
    const { s3 } = createClients(emulatorTarget())
    await emulator.handle(new Request('https://s3.emulator.invalid/src-bucket', { method: 'PUT' }))
    await emulator.handle(new Request('https://s3.emulator.invalid/victim', { method: 'PUT' }))
    await s3.send(new PutObjectCommand({ Bucket: 'src-bucket', Key: '../victim/planted.txt', Body: 'via page' }))
    expect(emulator.s3.bucket('victim').objects.size).toBe(0)
    const got = await s3.send(new GetObjectCommand({ Bucket: 'src-bucket', Key: '../victim/planted.txt' }))
    expect(await got.Body!.transformToString()).toBe('via page')
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'src-bucket' }))
    expect(list.Contents?.map((o) => o.Key)).toEqual(['../victim/planted.txt'])
    // The plumbing header is added after signing: a presigned URL signs only what S3 would see.
    const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'src-bucket', Key: 'k' })))
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host')
  })

  it('share-link replay rebuilds a ../ key in its own bucket, not in the bucket it names', async () => {
    const fresh = createEmulator()
    const scenario: Scenario = {
      format: 's3-encryption-playground-scenario',
      version: 1,
      keys: [],
      buckets: [
        {
          name: 'src-bucket',
          objects: [{ key: '../victim/x.txt', size: 2, sse: { algorithm: 'AES256' }, base64: 'aGk=' }],
        },
        { name: 'victim', objects: [] },
      ],
      session: { cwd: '/', env: {}, history: [], awsConfig: {}, dirs: [], files: [], omitted: [] },
      notShared: [],
    }
    const shell = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
    const report = await replayScenario(scenario, fresh, shell)
    expect(report.problems).toEqual([])
    expect([...fresh.s3.bucket('src-bucket').objects.keys()]).toEqual(['../victim/x.txt'])
    expect(fresh.s3.bucket('victim').objects.size).toBe(0)
  })
})
