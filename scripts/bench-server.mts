/**
 * `npx tsx scripts/bench-server.mts [rounds] [--profile]`: the emulator's Node server against moto (the
 * Python peer, when `moto_server` is installed) and a no-op Node server (scripts/bench/noop-s3.mjs, the
 * limit), all driven by one @aws-sdk/client-s3 client: PutObject and GetObject of 4 KiB and 1 MiB objects,
 * one at a time and 8 in flight, with SSE-S3, SSE-KMS and SSE-C. Each server runs in its own process; the
 * rounds interleave the servers (in a rotating order) so a change in machine load hits them all alike.
 * Writes .bench/server.json and the table between the bench-server markers in docs/benchmarks.md.
 * `--profile` starts the emulator with `node --cpu-prof` (the profile lands in .bench/).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3'
import { agent, clientFor, waitForPort } from './bench/local-servers'

const ROUNDS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5)
const PROFILE = process.argv.includes('--profile')
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3271)

type Sse = 'SSE-S3' | 'SSE-KMS' | 'SSE-C'
type Op = 'PutObject' | 'GetObject'
interface Cell {
  sse: Sse
  size: number
  op: Op
  concurrency: number
}
interface Target {
  name: 'emulator' | 'moto' | 'no-op'
  port: number
  command?: [string, string[]]
  process?: ChildProcess
  missing?: string
}

const KIB = 1024
const SIZES = [4 * KIB, 1024 * KIB]
const SSES: Sse[] = ['SSE-S3', 'SSE-KMS', 'SSE-C']
const CONCURRENCY = [1, 8]
/** Requests per measurement: enough for ~0.2–0.5 s of work on a 2-core machine. */
const requestsFor = (size: number, concurrency: number) => (size <= 4 * KIB ? 120 : 24) * (concurrency > 1 ? 2 : 1)
const SSE_C_KEY = new Uint8Array(32).fill(7)

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const targets: Target[] = [
  {
    name: 'emulator',
    port: BASE_PORT,
    command: [
      process.execPath,
      [
        ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir=.bench'] : []),
        '--import',
        'tsx',
        'scripts/emulator.mts',
        '--port',
        String(BASE_PORT),
        '--allow-sse-c-over-http',
        '--allow-sse-c-on-new-buckets',
      ],
    ],
  },
  {
    name: 'moto',
    port: BASE_PORT + 1,
    command: ['moto_server', ['-p', String(BASE_PORT + 1)]],
    ...(has('moto_server') ? {} : { missing: 'not installed' }),
  },
  {
    name: 'no-op',
    port: BASE_PORT + 2,
    command: [process.execPath, ['scripts/bench/noop-s3.mjs', '--port', String(BASE_PORT + 2)]],
  },
]

const sseParams = (sse: Sse): Partial<PutObjectCommandInput> =>
  sse === 'SSE-S3'
    ? { ServerSideEncryption: 'AES256' }
    : sse === 'SSE-KMS'
      ? { ServerSideEncryption: 'aws:kms' }
      : { SSECustomerAlgorithm: 'AES256', SSECustomerKey: SSE_C_KEY as never }

function randomBytes(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let o = 0; o < size; o += 65536) crypto.getRandomValues(out.subarray(o, Math.min(size, o + 65536)))
  return out
}

const bodies = new Map(SIZES.map((size) => [size, randomBytes(size)]))
const BUCKET = 'bench-bucket'
const keyOf = (cell: Cell, i: number) => `${cell.sse}/${cell.size}/${i % 8}`

async function request(client: S3Client, cell: Cell, i: number): Promise<void> {
  const common = { Bucket: BUCKET, Key: keyOf(cell, i) }
  if (cell.op === 'PutObject') {
    await client.send(new PutObjectCommand({ ...common, Body: bodies.get(cell.size)!, ...sseParams(cell.sse) }))
    return
  }
  const get = await client.send(
    new GetObjectCommand({
      ...common,
      ...(cell.sse === 'SSE-C' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKey: SSE_C_KEY as never } : {}),
    }),
  )
  const bytes = await get.Body!.transformToByteArray()
  if (bytes.length !== cell.size) throw new Error(`GetObject returned ${bytes.length} bytes, not ${cell.size}`)
}

