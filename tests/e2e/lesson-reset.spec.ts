/**
 * "Reset this lesson" after a workshop preset goes back to the preset's scenario (not to an empty playground) and
 * clears the lesson's ticks. (The preset's SSE-C key file does not come back: secrets are never kept, checkpoints
 * included, so the first step's "you have a key file" is unmet again until the learner makes a new key.)
 */
import { expect, test } from '@playwright/test'
import { runAll } from './panels'
import { typeCommand, waitForPlayground } from './terminal'

test('a reset after a preset keeps the preset and resets the ticks', async ({ page }) => {
  await page.goto('/learn/sse-c/?preset=blocked-bucket')
  await waitForPlayground(page)
  await expect(page.getByTestId('preset-notice')).toContainText('is ready')
  await expect(page.getByTestId('lesson-reset')).toHaveAttribute('data-ready', 'true')

  // Work through the next step, and make something of our own.
  const unblock = page.locator('section[data-step="unblock"]')
  await unblock.getByRole('button', { name: 'Show the solution' }).click()
  await unblock.getByRole('button', { name: /^Run the solution/ }).click()
  await expect(unblock).toHaveAttribute('data-done', 'true', { timeout: 30_000 })
  await runAll(page, ['aws s3 mb s3://made-after-the-preset'])

  await page.getByRole('button', { name: 'Reset this lesson' }).click()
  await page.getByRole('button', { name: 'Yes, reset the lesson' }).click()
  await expect(page.getByTestId('lesson-reset').getByRole('status')).toContainText('back to where it started')

  const listed = await typeCommand(page, 'aws s3 ls')
  expect(listed).toContain('ssec-demo-bucket')
  expect(listed).not.toContain('made-after-the-preset')
  // The preset's files come back, except the key: secrets are never kept, not even in a checkpoint.
  expect(await typeCommand(page, 'ls')).toContain('secret.txt')
  await expect(unblock).not.toHaveAttribute('data-done', 'true')
})
