/**
 * --data-dir under failure (docs/security.md). A workload of S3 and KMS changes runs once to number every
 * write the store makes (tests/helpers/faulty-fs.ts wraps node:fs, so any on-disk layout is covered); then,
 * for each write point, it runs again with a crash injected there (that write torn, nothing written after)
 * and a fresh emulator restarts from the directory. The restarted store must be exactly the state after
 * some prefix of the workload: every object fully old or fully new, metadata (length, ETag, checksum)
 * agreeing with the bytes, and nothing lost that was saved before the crash. A full disk (ENOSPC) must
 * leave what was stored intact, say so clearly, and save everything once there is space again.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { faults } from '../helpers/faulty-fs'

vi.mock('node:fs/promises', async (importOriginal) =>
  (await import('../helpers/faulty-fs')).faultyPromises(await importOriginal()),
)
vi.mock('node:fs', async (importOriginal) => (await import('../helpers/faulty-fs')).faultyFs(await importOriginal()))

const { attachPersistence } = await import('@/lib/adapters/node-http/persistence')
type PersistenceOptions = import('@/lib/adapters/node-http/persistence').PersistenceOptions
const { createEmulator } = await import('@/lib/emulator/create-emulator')
const { crc64nvme } = await import('@/lib/crypto/crc64nvme')
const { md5Hex, md5Base64 } = await import('@/lib/crypto/md5')
const { toBase64 } = await import('@/lib/crypto/bytes')
type Emulator = ReturnType<typeof createEmulator>

const ENDPOINT = 'https://127.0.0.1:4566'
const BUCKET = 'crash-bucket'
const SSE_C_KEY = toBase64(new Uint8Array(32).fill(9))
const sseC = {
  'x-amz-server-side-encryption-customer-algorithm': 'AES256',
  'x-amz-server-side-encryption-customer-key': SSE_C_KEY,
  'x-amz-server-side-encryption-customer-key-md5': md5Base64(new Uint8Array(32).fill(9)),
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
let errors: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  faults.reset()
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  faults.reset()
  errors.mockRestore()
})

const newEmulator = () => createEmulator({ blockSseCOnNewBuckets: false })
const send = (emulator: Emulator, method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  emulator.handle(new Request(ENDPOINT + path, { method, headers, ...(body !== undefined ? { body } : {}) }))

/** What the store should hold after each step: key → body (SSE-C objects are read with their key). */
type Model = Map<string, string>
interface Step {
  name: string
  run(e: Emulator): Promise<Response | undefined>
  apply(m: Model): void
}
const big = (c: string) => c.repeat(300_000) // several segments' worth, so bodies are more than one write
const put = (key: string, body: string, headers: Record<string, string> = {}): Step => ({
  name: `put ${key}`,
  run: (e) => send(e, 'PUT', `/${BUCKET}/${key}`, body, headers),
  apply: (m) => void m.set(key, body),
})
const WORKLOAD: Step[] = [
  { name: 'create bucket', run: (e) => send(e, 'PUT', `/${BUCKET}`), apply: () => undefined },
  put('a', 'A1 first version', { 'x-amz-server-side-encryption': 'AES256' }),
  put('b', big('b'), { 'x-amz-server-side-encryption': 'aws:kms' }),
  put('a', big('2'), { 'x-amz-server-side-encryption': 'aws:kms' }),
  put('c', 'customer key', sseC),
  { name: 'delete b', run: (e) => send(e, 'DELETE', `/${BUCKET}/b`), apply: (m) => void m.delete('b') },
  {
    name: 'copy a to d',
    run: (e) => send(e, 'PUT', `/${BUCKET}/d`, undefined, { 'x-amz-copy-source': `/${BUCKET}/a` }),
    apply: (m) => void m.set('d', m.get('a')!),
  },
  {
    name: 'multipart e',
    run: async (e) => {
      const created = await (await send(e, 'POST', `/${BUCKET}/e?uploads`)).text()
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created)?.[1]
      if (!uploadId) return new Response(null, { status: 500 })
      const part = await send(e, 'PUT', `/${BUCKET}/e?partNumber=1&uploadId=${uploadId}`, 'multipart body')
      if (part.status !== 200) return part
      const xml = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`
      return send(e, 'POST', `/${BUCKET}/e?uploadId=${uploadId}`, xml)
    },
    apply: (m) => void m.set('e', 'multipart body'),
  },
  {
    name: 'new KMS key, then an object under it',
    run: async (e) => {
      const created = await e.handle(
        new Request('https://kms.us-east-1.amazonaws.com/', {
          method: 'POST',
          headers: { 'x-amz-target': 'TrentService.CreateKey', 'content-type': 'application/x-amz-json-1.1' },
          body: '{}',
        }),
      )
      const keyId = ((await created.json()) as { KeyMetadata?: { KeyId: string } }).KeyMetadata?.KeyId
      if (!keyId) return new Response(null, { status: 500 })
      return send(e, 'PUT', `/${BUCKET}/f`, 'under a new key', {
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': keyId,
      })
    },
    apply: (m) => void m.set('f', 'under a new key'),
  },
]

/** Model states: models[i] is the store after the first i steps. */
const models: Model[] = [new Map()]
for (const step of WORKLOAD) {
  const next = new Map(models.at(-1)!)
  step.apply(next)
  models.push(next)
}

/** Runs the workload with persistence on `dir`, flushing after each step; stops at the first failure. Returns the steps completed. */
async function runWorkload(dir: string, options: PersistenceOptions = {}, steps = WORKLOAD): Promise<number> {
  const emulator = newEmulator()
  let persistence: Awaited<ReturnType<typeof attachPersistence>>
  try {
    persistence = await attachPersistence(emulator, dir, options)
  } catch {
    return 0 // the crash came while starting up
  }
  let done = 0
  for (const step of steps) {
    let response: Response | undefined
    try {
      response = await step.run(emulator)
    } catch {
      break
    }
    await persistence.flush()
    if (faults.dead || (response && response.status >= 300)) break
    done++
  }
  return done
}

/** Everything a restarted emulator serves, checked for agreement between metadata and bytes. */
async function readStore(dir: string) {
  const emulator = newEmulator()
  const persistence = await attachPersistence(emulator, dir)
  const objects: Model = new Map()
  const list = await send(emulator, 'GET', `/${BUCKET}?list-type=2`)
  if (list.status === 404) return { emulator, objects, persistence, bucket: false }
  expect(list.status).toBe(200)
  const listing = await list.text()
  for (const [entry] of listing.matchAll(/<Contents>.*?<\/Contents>/gs)) {
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(entry)?.[1] ?? ''
    const key = field('Key')
    const size = Number(field('Size'))
    const etag = field('ETag').replace(/&quot;/g, '"')
    const get = await send(emulator, 'GET', `/${BUCKET}/${key}`, undefined, {
      'x-amz-checksum-mode': 'ENABLED',
      ...(key === 'c' ? sseC : {}),
    })
    expect(get.status, `GET ${key} after restart`).toBe(200)
    const bytes = new Uint8Array(await get.arrayBuffer())
    expect(bytes.length, `${key}: listed size`).toBe(size)
    expect(get.headers.get('content-length'), `${key}: Content-Length`).toBe(String(size))
    expect(get.headers.get('etag'), `${key}: ETag in the listing and on GET`).toBe(etag)
    if (get.headers.get('x-amz-server-side-encryption') === 'AES256' && !etag.includes('-'))
      expect(etag, `${key}: SSE-S3 ETag is the MD5`).toBe(`"${md5Hex(bytes)}"`)
    const crc = get.headers.get('x-amz-checksum-crc64nvme')
    if (crc) expect(crc, `${key}: stored CRC64NVME`).toBe(toBase64(crc64nvme(bytes)))
    objects.set(key, new TextDecoder().decode(bytes))
  }
  return { emulator, objects, persistence, bucket: true }
}

const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-playground-faults-'))
  dirs.push(dir)
  return dir
}
const same = (a: Model, b: Model) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v)

describe.each([
  ['appending to the journal', {}],
  ['compacting after every batch', { compactionBytes: 1 }],
] as [string, PersistenceOptions][])('--data-dir with a crash at every write point, %s', (_, options) => {
  it('restarts, each time, into the state after a prefix of the workload, losing nothing saved before the crash', async () => {
    faults.reset()
    const clean = tempDir()
    expect(await runWorkload(clean, options)).toBe(WORKLOAD.length)
    const points = faults.count
    const pointLog = [...faults.log]
    expect(same((await readStore(clean)).objects, models.at(-1)!)).toBe(true)
    // The harness must be seeing the writes, or this test would prove nothing.
    expect(points).toBeGreaterThanOrEqual(WORKLOAD.length)

    // Compacting after every batch makes many more write points: a spread of 40 of them keeps the test short.
    const stride = options.compactionBytes ? Math.max(1, Math.floor(points / 40)) : 1
    for (let at = 1; at <= points; at += stride) {
      const dir = tempDir()
      faults.reset({ kind: 'crash', at })
      const done = await runWorkload(dir, options)
      expect(faults.dead, `crash at ${at} (${pointLog[at - 1]}) was injected`).toBe(true)
      faults.reset()
      const { emulator, objects, persistence, bucket } = await readStore(dir)
      const prefix = models.findLastIndex((m) => same(m, objects))
      expect(
        prefix,
        `after a crash at write point ${at} (${pointLog[at - 1]}): ${JSON.stringify([...objects].map(([k, v]) => [k, v.slice(0, 12), v.length]))}`,
      ).toBeGreaterThanOrEqual(0)
      // Steps that finished (and were flushed) before the crash are all there.
      expect(prefix, `crash at ${at} (${pointLog[at - 1]}) lost completed steps`).toBeGreaterThanOrEqual(done)
      // The restarted store keeps working, and saves.
      if (bucket) expect((await send(emulator, 'PUT', `/${BUCKET}/after-restart`, 'ok')).status).toBe(200)
      await persistence.flush()
    }
  }, 60_000)
})

describe('--data-dir on a full disk', () => {
  it('says so clearly, keeps everything stored before, and saves all of it once there is space', async () => {
    const dir = tempDir()
    const emulator = newEmulator()
    const persistence = await attachPersistence(emulator, dir)
    for (const step of WORKLOAD.slice(0, 3)) expect((await step.run(emulator))!.status).toBe(200)
    await persistence.flush()

    faults.reset({ kind: 'enospc', from: 1 })
    const refused = await WORKLOAD[3]!.run(emulator)
    await persistence.flush()
    expect(faults.count).toBeGreaterThan(0)
    // The operator is told: the error names the cause and the directory.
    const said = errors.mock.calls.map((c: unknown[]) => c.map(String).join(' ')).join('\n')
    expect(said).toMatch(/disk is full \(ENOSPC\)/)
    expect(said).toContain(dir)
    if (refused!.status >= 300) expect(await refused!.text()).toMatch(/<Code>\w+<\/Code>/)

    // Nothing stored before is lost: a restart from the disk as it is has all of it.
    faults.reset()
    expect(same((await readStore(dir)).objects, models[3]!)).toBe(true)

    // With space again, the next change saves everything the running emulator holds.
    expect((await WORKLOAD[4]!.run(emulator))!.status).toBe(200)
    await persistence.flush()
    const expected = refused!.status === 200 ? models[5]! : new Map([...models[3]!, ['c', 'customer key']])
    expect(same((await readStore(dir)).objects, expected)).toBe(true)
  })
})
