/** Helpers to drive the playground terminal as a person would, and read what it printed. */
import { expect, type Page } from '@playwright/test'

export async function waitForPlayground(page: Page) {
  await expect(page.locator('[data-testid="playground"][data-ready="true"]')).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('[data-testid="terminal"] .xterm-rows')).toBeVisible()
}

export const runs = async (page: Page) =>
  Number((await page.locator('[data-testid="terminal"]').getAttribute('data-runs')) ?? 0)

/** Waits until `count` commands have finished, then returns what the last one printed (the live log). */
export async function lastOutput(page: Page, count: number): Promise<string> {
  await expect.poll(() => runs(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(count)
  return (await page.locator('[data-testid="terminal-log"]').textContent()) ?? ''
}

/** Types a command into the terminal with the keyboard and presses Enter; returns its output. */
export async function typeCommand(page: Page, command: string): Promise<string> {
  const before = await runs(page)
  await page.locator('[data-testid="terminal"]').click()
  await page.keyboard.type(command, { delay: 2 })
  await page.keyboard.press('Enter')
  return lastOutput(page, before + 1)
}

/** The text on the terminal's screen right now. */
export async function screenText(page: Page): Promise<string> {
  return ((await page.locator('[data-testid="terminal"] .xterm-rows').innerText()) ?? '').replace(/\u00a0/g, ' ')
}
