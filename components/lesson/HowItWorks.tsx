import type { ReactNode } from 'react'

/**
 * "How it works": the mode's implementation, read from the emulator's source (`<Source>` inside), and a
 * demo that runs the same functions on real bytes. `<HowItWorks>` in the MDX; the lesson's spec names the demo.
 */
export function HowItWorks({ children }: { children?: ReactNode }) {
  return (
    <section aria-labelledby="how-it-works" className="my-8" data-testid="how-it-works">
      <h2 id="how-it-works">How it works</h2>
      {children}
    </section>
  )
}
