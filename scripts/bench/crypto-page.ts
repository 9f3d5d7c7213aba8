/** The page side of `npm run bench:crypto -- --browser`: memory probe and log through functions the runner exposes. */
import { runCryptoBench, runMemoryScenarios, type MemoryProbe } from './crypto-bench'

interface Exposed {
  probeReset(): Promise<void>
  probeRead(): Promise<{ rss: number; peak: number }>
  benchLog(line: string): Promise<void>
}

export type PageRequest =
  { kind: 'throughput'; sizes: number[]; rounds: number; only?: string } | { kind: 'memory'; bytes: number }

export function benchPage(request: PageRequest) {
  const g = globalThis as unknown as Exposed
  const probe: MemoryProbe = { reset: () => g.probeReset(), read: () => g.probeRead() }
  const log = (line: string) => void g.benchLog(line)
  if (request.kind === 'memory') return runMemoryScenarios(request.bytes, probe, log)
  return runCryptoBench({
    sizes: request.sizes,
    rounds: request.rounds,
    probe,
    log,
    ...(request.only ? { only: request.only } : {}),
  })
}
