import type { ReactNode } from 'react'

const STYLES = {
  note: { label: 'Note', cls: 'border-sky-500 bg-sky-500/10' },
  pitfall: { label: 'Pitfall', cls: 'border-red-500 bg-red-500/10' },
  aws: { label: 'On real AWS', cls: 'border-amber-500 bg-amber-500/10' },
} as const

/** A side remark in a lesson: a note, a pitfall, or how real AWS differs from what you see here. */
export function Note({ kind = 'note', children }: { kind?: keyof typeof STYLES; children: ReactNode }) {
  const s = STYLES[kind]
  return (
    <aside className={`my-4 border-l-4 px-4 py-2 ${s.cls}`}>
      <p className="text-xs font-bold uppercase tracking-wide">{s.label}</p>
      <div>{children}</div>
    </aside>
  )
}
