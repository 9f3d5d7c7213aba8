/**
 * Nothing is lost on reload (issue 15, item 3), in Chromium on the static build. Commands run one after
 * another, and the page is reloaded at seeded random instants: either as soon as the command's output is on
 * the screen (an observer in the page, plus 0-40 ms), or at a random instant 0-80 ms after Enter, during or
 * after the command. Every command whose output was on the screen when the reload began must be there after
 * it: its bucket (emulator state) or its file (terminal session).
 */
import { expect, test, type Page } from '@playwright/test'
import { typeCommand, waitForPlayground } from './terminal'

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SEED = Number(process.env.DURABILITY_SEED ?? 15)
const COMMANDS = 12

/** In the page: reload when `marker` shows (after `delayMs`), or after `delayMs` whatever shows; notes whether it had shown. */
async function armReload(page: Page, i: number, marker: string, mode: 'on-output' | 'at-random', delayMs: number) {
  await page.evaluate(
    ({ i, marker, mode, delayMs }) => {
      // Looked up each time: the terminal may have been drawn again since.
      const shown = () =>
        (document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent ?? '')
          .replace(/\u00a0/g, ' ')
          .includes(marker)
      const reload = () => {
        sessionStorage.setItem(`durability-${i}`, shown() ? 'shown' : 'not shown')
        location.reload()
      }
      // The observer arms on Enter (a keydown), so the marker cannot match before the command runs.
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Enter') return
        document.removeEventListener('keydown', onKey, { capture: true })
        if (mode === 'at-random') return void setTimeout(reload, delayMs)
        const observer = new MutationObserver(() => {
          if (!shown()) return
          observer.disconnect()
          setTimeout(reload, delayMs)
        })
        observer.observe(document.body, { subtree: true, childList: true, characterData: true })
      }
      document.addEventListener('keydown', onKey, { capture: true })
    },
    { i, marker, mode, delayMs },
  )
}

test(`reloads at random instants (seed ${SEED}) lose no command whose output was shown`, async ({ page }) => {
  test.setTimeout(180_000)
  const next = random(SEED)
  await page.goto('/playground/')
  await waitForPlayground(page)
  const plan: { i: number; kind: 'bucket' | 'file'; mode: 'on-output' | 'at-random'; delayMs: number }[] = []
  for (let i = 0; i < COMMANDS; i++) {
    const kind = next() < 0.5 ? 'bucket' : 'file'
    const mode = next() < 0.6 ? 'on-output' : 'at-random'
    const delayMs = Math.floor(mode === 'on-output' ? next() * 40 : next() * 80)
    plan.push({ i, kind, mode, delayMs })
    // The marker is what the command prints, never what was typed (the quotes keep it out of the echo).
    const command =
      kind === 'bucket' ? `aws s3 mb s3://durable-${i}` : `echo kept > kept-${i}.txt && echo wrote-"kept-${i}"`
    const marker = kind === 'bucket' ? `make_bucket: durable-${i}` : `wrote-kept-${i}`
    await armReload(page, i, marker, mode, delayMs)
    await page.locator('[data-testid="terminal"]').click()
    await page.keyboard.type(command, { delay: 1 })
    const loaded = page.waitForEvent('load', { timeout: 30_000 })
    await page.keyboard.press('Enter')
    await loaded
    await waitForPlayground(page)
  }
  const seen = await page.evaluate((n) => {
    const out: string[] = []
    for (let i = 0; i < n; i++) out.push(sessionStorage.getItem(`durability-${i}`) ?? 'unknown')
    return out
  }, COMMANDS)
  console.log('[durability]', JSON.stringify(plan.map((p, i) => ({ ...p, seen: seen[i] }))))
  expect(seen.filter((s) => s === 'shown').length, 'reloads right after the output').toBeGreaterThanOrEqual(3)

  const buckets = await typeCommand(page, 'aws s3 ls')
  const files = await typeCommand(page, 'ls')
  for (const { i, kind } of plan) {
    if (seen[i] !== 'shown') continue
    if (kind === 'bucket') expect(buckets, `bucket of command ${i}`).toContain(`durable-${i}`)
    else expect(files, `file of command ${i}`).toContain(`kept-${i}.txt`)
  }
})
