'use client'

import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { HeaderInfo } from '@/lib/inspector/encryption-headers'

type Place = { left: number; top: number; above: boolean }

const WIDTH = 300

/**
 * A term with its explanation, shown while the term is hovered or focused; Tab moves into the explanation's
 * lesson link, Escape hides it. It is fixed-positioned so the inspector's scrolling panes never clip it, and
 * stays in the DOM beside the term, so it is the term's accessible description and next in the tab order.
 */
export function Explained({ info, children }: { info: HeaderInfo; children: ReactNode }) {
  const id = useId()
  const box = useRef<HTMLSpanElement>(null)
  const term = useRef<HTMLSpanElement>(null)
  const [place, setPlace] = useState<Place>()
  const show = () => {
    const r = term.current!.getBoundingClientRect()
    const above = r.bottom + 180 > window.innerHeight
    setPlace({
      left: Math.max(4, Math.min(r.left, window.innerWidth - WIDTH - 8)),
      top: above ? r.top : r.bottom,
      above,
    })
  }
  const hide = () => setPlace(undefined)

  // A fixed tooltip would drift from its term when anything scrolls: hide it instead.
  useEffect(() => {
    if (!place) return
    window.addEventListener('scroll', hide, true)
    return () => window.removeEventListener('scroll', hide, true)
  }, [place])

  return (
    <span
      ref={box}
      className="inline"
      onMouseEnter={show}
      onMouseLeave={() => !box.current?.contains(document.activeElement) && hide()}
      onFocus={show}
      onBlur={(e) => !box.current?.contains(e.relatedTarget as Node | null) && hide()}
      onKeyDown={(e) => e.key === 'Escape' && hide()}
    >
      <span
        ref={term}
        tabIndex={0}
        aria-describedby={id}
        data-explained="true"
        className="cursor-help underline decoration-dotted underline-offset-2"
      >
        {children}
      </span>
      <span
        role="tooltip"
        id={id}
        style={
          place
            ? {
                left: place.left,
                top: place.top,
                transform: place.above ? 'translateY(-100%)' : undefined,
                width: WIDTH,
              }
            : { left: 0, top: 0, width: WIDTH }
        }
        className={`${place ? 'visible' : 'invisible'} fixed z-50 block whitespace-normal rounded border border-[var(--border)] bg-[var(--bg)] p-2 text-left font-sans text-xs font-normal text-[var(--fg)] shadow-lg`}
      >
        {info.meaning}
        {info.values && (
          <span className="mt-1 block">
            <strong>Values:</strong> {info.values}
          </span>
        )}
        {info.lesson && (
          <a href={info.lesson} className="mt-1 block text-[var(--accent)] underline">
            The lesson on this
          </a>
        )}
      </span>
    </span>
  )
}
