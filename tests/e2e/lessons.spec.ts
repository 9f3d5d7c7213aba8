/**
 * Every lesson, run in Chromium the way a learner runs it: each Run button in order. Blocks that begin
 * with `# expect: failure` must fail; every other command must succeed (exit code 0).
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { lastOutput, runs, waitForPlayground } from './terminal'

const slugs = readdirSync(join(process.cwd(), 'content', 'learn'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''))

for (const slug of slugs) {
  test(`lesson ${slug}: every Run button works`, async ({ page }) => {
    await page.goto(`/learn/${slug}/`)
    await waitForPlayground(page)
    const buttons = page.getByRole('button', { name: /^Run in the terminal/ })
    const count = await buttons.count()
    expect(count).toBeGreaterThan(0)
    // Long lessons run 30+ commands, each a real round trip through the page: budget per Run button.
    test.setTimeout(30_000 + count * 6_000)
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i)
      const code = (await button.locator('xpath=ancestor::div[2]//pre').innerText()).trim()
      const commands = code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))
      const before = await runs(page)
      await button.click()
      // A block with several commands runs them one after another; wait for the last.
      const out = await lastOutput(page, before + commands.length)
      if (code.startsWith('# expect: failure')) expect(out, `block ${i + 1} should fail`).not.toContain('exit code 0')
      else expect(out, `block ${i + 1}: ${commands.at(-1)}`).toContain('exit code 0')
    }
  })
}
