'use client'

import { useId, useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react'
import { useMediaQuery, useStoredNumber } from './use-browser-state'

interface Props {
  /** Remembers the size under this name. */
  id: string
  /** 'row': side by side, 'column': one above the other. */
  direction: 'row' | 'column'
  /** The first pane's share, in percent. */
  initial: number
  min?: number
  max?: number
  label: string
  first: ReactNode
  second: ReactNode
  className?: string
  /** Below this media query the panes stack at these heights, with no splitter (phones, narrow windows). */
  wide?: string
  stacked?: [string, string]
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n))

/** Two panes and a splitter you can drag or move with the arrow keys (Shift: bigger steps, Home/End: limits). */
export function SplitPane({
  id,
  direction,
  initial,
  min = 15,
  max = 85,
  label,
  first,
  second,
  className = '',
  wide,
  stacked,
}: Props) {
  const [size, setSize] = useStoredNumber(`split:${id}`, initial)
  const isWide = useMediaQuery(wide ?? '(min-width: 0px)')
  const box = useRef<HTMLDivElement>(null)
  const firstId = useId()
  const value = clamp(size, min, max)
  const row = direction === 'row'

  if (!isWide && stacked) {
    return (
      <div className={`flex flex-col gap-2 ${className}`}>
        <div className={`min-h-0 ${stacked[0]}`}>{first}</div>
        <div className={`min-h-0 ${stacked[1]}`}>{second}</div>
      </div>
    )
  }

  const onKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 10 : 2
    const moves: Record<string, number> = row
      ? { ArrowLeft: -step, ArrowRight: step }
      : { ArrowUp: -step, ArrowDown: step }
    if (e.key in moves) setSize(clamp(value + moves[e.key]!, min, max))
    else if (e.key === 'Home') setSize(min)
    else if (e.key === 'End') setSize(max)
    else return
    e.preventDefault()
  }
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId)
    e.currentTarget.focus()
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!e.currentTarget.hasPointerCapture(e.pointerId) || !box.current) return
    const r = box.current.getBoundingClientRect()
    const at = row ? (e.clientX - r.left) / r.width : (e.clientY - r.top) / r.height
    setSize(Math.round(clamp(at * 100, min, max)))
  }

  return (
    <div ref={box} className={`flex min-h-0 min-w-0 ${row ? 'flex-row' : 'flex-col'} ${className}`}>
      <div id={firstId} className="min-h-0 min-w-0 overflow-hidden" style={{ flex: `0 0 calc(${value}% - 0.375rem)` }}>
        {first}
      </div>
      <div
        role="separator"
        tabIndex={0}
        aria-label={label}
        aria-controls={firstId}
        aria-orientation={row ? 'vertical' : 'horizontal'}
        aria-valuenow={value}
        aria-valuemin={min}
        aria-valuemax={max}
        onKeyDown={onKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        className={`group flex shrink-0 touch-none items-center justify-center ${row ? 'w-3 cursor-col-resize' : 'h-3 cursor-row-resize'}`}
      >
        <span
          className={`rounded bg-[var(--border)] group-hover:bg-[var(--accent)] group-focus-visible:bg-[var(--accent)] ${row ? 'h-10 w-1' : 'h-1 w-10'}`}
        />
      </div>
      <div className="min-h-0 min-w-0 flex-1 overflow-hidden">{second}</div>
    </div>
  )
}
