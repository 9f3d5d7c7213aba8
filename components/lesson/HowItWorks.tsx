import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ReactNode } from 'react'
import { DEMO_STEPS, DEMO_TITLES } from '@/lib/lessons/demo-steps'
import type { DemoMode } from '@/lib/lessons/types'
import { ModeDemo } from './ModeDemo'
import { excerpt } from './Source'

/**
 * "How it works": the mode's implementation, read from the emulator's source (`<Source>` inside), and a
 * demo that runs the same functions on real bytes, step by step, each step with the code it calls (read
 * here, at build time). `<HowItWorks>` in the MDX; the lesson page passes the spec's `demo` mode.
 */
export function HowItWorks({ children, mode }: { children?: ReactNode; mode?: DemoMode }) {
  const steps = mode
    ? DEMO_STEPS[mode].map((s) => ({
        ...s,
        code: excerpt(readFileSync(join(process.cwd(), s.source.path), 'utf8'), s.source.name, s.source.path),
      }))
    : []
  return (
    <section aria-labelledby="how-it-works" className="my-8" data-testid="how-it-works">
      <h2 id="how-it-works">How it works</h2>
      {children}
      {mode && <ModeDemo mode={mode} title={DEMO_TITLES[mode]} steps={steps} />}
    </section>
  )
}
