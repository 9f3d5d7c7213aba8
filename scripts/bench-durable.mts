/**
 * `npx tsx scripts/bench-durable.mts [rounds]`: the emulator's Node server with `--data-dir` (every change
 * fsynced before it is answered, docs/persistence.md) against the same server in memory, driven by one
 * @aws-sdk/client-s3 client: PutObject of 4 KiB, SSE-S3 and SSE-KMS, one at a time and 8 in flight. The
 * rounds interleave the two servers (rotating which goes first) and ratios are taken within a round, so a
 * change in machine load hits both alike. The data folder is in os.tmpdir(), on whatever disk holds it.
 * Writes .bench/durable.json and the table between the bench-durable markers in docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { agent, clientFor, waitForPort } from './bench/local-servers'

const ROUNDS = Number(process.argv[2] ?? 5)
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3281)
const SIZE = 4 * 1024
const CELLS = [
  { sse: 'SSE-S3', concurrency: 1 },
  { sse: 'SSE-S3', concurrency: 8 },
  { sse: 'SSE-KMS', concurrency: 1 },
  { sse: 'SSE-KMS', concurrency: 8 },
] as const
type Cell = (typeof CELLS)[number]
const requestsFor = (cell: Cell) => (cell.concurrency > 1 ? 400 : 150)
const GOAL = 0.5

const root = mkdtempSync(join(tmpdir(), 'bench-durable-'))
const targets = [
  { name: 'memory', port: BASE_PORT, args: [] as string[] },
  { name: 'durable', port: BASE_PORT + 1, args: ['--data-dir', join(root, 'data')] },
].map((t) => ({ ...t, process: undefined as ChildProcess | undefined }))

const body = crypto.getRandomValues(new Uint8Array(SIZE))
const BUCKET = 'bench-bucket'
let serial = 0

/** Requests per second for `n` PUTs of new keys, `concurrency` in flight. */
async function batch(client: S3Client, cell: Cell, n: number): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next++ < n)
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `${cell.sse}/${serial++}`,
          Body: body,
          ServerSideEncryption: cell.sse === 'SSE-S3' ? 'AES256' : 'aws:kms',
        }),
      )
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: cell.concurrency }, worker))
  return n / ((performance.now() - started) / 1000)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
const cellId = (c: Cell) => `PutObject 4 KiB ${c.sse} ×${c.concurrency}`

const started = Date.now()
try {
  for (const t of targets) {
    t.process = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/emulator.mts', '--port', String(t.port), ...t.args],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    await waitForPort(t.port, t.process)
  }
  const clients = new Map(targets.map((t) => [t.name, clientFor(t.port)]))
  for (const client of clients.values()) {
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
    for (const cell of CELLS) await batch(client, cell, 20) // warm-up: JIT, the aws/s3 KMS key
  }
  const rates = new Map<string, Map<string, number[]>>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const cell of CELLS) {
      const order = round % 2 ? [...targets].reverse() : targets
      for (const t of order) {
        const rate = await batch(clients.get(t.name)!, cell, requestsFor(cell))
        const row = rates.get(cellId(cell)) ?? new Map<string, number[]>()
        rates.set(cellId(cell), row.set(t.name, [...(row.get(t.name) ?? []), rate]))
      }
    }
    console.error(`round ${round + 1}/${ROUNDS} done (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  }
  report(rates)
} finally {
  for (const t of targets) t.process?.kill('SIGINT')
  agent.destroy()
  rmSync(root, { recursive: true, force: true })
}

function report(rates: Map<string, Map<string, number[]>>): void {
  const rows = CELLS.map((cell) => {
    const row = rates.get(cellId(cell))!
    const memory = row.get('memory')!
    const durable = row.get('durable')!
    const ratios = durable.map((d, i) => d / memory[i]!)
    return {
      ...cell,
      memory,
      durable,
      ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) },
    }
  })
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadavg: loadavg().map((x) => +x.toFixed(2)),
  }
  const result = { date: new Date().toISOString(), rounds: ROUNDS, machine, rows }
  mkdirSync('.bench', { recursive: true })
  writeFileSync('.bench/durable.json', JSON.stringify(result, null, 2))
  const f = (x: number, d = 0) => x.toFixed(d)
  const span = (xs: number[]) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`
  const lines = rows.map(
    (r) =>
      `| PutObject | 4 KiB | ${r.sse} | ${r.concurrency} | ${span(r.memory)} | ${span(r.durable)} | **${f(r.ratio.median, 2)}** (${f(r.ratio.min, 2)}–${f(r.ratio.max, 2)})${r.concurrency === 8 ? ` ≥ ${GOAL}: ${r.ratio.median >= GOAL ? 'met' : '**missed**'}` : ''} |`,
  )
  const section = `<!-- bench-durable:start -->
| op | size | SSE | in flight | memory req/s | --data-dir req/s | durable × memory |
| --- | ---: | --- | ---: | ---: | ---: | --- |
${lines.join('\n')}

Measured ${result.date.slice(0, 16).replace('T', ' ')} UTC with \`scripts/bench-durable.mts ${ROUNDS}\` (part of \`npm run bench\`): ${ROUNDS} interleaved rounds of ${requestsFor(CELLS[0])} (one in flight) or ${requestsFor(CELLS[1])} (8 in flight) PUTs of new keys, Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average at the end ${machine.loadavg.join(' ')}. Rates are medians with the range over the rounds; ratios are taken within each round.
<!-- bench-durable:end -->`
  const doc = 'docs/benchmarks.md'
  const text = readFileSync(doc, 'utf8')
  writeFileSync(
    doc,
    text.includes('<!-- bench-durable:start -->')
      ? text.replace(/<!-- bench-durable:start -->[\s\S]*<!-- bench-durable:end -->/, section)
      : `${text.trimEnd()}\n\n## --data-dir (durable) against memory\n\n${section}\n`,
  )
  console.log(`wrote .bench/durable.json and docs/benchmarks.md (${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
