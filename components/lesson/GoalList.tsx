import type { GoalResult } from '@/lib/lessons/goals'
import { goalLabel } from '@/lib/lessons/goal-labels'
import type { Goal } from '@/lib/lessons/types'

/** A step's goals, ticked live; before the emulator runs, the labels alone (from the spec). */
export function GoalList({ goals, results, done }: { goals: Goal[]; results?: GoalResult[]; done: boolean }) {
  // A step stays done once its goals were met; if the playground changed since, say so rather than "not met yet".
  const changed = done && results?.some((r) => !r.met)
  return (
    <div>
      <p className="text-xs font-bold uppercase tracking-wide">
        Goals
        {done && (
          <span className="ml-2 normal-case text-green-700 dark:text-green-400" data-testid="step-done">
            {changed ? 'step done earlier; the playground has changed since' : 'step done'}
          </span>
        )}
      </p>
      <ul className="mt-1 space-y-1 text-sm" aria-live="polite">
        {goals.map((g, i) => {
          const r = results?.[i]
          return (
            <li key={i} data-goal data-met={r?.met ? 'true' : 'false'} className="flex gap-2">
              <span
                aria-hidden="true"
                className={r?.met ? 'text-green-700 dark:text-green-400' : 'text-[var(--muted)]'}
              >
                {r?.met ? '☑' : '☐'}
              </span>
              <span>
                {r?.label ?? goalLabel(g)}
                <span className="sr-only">{r?.met ? ': met' : done ? ': met earlier, not now' : ': not met yet'}</span>
                {r && !r.met && r.detail && (
                  <span className="text-[var(--muted)]"> ({done ? `met earlier; now ${r.detail}` : r.detail})</span>
                )}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
