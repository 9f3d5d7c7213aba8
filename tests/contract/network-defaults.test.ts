/**
 * Safe by default on the network (issue 14, items 3 and 7), against `npm run emulator` as users start it:
 * only loopback Host names are served (no DNS rebinding), only loopback origins and --allow-origin ones get
 * CORS answers, Private Network Access preflights are answered as Chromium expects, malformed HTTP gets a
 * 400 (not a reset), X-Forwarded-For is not believed, and in --strict the control endpoints want the credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { presignUrl } from '@/lib/cli/aws/s3/presign'
import { networkWarnings } from '@/lib/adapters/node-http/network'
import { hostPolicy, isLoopbackOrigin } from '@/lib/protocol/origins'
import { spawnEmulator, type SpawnedEmulator } from '../helpers/spawned-emulator'
import { rawHttp } from '../helpers/raw-http'

const TEAM = 'https://team.example'
const EVIL = 'https://evil.example'
const LOCAL_PAGE = 'http://localhost:3000'
const creds = { accessKeyId: 'AKIDNETWORKTEST', secretAccessKey: 'network-secret-0123456789' }

let plain: SpawnedEmulator
let strict: SpawnedEmulator
beforeAll(async () => {
  ;[plain, strict] = await Promise.all([
    spawnEmulator(['--allow-origin', TEAM]),
    spawnEmulator(['--strict', '--access-key', creds.accessKeyId, '--secret-key', creds.secretAccessKey]),
  ])
}, 60_000)
afterAll(async () => {
  await Promise.all([plain?.stop(), strict?.stop()])
})

const get = (server: SpawnedEmulator, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawHttp(
    server.port,
    `${method} ${path} HTTP/1.1\r\n${Object.entries({
      host: `127.0.0.1:${server.port}`,
      connection: 'close',
      ...headers,
    })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n`,
  )
const header = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(text)?.[1]?.trim()

describe('Host names', () => {
  it('serves loopback names and their virtual-hosted forms, refuses any other name (DNS rebinding)', async () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'bucket.localhost']) {
      const answer = await get(plain, '/', { host: `${host}:${plain.port}` })
      expect(answer.text, host).not.toContain('AccessDenied')
      expect(answer.statuses[0], host).toBeLessThan(500)
    }
    for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '']) {
      const answer = await get(plain, '/', { host: `${host}:${plain.port}` })
      expect(answer.statuses, host).toEqual([403])
      expect(answer.text).toContain('<Code>AccessDenied</Code>')
    }
  })

  it('the --host name is served too; with a wildcard bind any IP literal, never a name', () => {
    expect(hostPolicy('devbox.lan')('bucket.devbox.lan:4566')).toBe(true)
    expect(hostPolicy('devbox.lan')('evil.example')).toBe(false)
    expect(hostPolicy('0.0.0.0')('192.168.1.20:4566')).toBe(true)
    expect(hostPolicy('0.0.0.0')('rebind.evil.example:4566')).toBe(false)
  })

  it('--host 0.0.0.0 and --cors permissive print a clear warning; loopback binds do not', () => {
    expect(networkWarnings({ host: '0.0.0.0', strict: false }).join('\n')).toMatch(/WARNING: listening on 0\.0\.0\.0/)
    expect(networkWarnings({ host: '127.0.0.1', strict: false, cors: 'permissive' }).join('\n')).toMatch(
      /every web page/,
    )
    expect(networkWarnings({ host: '127.0.0.1', strict: false })).toEqual([])
    expect(plain.output()).not.toContain('WARNING')
  })
})

describe('CORS by default', () => {
  it('answers loopback origins and --allow-origin ones; any other origin, and null, gets no Access-Control-*', async () => {
    expect(isLoopbackOrigin('null')).toBe(false)
    for (const origin of [LOCAL_PAGE, 'http://127.0.0.1:3200', TEAM]) {
      const answer = await get(plain, '/', { origin })
      expect(header(answer.text, 'access-control-allow-origin'), origin).toBe(origin)
    }
    for (const origin of [EVIL, 'null', 'http://localhost.evil.example']) {
      const answer = await get(plain, '/', { origin })
      expect(answer.statuses).toEqual([200])
      expect(header(answer.text, 'access-control-allow-origin'), origin).toBeUndefined()
    }
  })

  it('refuses the preflight of another origin, KMS calls included', async () => {
    const ask = { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-amz-target' }
    const refused = await get(plain, '/', { origin: EVIL, ...ask }, 'OPTIONS')
    expect(refused.statuses).toEqual([403])
    expect(header(refused.text, 'access-control-allow-origin')).toBeUndefined()
    const allowed = await get(plain, '/', { origin: LOCAL_PAGE, ...ask }, 'OPTIONS')
    expect(allowed.statuses).toEqual([200])
  })

  it('answers Private Network Access preflights for allowed origins only', async () => {
    const pna = { 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' }
    const allowed = await get(plain, '/bucket/key', { origin: TEAM, ...pna }, 'OPTIONS')
    expect(allowed.statuses).toEqual([200])
    expect(header(allowed.text, 'access-control-allow-private-network')).toBe('true')
    const refused = await get(plain, '/bucket/key', { origin: EVIL, ...pna }, 'OPTIONS')
    expect(refused.statuses).toEqual([403])
    expect(header(refused.text, 'access-control-allow-private-network')).toBeUndefined()
  })

  it('control endpoints answer other origins without Access-Control-Allow-Origin', async () => {
    for (const path of ['/_playground/clock', '/_playground/traces', '/_playground/sent-headers/0123456789ABCDEF']) {
      const evil = await get(plain, path, { origin: EVIL })
      expect(header(evil.text, 'access-control-allow-origin'), path).toBeUndefined()
      const local = await get(plain, path, { origin: LOCAL_PAGE })
      expect(header(local.text, 'access-control-allow-origin'), path).toBe(LOCAL_PAGE)
    }
  })
})

describe('strict mode authenticates the control endpoints', () => {
  it('refuses the clock, traces and sent headers without the credential, and the clock does not move', async () => {
    for (const [method, path] of [
      ['GET', '/_playground/clock'],
      ['POST', '/_playground/clock?advanceDays=30'],
      ['GET', '/_playground/traces'],
      ['GET', '/_playground/sent-headers/0123456789ABCDEF'],
    ] as const) {
      const answer = await get(strict, path, { origin: LOCAL_PAGE, 'content-length': '0' }, method)
      expect(answer.statuses, path).toEqual([403])
      expect(answer.text).toContain('<Code>AccessDenied</Code>')
    }
    const signed = await presignUrl({
      url: new URL(`${strict.endpoint}/_playground/clock`),
      region: 'us-east-1',
      credentials: creds,
      expiresIn: 60,
    })
    const evil = await fetch(signed, { headers: { origin: EVIL } })
    expect(evil.status).toBe(200)
    expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    expect(((await evil.json()) as { offsetDays: number }).offsetDays).toBe(0)
  })
})

describe('malformed HTTP is answered 400, never with a reset', () => {
  const head = (port: number) => `PUT /bucket/key HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`
  it.each([
    ['two Content-Lengths', 'Content-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['Content-Length with Transfer-Encoding', 'Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['Content-Length 1e30', 'Content-Length: 1e30\r\n\r\n'],
    ['a Content-Length past 2^64', 'Content-Length: 1000000000000000000000000000000\r\n\r\n'],
    ['a bare CR', 'X-Bad: a\rb\r\nContent-Length: 0\r\n\r\n'],
  ])('%s', async (_, rest) => {
    const answer = await rawHttp(plain.port, head(plain.port) + rest)
    expect(answer.reset).toBe(false)
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<Code>BadRequest</Code>')
  })

  it('refuses a PUT with more body bytes than its Content-Length, and stores nothing', async () => {
    await get(plain, '/overflow-bucket', { 'content-length': '0' }, 'PUT')
    const answer = await rawHttp(
      plain.port,
      `PUT /overflow-bucket/k HTTP/1.1\r\nHost: 127.0.0.1:${plain.port}\r\nContent-Length: 3\r\n\r\nabcEXTRA-BYTES-HERE`,
    )
    expect(answer.reset).toBe(false)
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<Code>BadRequest</Code>')
    const got = await get(plain, '/overflow-bucket/k')
    expect(got.statuses).toEqual([404])
  })

  it('an invalid x-amz-content-sha256 is refused as S3 does', async () => {
    const answer = await get(
      plain,
      '/overflow-bucket/h',
      { 'x-amz-content-sha256': 'not-a-hash', 'content-length': '0' },
      'PUT',
    )
    expect(answer.statuses).toEqual([400])
    expect(answer.text).toContain('<Code>InvalidArgument</Code>')
    expect(answer.text).toContain('<ArgumentName>x-amz-content-sha256</ArgumentName>')
  })
})

describe('the audit source IP', () => {
  it('is the connection, not X-Forwarded-For (no --trust-proxy)', async () => {
    const body = JSON.stringify({ Description: 'xff' })
    const answer = await rawHttp(
      plain.port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${plain.port}\r\nConnection: close\r\nX-Amz-Target: TrentService.CreateKey\r\n` +
        `Content-Type: application/x-amz-json-1.1\r\nX-Forwarded-For: 203.0.113.9\r\n` +
        `Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    )
    expect(answer.statuses).toEqual([200])
    const trail = new CloudTrailClient({ region: 'us-east-1', endpoint: plain.endpoint, credentials: creds })
    const events = await trail.send(new LookupEventsCommand({}))
    const created = events.Events!.find((e) => e.EventName === 'CreateKey')!
    expect(JSON.parse(created.CloudTrailEvent!).sourceIPAddress).toBe('127.0.0.1')
  })
})
