/**
 * The emulator's clock: real (or injected) time plus an offset the playground can move forward, so a lesson
 * can show a key deletion completing or an automatic rotation happening without waiting days.
 */
export class SimulatedClock {
  private offsetMs = 0

  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs)
  }

  /** Moves simulated time forward (never back: CloudTrail and key dates must not run backwards). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward')
    this.offsetMs += ms
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000)
  }

  /** How far simulated time is ahead of the base clock (kept in snapshots). */
  get offset(): number {
    return this.offsetMs
  }

  /** Restores a saved offset. */
  setOffset(ms: number): void {
    this.offsetMs = Math.max(0, ms)
  }
}
