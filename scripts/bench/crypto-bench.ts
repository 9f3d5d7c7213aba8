/**
 * `npm run bench:crypto`, the part that runs in Node and, bundled, in Chromium (scripts/bench-crypto.mts):
 * throughput of each SSE mode's at-rest path and of the S3 Encryption Client formats, each as a ratio to raw
 * WebCrypto AES-256-GCM over the same bytes, and memory. Paths:
 * - `webcrypto`: one crypto.subtle.encrypt/decrypt of the whole buffer, key imported once (the baseline);
 * - `at-rest`: the emulator's own storage path below HTTP (scripts/bench/at-rest.ts): data key + seal / open;
 * - `handle()`: PutObject / GetObject through the emulator's one request handler, in-process;
 * - `lib/cse`: encryptObject / decryptObject, V2 and V3 (raw AES keyring, so no KMS round trip is timed).
 * Each figure is the fastest group of operations (about 4 MiB per group) of `rounds` rounds (3 at 64 MiB, 1 at
 * 512 MiB), a round repeating the operation until it has moved 16 MiB. Each round of a path is paired with a round of raw WebCrypto just before
 * it, and the ratio is fastest against fastest, so a load that drifts during the run moves both.
 */
import { buf } from '../../lib/crypto/bytes'
import { md5Base64 } from '../../lib/crypto/md5'
import { aesKeyring, decryptObject, encryptObject, type Format } from '../../lib/cse'
import { createEmulator, type Emulator } from '../../lib/emulator/create-emulator'
import { sealAtRest, SSE_MODES, type SseMode } from './at-rest'

export const KiB = 1024
export const MiB = 1024 * KiB

/** Resident memory of the process doing the work (Node itself, or Chromium's renderer read from outside). */
export interface MemoryProbe {
  /** Starts a new peak (Linux: /proc/PID/clear_refs 5 resets VmHWM). */
  reset(): Promise<void>
  /** Bytes: current and peak resident set since reset(). */
  read(): Promise<{ rss: number; peak: number }>
}

export interface BenchRow {
  path: string
  via: 'webcrypto' | 'at-rest' | 'handle()' | 'lib/cse'
  op: 'encrypt' | 'decrypt'
  bytes: number
  MBps: number
  /** MB/s over raw WebCrypto's for the same operation and size. */
  ratio: number
  /** Peak resident growth while measuring, over the bytes of one object. */
  peakGrowthPerObject: number
}

export interface MemoryRow {
  scenario: string
  bytes: number
  /** Peak resident growth over the object size. */
  peakGrowth: number
  /** Resident growth left once the operation returned (what is kept). */
  keptGrowth: number
}

/** One runtime's run, as written to docs/benchmarks/crypto-<runtime>.json. */
export interface RunResult {
  runtime: string
  date: string
  sizes: number[]
  rounds: number
  rows: BenchRow[]
  memory: MemoryRow[]
  /** Of the machine, at the end of the run (the bench shares 2 cores with whatever else runs). */
  loadAverage: number[]
}

interface Op {
  path: string
  via: BenchRow['via']
  op: BenchRow['op']
  /** Builds what the timed function needs (not timed), returns it. */
  prepare(data: Uint8Array): Promise<() => Promise<unknown>>
}

const ENDPOINT = 'https://127.0.0.1:4566'
const BUCKET = 'bench-crypto'
const HEADERS: Record<SseMode, (key: Uint8Array) => Record<string, string>> = {
  'SSE-S3': () => ({ 'x-amz-server-side-encryption': 'AES256' }),
  'SSE-KMS': () => ({ 'x-amz-server-side-encryption': 'aws:kms' }),
  'DSSE-KMS': () => ({ 'x-amz-server-side-encryption': 'aws:kms:dsse' }),
  'SSE-C': (key) => ({
    'x-amz-server-side-encryption-customer-algorithm': 'AES256',
    'x-amz-server-side-encryption-customer-key': btoa(String.fromCharCode(...key)),
    'x-amz-server-side-encryption-customer-key-md5': '',
  }),
}

export async function benchEmulator(): Promise<{ emulator: Emulator; headers(mode: SseMode): Record<string, string> }> {
  const emulator = createEmulator({ blockSseCOnNewBuckets: false })
  const created = await emulator.handle(new Request(`${ENDPOINT}/${BUCKET}`, { method: 'PUT' }))
  if (created.status !== 200) throw new Error(`CreateBucket: ${created.status}`)
  const customerKey = crypto.getRandomValues(new Uint8Array(32))
  const md5 = md5Base64(customerKey)
  return {
    emulator,
    headers: (mode) => {
      const h = HEADERS[mode](customerKey)
      if (mode === 'SSE-C') h['x-amz-server-side-encryption-customer-key-md5'] = md5
      return h
    },
  }
}

