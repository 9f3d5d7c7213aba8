import type { PolicyEntry } from '@/lib/inspector/decision-log'

const TONE = {
  Allow: 'bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100',
  Deny: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
}

/** One request's bucket-policy decision(s): the verdict, the reason, and on demand every statement's checks and the keys seen. */
export function PolicyDecisionView({ entry }: { entry: PolicyEntry }) {
  return (
    <div className="space-y-1 text-xs" data-testid="policy-decision">
      {entry.decisions.map((d, i) => (
        <div key={i}>
          <p>
            <span className={`mr-1 rounded px-1.5 font-semibold ${TONE[d.decision]}`}>{d.decision}</span>
            {d.reason}
          </p>
          <details className="mt-0.5">
            <summary className="cursor-pointer text-[var(--muted)]">
              Why: every statement, and the condition keys the request carried
            </summary>
            <ol className="ml-4 list-decimal">
              {d.statements.map((s) => (
                <li key={s.index} className={s.applies ? 'font-semibold' : ''}>
                  {s.sid ? `"${s.sid}"` : `Statement ${s.index + 1}`} ({s.effect}){' '}
                  {s.applies ? 'applies' : 'does not apply'}
                  <ul className="font-normal">
                    {s.checks.map((c, j) => (
                      <li key={j} className="font-mono">
                        {c}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            <p className="mt-1 break-all font-mono text-[var(--muted)]">
              {Object.entries(d.context)
                .map(([k, v]) => `${k}=${v.join(',')}`)
                .join('  ') || 'no condition keys'}
            </p>
          </details>
        </div>
      ))}
    </div>
  )
}
