/**
 * The Form upload panel: a presigned POST built in the page with @aws-sdk/s3-presigned-post, its fields and
 * policy shown, and a real HTML form (keyboard only) that uploads a file to the emulator with SSE-KMS fields.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { panels, runAll, shot } from './panels'

test('a presigned POST with SSE-KMS fields, submitted from the keyboard, stores an SSE-KMS object', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 1000 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, ['aws s3 mb s3://form-uploads'])
  await panels(page).getByRole('tab', { name: 'Form upload' }).click()
  const panel = page.getByTestId('browser-post')
  await expect(panel.getByLabel('Encryption')).toHaveValue('aws:kms')
  await panel.getByRole('button', { name: 'Build the presigned POST' }).focus()
  await page.keyboard.press('Enter')
  const fields = panel.getByTestId('browser-post-fields')
  await expect(fields).toContainText('x-amz-server-side-encryption')
  await expect(fields).toContainText('aws:kms')
  await expect(fields).toContainText('X-Amz-Signature')
  await panel.getByText('The policy the signature covers').click()
  await expect(panel.locator('pre').first()).toContainText('"content-length-range"')

  await panel
    .getByLabel('File', { exact: true })
    .setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('from a form') })
  await panel.getByRole('button', { name: 'Upload with the form' }).focus()
  await page.keyboard.press('Enter')
  const answer = panel.getByTestId('browser-post-answer')
  await expect(answer).toContainText('HTTP 201')
  await expect(answer).toContainText('x-amz-server-side-encryption: aws:kms')
  await expect(answer).toContainText('<Key>uploads/report.txt</Key>')
  await shot(page, testInfo, 'browser-post')
  // No serious or critical axe violation in the panel, as tests/e2e/a11y.spec.ts asks of every panel.
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="browser-post"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'])
    .analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])

  const [head] = await runAll(page, ['aws s3api head-object --bucket form-uploads --key uploads/report.txt'])
  expect(head).toContain('"ServerSideEncryption": "aws:kms"')

  // On a phone the panel's fields stack in one column and the long values wrap.
  await page.setViewportSize({ width: 390, height: 844 })
  await panels(page).getByRole('tab', { name: 'Form upload' }).click()
  await page.getByTestId('browser-post').getByRole('button', { name: 'Build the presigned POST' }).click()
  await expect(page.getByTestId('browser-post-fields')).toBeVisible()
  await shot(page, testInfo, 'browser-post-phone')
})

test('the Form upload panel in the dark theme', async ({ page }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('theme', 'dark'))
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, ['aws s3 mb s3://dark-forms'])
  await panels(page).getByRole('tab', { name: 'Form upload' }).click()
  await page.getByTestId('browser-post').getByLabel('Encryption').selectOption('SSE-C')
  await page.getByRole('button', { name: 'Build the presigned POST' }).click()
  const fields = page.getByTestId('browser-post-fields')
  await expect(fields).toContainText('x-amz-server-side-encryption-customer-key-MD5')
  // The SSE-C key goes in the form but is never shown.
  await expect(fields).toContainText('•••• (sent, not shown)')
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="browser-post"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  await shot(page, testInfo, 'browser-post-dark')
})