const put = async (emulator: Emulator, key: string, body: BodyInit, headers: Record<string, string>) => {
  const response = await emulator.handle(
    new Request(`${ENDPOINT}/${BUCKET}/${key}`, { method: 'PUT', body, headers, duplex: 'half' } as RequestInit),
  )
  if (response.status !== 200) throw new Error(`PutObject ${key}: ${response.status} ${await response.text()}`)
}
const get = async (emulator: Emulator, key: string, headers: Record<string, string>, bytes: number) => {
  const response = await emulator.handle(new Request(`${ENDPOINT}/${BUCKET}/${key}`, { headers }))
  const length = (await response.arrayBuffer()).byteLength
  if (response.status !== 200 || length !== bytes)
    throw new Error(`GetObject ${key}: ${response.status}, ${length} bytes`)
}

async function operations(): Promise<Op[]> {
  const { emulator, headers } = await benchEmulator()
  const key = crypto.getRandomValues(new Uint8Array(32))
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt'])
  const customerKey = crypto.getRandomValues(new Uint8Array(32))
  const ops: Op[] = [
    {
      path: 'WebCrypto AES-GCM',
      via: 'webcrypto',
      op: 'encrypt',
      prepare: async (data) => () => crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, buf(data)),
    },
    {
      path: 'WebCrypto AES-GCM',
      via: 'webcrypto',
      op: 'decrypt',
      prepare: async (data) => {
        const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, buf(data))
        return () => crypto.subtle.decrypt({ name: 'AES-GCM', iv }, cryptoKey, sealed)
      },
    },
  ]
  for (const mode of SSE_MODES) {
    ops.push(
      {
        path: mode,
        via: 'at-rest',
        op: 'encrypt',
        prepare: async (data) => () => sealAtRest(emulator, mode, BUCKET, 'at-rest', data, customerKey),
      },
      {
        path: mode,
        via: 'at-rest',
        op: 'decrypt',
        prepare: async (data) => {
          const sealed = await sealAtRest(emulator, mode, BUCKET, 'at-rest', data, customerKey)
          return () => sealed.open()
        },
      },
      {
        path: mode,
        via: 'handle()',
        op: 'encrypt',
        prepare: async (data) => () => put(emulator, `obj-${mode}`, data as BodyInit, headers(mode)),
      },
      {
        path: mode,
        via: 'handle()',
        op: 'decrypt',
        prepare: async (data) => {
          await put(emulator, `obj-${mode}`, data as BodyInit, headers(mode))
          return () => get(emulator, `obj-${mode}`, mode === 'SSE-C' ? headers(mode) : {}, data.length)
        },
      },
    )
  }
  const keyring = aesKeyring(key)
  for (const format of ['v2', 'v3'] as Format[]) {
    const path = `S3EC ${format.toUpperCase()}`
    ops.push(
      { path, via: 'lib/cse', op: 'encrypt', prepare: async (data) => () => encryptObject(data, keyring, { format }) },
      {
        path,
        via: 'lib/cse',
        op: 'decrypt',
        prepare: async (data) => {
          const { body, metadata } = await encryptObject(data, keyring, { format })
          return () => decryptObject(body, metadata, keyring)
        },
      },
    )
  }
  return ops
}

export function randomBytes(size: number): Uint8Array {
  const data = new Uint8Array(size)
  // getRandomValues fills at most 64 KiB per call.
  for (let o = 0; o < size; o += 65536) crypto.getRandomValues(data.subarray(o, Math.min(size, o + 65536)))
  return data
}

export interface BenchOptions {
  sizes: number[]
  rounds: number
  probe: MemoryProbe
  /** Only paths whose "via path op" contains this (raw WebCrypto always runs: it is the baseline). */
  only?: string
  log?: (line: string) => void
}

/** Best of the rounds: on a shared machine the fastest round is the least disturbed estimate of the cost. */
const best = (xs: number[]) => Math.min(...xs)

