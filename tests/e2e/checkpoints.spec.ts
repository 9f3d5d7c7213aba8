/**
 * Checkpoints for live demos, driven from the keyboard as a presenter would, and "Reset this lesson",
 * which goes back to the automatic checkpoint taken when the lesson was first opened.
 */
import { expect, test } from '@playwright/test'
import { typeCommand, waitForPlayground } from './terminal'
import { runAll, saveCount, savedAfter, shot } from './panels'

test('save a checkpoint from the keyboard, change things, restore it, delete it', async ({ page }, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, ['aws s3 mb s3://demo-start', 'echo "step one" > step.txt'])

  await page.keyboard.press('Alt+Shift+C')
  const menu = page.getByRole('region', { name: 'Checkpoints' })
  await expect(menu.getByLabel('Checkpoint name')).toBeFocused()
  await page.keyboard.type('Before step two')
  await page.keyboard.press('Enter')
  await expect(menu.getByRole('status')).toContainText('Saved checkpoint “Before step two”')
  await expect(menu.getByTestId('checkpoint')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(page.getByRole('button', { name: /^Checkpoints/ })).toBeFocused()

  await runAll(page, ['aws s3 mb s3://demo-later', 'echo "step two" > step.txt'])
  await page.getByRole('button', { name: /^Checkpoints/ }).click()
  await shot(page, testInfo, 'checkpoints-menu')
  await menu.getByRole('button', { name: 'Restore Before step two' }).click()
  await expect(menu.getByRole('status')).toContainText('Restored “Before step two”')
  expect(await typeCommand(page, 'aws s3 ls && cat step.txt')).toMatch(
    /demo-start\n(?![\s\S]*demo-later)[\s\S]*step one/,
  )

  // Checkpoints survive a reload (IndexedDB), and can be deleted.
  await page.reload()
  await waitForPlayground(page)
  await page.getByRole('button', { name: /^Checkpoints \(1\)/ }).click()
  await menu.getByRole('button', { name: 'Delete Before step two' }).click()
  await expect(menu.getByTestId('checkpoint')).toHaveCount(0)
})

test('reset this lesson goes back to where the lesson started', async ({ page }) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const before = await saveCount(page)
  await runAll(page, ['aws s3 mb s3://made-before-the-lesson'])
  await savedAfter(page, before)
  await page.goto('/learn/default-sse-kms/')
  await waitForPlayground(page)
  await expect(page.getByTestId('lesson-reset')).toHaveAttribute('data-ready', 'true')
  await runAll(page, ['aws s3 mb s3://made-in-the-lesson'])
  await page.getByRole('button', { name: 'Reset this lesson' }).click()
  await page.getByRole('button', { name: 'Yes, reset the lesson' }).click()
  await expect(page.getByTestId('lesson-reset').getByRole('status')).toContainText('back to where it started')
  const listed = await typeCommand(page, 'aws s3 ls')
  expect(listed).toContain('made-before-the-lesson')
  expect(listed).not.toContain('made-in-the-lesson')
})
