import type { TraceStep } from '@/lib/trace/trace'

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0))

/**
 * The emulator's own steps for one exchange (S3 → KMS GenerateDataKey → AES-GCM encrypt → store), nested,
 * each with when it started and how long it took, and a bar on the request's time line.
 */
export function TraceView({ steps }: { steps: TraceStep[] }) {
  const total = Math.max(steps[0]?.ms ?? 0, 0.001)
  return (
    <div data-testid="trace">
      <h4 className="mt-2 text-xs font-semibold uppercase tracking-wide text-[var(--muted)]">Server-side trace</h4>
      <table className="w-full table-fixed font-mono text-xs">
        <caption className="sr-only">
          The emulator&apos;s steps for this request, with start time and duration in milliseconds
        </caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Time line</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr
              key={i}
              data-testid="trace-step"
              data-depth={s.depth}
              className={s.failed ? 'text-red-700 dark:text-red-300' : ''}
            >
              <th
                scope="row"
                className="w-3/5 py-0.5 pr-2 text-left align-top font-normal"
                style={{ paddingLeft: `${s.depth * 0.9}rem` }}
              >
                <span className={s.depth === 0 ? 'font-semibold' : ''}>{s.name}</span>
                {s.failed && <span> (failed)</span>}
                {s.detail && <span className="block break-all text-[var(--muted)]">{s.detail}</span>}
              </th>
              <td className="py-0.5 align-top" aria-label={`starts at ${ms(s.start)} ms`}>
                <span className="relative block h-2 rounded bg-[var(--panel)]">
                  <span
                    className={`absolute top-0 h-2 rounded ${s.failed ? 'bg-red-700 dark:bg-red-300' : 'bg-[var(--accent)]'}`}
                    style={{ left: `${(s.start / total) * 100}%`, width: `max(2px, ${(s.ms / total) * 100}%)` }}
                  />
                </span>
              </td>
              <td className="w-20 py-0.5 text-right align-top">{s.ms === 0 ? '·' : `${ms(s.ms)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