export async function runCryptoBench(options: BenchOptions): Promise<BenchRow[]> {
  const ops = (await operations()).filter(
    (o) => !options.only || o.via === 'webcrypto' || `${o.via} ${o.path} ${o.op}`.includes(options.only),
  )
  const largest = Math.max(...options.sizes)
  const all = randomBytes(largest)
  const rows: BenchRow[] = []
  // Warm-up: every path once at 64 KiB, so no size pays for first-call compilation.
  for (const o of ops) await (await o.prepare(all.subarray(0, 64 * KiB)))()
  const raw = new Map(ops.filter((o) => o.via === 'webcrypto').map((o) => [o.op, o]))
  for (const bytes of options.sizes) {
    const data = all.subarray(0, bytes)
    const reps = Math.max(1, Math.floor((16 * MiB) / bytes))
    const rounds = bytes >= 512 * MiB ? 1 : bytes >= 64 * MiB ? Math.min(3, options.rounds) : options.rounds
    for (const o of ops) {
      // Each round times raw WebCrypto (same direction, same bytes) right before the path, so the ratio holds
      // on a machine whose load drifts (the webcrypto rows themselves are timed alone).
      let run: (() => Promise<unknown>) | undefined = await o.prepare(data)
      let base: (() => Promise<unknown>) | undefined =
        o.via === 'webcrypto' ? undefined : await raw.get(o.op)!.prepare(data)
      // Operations are timed in groups of about 4 MiB (browsers coarsen performance.now() to 0.1 ms) and the
      // fastest group counts: a short group often runs undisturbed even on a loaded machine, where a round's
      // average would mostly measure the load.
      const group = Math.max(1, Math.floor((4 * MiB) / bytes))
      const time = async (f: () => Promise<unknown>) => {
        let fastest = Infinity
        for (let i = 0; i < reps; i += group) {
          const t = performance.now()
          for (let j = 0; j < group; j++) await f()
          fastest = Math.min(fastest, (performance.now() - t) / group)
        }
        return fastest
      }
      ;(globalThis as { gc?: () => void }).gc?.()
      const before = (await options.probe.read()).rss
      await options.probe.reset()
      const times: number[] = []
      const baseTimes: number[] = []
      for (let r = 0; r < rounds; r++) {
        if (base) baseTimes.push(await time(base))
        times.push(await time(run))
      }
      const { peak } = await options.probe.read()
      run = base = undefined
      const ms = best(times)
      const MBps = +(bytes / MiB / (ms / 1000)).toFixed(1)
      const ratio = baseTimes.length ? best(baseTimes) / ms : 1
      const row: BenchRow = {
        path: o.path,
        via: o.via,
        op: o.op,
        bytes,
        MBps,
        ratio: +ratio.toFixed(3),
        peakGrowthPerObject: +(Math.max(0, peak - before) / bytes).toFixed(2),
      }
      rows.push(row)
      options.log?.(
        `${label(bytes).padStart(8)} ${`${o.via} ${o.path} ${o.op}`.padEnd(34)} ${String(MBps).padStart(8)} MB/s  ×${row.ratio.toFixed(3)}  peak +${row.peakGrowthPerObject}× object`,
      )
    }
  }
  return rows
}

export const label = (bytes: number) => (bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`)

/**
 * Memory of one object of `bytes`, the plaintext made before the measurement starts: one-shot and chunked
 * WebCrypto (the issue's reference points), PutObject through handle() (the emulator keeps the ciphertext), and
 * the S3EC V2 format. With a `File` (browsers), the same from a File whose bytes live outside the renderer.
 */
export async function runMemoryScenarios(
  bytes: number,
  probe: MemoryProbe,
  log?: (line: string) => void,
): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = []
  const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, [
    'encrypt',
  ])
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const chunk = MiB
  const measure = async (scenario: string, run: () => Promise<unknown>) => {
    // Give the allocator a moment to settle, then take the baseline.
    const gc = () => (globalThis as { gc?: () => void }).gc?.()
    gc()
    await new Promise((r) => setTimeout(r, 200))
    const before = (await probe.read()).rss
    await probe.reset()
    let kept: unknown = await run()
    const { peak } = await probe.read()
    gc()
    await new Promise((r) => setTimeout(r, 200))
    const { rss } = await probe.read()
    const row = {
      scenario,
      bytes,
      peakGrowth: +((peak - before) / bytes).toFixed(2),
      keptGrowth: +((rss - before) / bytes).toFixed(2),
    }
    rows.push(row)
    log?.(`${label(bytes)} ${scenario.padEnd(60)} peak +${row.peakGrowth}×, kept +${row.keptGrowth}×`)
    kept = undefined
    return kept
  }
  {
    let plain: Uint8Array | undefined = randomBytes(bytes)
    await measure('WebCrypto one-shot encrypt, ciphertext kept', () =>
      crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, buf(plain!)),
    )
    await measure('WebCrypto 1 MiB chunks in sequence, ciphertext kept', async () => {
      const out: ArrayBuffer[] = []
      for (let o = 0; o < bytes; o += chunk)
        out.push(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, buf(plain!.subarray(o, o + chunk))))
      return out
    })
    const { emulator, headers } = await benchEmulator()
    await measure('PutObject SSE-S3 through handle(), emulator keeps the object', () =>
      put(emulator, 'kept', plain! as BodyInit, headers('SSE-S3')),
    )
    await measure('S3EC V2 encryptObject (lib/cse), ciphertext kept', () =>
      encryptObject(plain!, aesKeyring(crypto.getRandomValues(new Uint8Array(32))), { format: 'v2' }),
    )
    plain = undefined
  }
  if (typeof File !== 'undefined' && typeof document !== 'undefined') {
    const parts: Uint8Array[] = []
    for (let o = 0; o < bytes; o += 16 * MiB) parts.push(randomBytes(Math.min(16 * MiB, bytes - o)))
    let file: File | undefined = new File(parts as BlobPart[], 'object.bin')
    parts.length = 0
    await measure('File: WebCrypto 1 MiB chunks, ciphertext to a Blob', async () => {
      const out: BlobPart[] = []
      for (let o = 0; o < bytes; o += chunk)
        out.push(
          await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, await file!.slice(o, o + chunk).arrayBuffer()),
        )
      return new Blob(out)
    })
    const { emulator, headers } = await benchEmulator()
    await measure('File: PutObject SSE-S3 through handle(), body streamed', () =>
      put(emulator, 'from-file', file!.stream() as unknown as BodyInit, headers('SSE-S3')),
    )
    file = undefined
  }
  return rows
}