/** Why a server failed a batch (moto answers some loads with 500), by server and cell: shown instead of a rate. */
const failures = new Map<string, string>()

/** Requests per second for one batch: `n` requests, `concurrency` in flight; NaN if a request failed. */
async function batch(client: S3Client, cell: Cell, n: number, target: string): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next < n) await request(client, cell, next++)
  }
  const started = performance.now()
  try {
    await Promise.all(Array.from({ length: cell.concurrency }, worker))
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
    failures.set(`${target} ${cellId(cell)}`, `${e.$metadata?.httpStatusCode ?? ''} ${e.name ?? ''}`.trim())
    console.error(`${target}, ${cellId(cell)}: ${e.name}: ${e.message?.split('\n')[0]}`)
    return NaN
  }
  return n / ((performance.now() - started) / 1000)
}

const cells: Cell[] = []
for (const size of SIZES)
  for (const sse of SSES)
    for (const op of ['PutObject', 'GetObject'] as Op[])
      for (const concurrency of CONCURRENCY) cells.push({ sse, size, op, concurrency })
const cellId = (c: Cell) => `${c.op} ${c.size / KIB} KiB ${c.sse} ×${c.concurrency}`
// BENCH_ONLY='PutObject 1024 KiB' measures the matching cells only (for profiling; the docs are left alone).
const ONLY = process.env.BENCH_ONLY
if (ONLY)
  cells.splice(
    0,
    cells.length,
    ...cells.filter((c) => cellId(c).includes(ONLY) || (c.op === 'PutObject' && c.concurrency === 1)),
  )

