'use client'

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-[var(--border)] px-2 py-1 text-sm print:hidden"
    >
      Print this page
    </button>
  )
}
