import { describe, expect, it } from 'vitest'
import { runWithTimeout, timeoutMessage } from '@/lib/scratchpad/timeout'

const never = () => new Promise<void>(() => {})

describe('scratchpad timeout', () => {
  it('terminates a run that does not finish in time and says so', async () => {
    let terminated = 0
    const outcome = await runWithTimeout({ done: never(), terminate: () => terminated++ }, 50)
    expect(outcome.kind).toBe('timed-out')
    expect(outcome.ms).toBeGreaterThanOrEqual(45)
    expect(terminated).toBe(1)
    expect(timeoutMessage(10_000)).toMatch(/^Stopped after 10 s: the program was still running .*terminated/)
  })

  it('leaves a run that finishes alone', async () => {
    let terminated = 0
    const outcome = await runWithTimeout(
      { done: new Promise((r) => setTimeout(r, 5)), terminate: () => terminated++ },
      1000,
    )
    expect(outcome.kind).toBe('finished')
    expect(terminated).toBe(0)
  })

  it('reports a failed run with its error', async () => {
    const outcome = await runWithTimeout(
      { done: Promise.reject(new Error('Uncaught boom')), terminate: () => {} },
      1000,
    )
    expect(outcome).toMatchObject({ kind: 'failed', error: 'Uncaught boom' })
  })
})
