/**
 * The two AWS tutorials, completed through the UI as a new learner would: each step's Run buttons, the
 * goals ticking against the emulator, the step marked done, and the progress shown on the course map.
 */
import { expect, test, type Page } from '@playwright/test'
import { lastOutput, runs, waitForPlayground } from './terminal'

async function runStep(page: Page, id: string) {
  const step = page.locator(`section[data-step="${id}"]`)
  const buttons = step.getByRole('button', { name: /^Run in the terminal/ })
  const count = await buttons.count()
  expect(count, `step ${id} has commands`).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) {
    const code = (await buttons.nth(i).locator('xpath=ancestor::div[2]//pre').innerText()).trim()
    const commands = code.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))
    const before = await runs(page)
    await buttons.nth(i).click()
    const out = await lastOutput(page, before + commands.length)
    if (!code.startsWith('# expect: failure')) expect(out, `${id}: ${commands.at(-1)}`).toContain('exit code 0')
  }
  // Every goal ticks, and the step is recorded as done.
  await expect(step.locator('[data-goal][data-met="false"]')).toHaveCount(0)
  await expect(step).toHaveAttribute('data-done', 'true')
}

for (const [slug, steps] of [
  ['default-encryption', ['create-bucket', 'upload', 'check', 'download', 'bucket-default']],
  [
    'default-sse-kms',
    ['before', 'create-key', 'set-default', 'check-setting', 'existing-objects', 're-encrypt', 'audit'],
  ],
] as const) {
  test(`a new learner completes ${slug} through the UI, goals ticking`, async ({ page }) => {
    await page.goto(`/learn/${slug}/`)
    await waitForPlayground(page)
    await expect(page.getByRole('heading', { name: 'You will learn' })).toBeVisible()
    const first = page.locator(`section[data-step="${steps[0]}"]`)
    await expect(first.locator('[data-goal][data-met="false"]').first()).toBeVisible()
    for (const id of steps) await runStep(page, id)

    // The quiz: a wrong answer explains, the right one counts.
    const quiz = page.getByTestId('quiz')
    const q = quiz.locator('li[data-question]').first()
    await q.getByRole('radio').first().check()
    await expect(q.locator('[data-verdict]')).toBeVisible()

    // The course map shows every step done, also after a reload.
    await page.goto('/learn/')
    await expect(page.locator(`li[data-lesson="${slug}"]`)).toHaveAttribute('data-state', 'complete')
    await expect(page.locator(`li[data-lesson="${slug}"] [data-testid="lesson-progress"]`)).toContainText(
      `${steps.length}/${steps.length} steps`,
    )
  })
}