mkdirSync('.bench', { recursive: true })
const started = Date.now()
for (const t of targets) {
  if (t.missing) continue
  t.process = spawn(t.command![0], t.command![1], {
    stdio: ['ignore', 'ignore', t.name === 'moto' ? 'ignore' : 'inherit'],
  })
  try {
    await waitForPort(t.port, t.process, 20)
  } catch (error) {
    t.missing = `did not start (${(error as Error).message})`
  }
}
const live = targets.filter((t) => !t.missing)
const clients = new Map(live.map((t) => [t.name, clientFor(t.port)]))
try {
  for (const t of live) {
    const client = clients.get(t.name)!
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
    // Warm up each server (JIT, KMS keys created on first use) and leave the objects the GETs read.
    for (const cell of cells.filter((c) => c.op === 'PutObject' && c.concurrency === 1))
      for (let i = 0; i < 8; i++) await request(client, cell, i)
  }
  /** rates[cell][target] = requests/s, one per round. */
  const rates = new Map<string, Map<string, number[]>>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const cell of cells) {
      const n = requestsFor(cell.size, cell.concurrency)
      // Rotate the order each round so no server always runs first or last.
      const order = live.map((_, i) => live[(i + round) % live.length]!)
      for (const t of order) {
        const rate = await batch(clients.get(t.name)!, cell, n, t.name)
        const row = rates.get(cellId(cell)) ?? new Map<string, number[]>()
        rates.set(cellId(cell), row.set(t.name, [...(row.get(t.name) ?? []), rate]))
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  }
  if (ONLY)
    for (const [id, row] of rates)
      console.log(id, Object.fromEntries([...row].map(([t, xs]) => [t, median(xs).toFixed(1)])))
  else report(rates)
} finally {
  for (const t of live) t.process?.kill('SIGINT')
  agent.destroy()
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function report(rates: Map<string, Map<string, number[]>>): void {
  const rows = cells.map((cell) => {
    const row = rates.get(cellId(cell))!
    const perTarget = Object.fromEntries(
      targets.map((t) => {
        if (t.missing) return [t.name, { missing: t.missing }]
        const all = row.get(t.name)!
        const xs = all.filter(Number.isFinite)
        const failed = failures.get(`${t.name} ${cellId(cell)}`)
        if (xs.length === 0) return [t.name, { missing: `failed (${failed})` }]
        return [
          t.name,
          {
            median: median(xs),
            min: Math.min(...xs),
            max: Math.max(...xs),
            rounds: all,
            ...(failed ? { failedRounds: all.length - xs.length, failure: failed } : {}),
          },
        ]
      }),
    )
    // Ratios per round (same round, same load), then their median and range.
    const ratios = (name: string, over: (round: number) => number | undefined) => {
      const xs = row.get(name)
      if (!xs) return undefined
      const rs = xs.map((x, i) => x / over(i)!).filter((r) => Number.isFinite(r))
      if (rs.length === 0) return undefined
      return { median: median(rs), min: Math.min(...rs), max: Math.max(...rs) }
    }
    const noop = row.get('no-op')!
    const sseS3 = rates.get(cellId({ ...cell, sse: 'SSE-S3' }))!.get('emulator')!
    return {
      ...cell,
      perTarget,
      emulatorToNoop: ratios('emulator', (i) => noop[i]),
      motoToNoop: ratios('moto', (i) => noop[i]),
      emulatorToOwnSseS3: cell.sse === 'SSE-S3' ? undefined : ratios('emulator', (i) => sseS3[i]),
    }
  })
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadavg: loadavg().map((x) => +x.toFixed(2)),
  }
  const result = { date: new Date().toISOString(), rounds: ROUNDS, machine, rows }
  writeFileSync('.bench/server.json', JSON.stringify(result, null, 2))
  console.log(`wrote .bench/server.json (${((Date.now() - started) / 1000).toFixed(0)} s)`)

  const goal = (cell: Cell) => (cell.size <= 4 * KIB ? 0.6 : 0.4)
  const fmt = (x: number | undefined, digits = 2) => (x === undefined ? '—' : x.toFixed(digits))
  const range = (r?: { median: number; min: number; max: number }) =>
    r ? `**${fmt(r.median)}** (${fmt(r.min)}–${fmt(r.max)})` : '—'
  const perf = (p: { median?: number; min?: number; max?: number; missing?: string; failedRounds?: number }) =>
    p.missing
      ? p.missing
      : `${fmt(p.median, 0)} (${fmt(p.min, 0)}–${fmt(p.max, 0)})${p.failedRounds ? ` (${p.failedRounds} rounds failed)` : ''}`
  const lines = rows.map((r) => {
    const met = r.emulatorToNoop ? (r.emulatorToNoop.median >= goal(r) ? 'met' : '**missed**') : '—'
    const own = r.emulatorToOwnSseS3
      ? `${range(r.emulatorToOwnSseS3)} ${r.emulatorToOwnSseS3.median >= 0.85 ? 'met' : '**missed**'}`
      : '1'
    return `| ${r.op} | ${r.size / KIB} KiB | ${r.sse} | ${r.concurrency} | ${perf(r.perTarget['emulator'])} | ${perf(r.perTarget['moto'])} | ${perf(r.perTarget['no-op'])} | ${range(r.emulatorToNoop)} ≥ ${goal(r)}: ${met} | ${range(r.motoToNoop)} | ${own} |`
  })
  const section = `<!-- bench-server:start -->
| op | size | SSE | in flight | emulator req/s | moto req/s | no-op req/s | emulator × no-op (goal) | moto × no-op | × own SSE-S3 (goal 0.85) |
| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- | --- |
${lines.join('\n')}

Measured ${result.date.slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (\`scripts/bench-server.mts ${ROUNDS}\`): ${ROUNDS} interleaved rounds, Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average at the end ${machine.loadavg.join(' ')}. Request rates are medians with the range over the rounds in brackets; ratios are taken within each round, then their median and range.
<!-- bench-server:end -->`
  const doc = 'docs/benchmarks.md'
  const text = readFileSync(doc, 'utf8')
  writeFileSync(
    doc,
    text.includes('<!-- bench-server:start -->')
      ? text.replace(/<!-- bench-server:start -->[\s\S]*<!-- bench-server:end -->/, section)
      : `${text.trimEnd()}\n\n## The Node server against moto and a no-op server\n\n${section}\n`,
  )
}
