/** The markdown tables of `npm run bench:crypto` (docs/benchmarks.md, between the bench-crypto markers). */
import { label, MiB, type BenchRow, type RunResult } from './crypto-bench'

/** Issue 5's goals: single-layer at-rest paths and CSE at >= 0.9x raw WebCrypto from 1 MiB, >= 0.8x at 64 KiB. */
const goalFor = (bytes: number) => (bytes >= MiB ? 0.9 : 0.8)

function verdict(rows: BenchRow[]): string {
  const first = rows[0]!
  if (first.via === 'webcrypto') return '(baseline)'
  if (first.path === 'DSSE-KMS') return 'no goal (two layers)'
  if (first.via === 'handle()') return 'no goal (adds S3 checksums)'
  const misses = rows.filter((r) => r.ratio < goalFor(r.bytes))
  if (misses.length === 0) return 'met'
  return `missed at ${misses.map((r) => `${label(r.bytes)} (${r.ratio.toFixed(2)})`).join(', ')}`
}

export function renderCryptoTables(results: RunResult[]): string {
  const out: string[] = []
  for (const result of results) {
    const sizes = result.sizes
    const note = (result as RunResult & { note?: string }).note
    out.push(
      `**${result.runtime}**, ${result.date.slice(0, 10)}, ${note ? `${note} ` : ''}rounds: ${result.rounds} (3 at 64 MiB, 1 at 512 MiB), load average at the end ${result.loadAverage.map((l) => l.toFixed(1)).join(' ')}. Cells: MB/s (× raw WebCrypto AES-GCM, same operation and size); last columns: peak resident growth at the largest size over the object size, and the goal.`,
    )
    out.push('')
    out.push(`| path | via | op | ${sizes.map(label).join(' | ')} | peak mem | goal |`)
    out.push(`| --- | --- | --- | ${sizes.map(() => '---:').join(' | ')} | ---: | --- |`)
    const keys = [...new Set(result.rows.map((r) => `${r.via}\u0000${r.path}\u0000${r.op}`))]
    for (const k of keys) {
      const [via, path, op] = k.split('\u0000')
      const rows = result.rows.filter((r) => r.via === via && r.path === path && r.op === op)
      const cell = (bytes: number) => {
        const r = rows.find((x) => x.bytes === bytes)
        if (!r) return '–'
        return via === 'webcrypto' ? `${r.MBps}` : `${r.MBps} (${r.ratio.toFixed(2)})`
      }
      const last = rows.find((r) => r.bytes === Math.max(...sizes))
      out.push(
        `| ${path} | ${via} | ${op} | ${sizes.map(cell).join(' | ')} | ${last ? `${last.peakGrowthPerObject}×` : '–'} | ${verdict(rows)} |`,
      )
    }
    out.push('')
    if (result.memory.length > 0) {
      const goal = (scenario: string) =>
        scenario.includes('handle()') ? (scenario.startsWith('File') ? ' (goal ≤ 0.6×)' : ' (goal ≤ 1.1×)') : ''
      out.push(
        `Memory for one ${label(result.memory[0]!.bytes)} object (${result.runtime}): resident growth over the object size, the plaintext made before the baseline.`,
      )
      out.push('')
      out.push('| scenario | peak | kept after |')
      out.push('| --- | ---: | ---: |')
      for (const m of result.memory)
        out.push(`| ${m.scenario}${goal(m.scenario)} | ${m.peakGrowth}× | ${m.keptGrowth}× |`)
      out.push('')
    }
  }
  return out.join('\n').trimEnd()
}
