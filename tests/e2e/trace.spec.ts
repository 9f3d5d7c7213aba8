/**
 * The inspector shows the emulator's own steps for each exchange, with timings: S3 PutObject → KMS
 * GenerateDataKey → AES-GCM encrypt → store, and GetObject → KMS Decrypt → AES-GCM decrypt.
 */
import { expect, test } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { keyIdOf, runAll, shot } from './panels'

test('each exchange carries the server-side trace beside its headers', async ({ page }, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const [created] = await runAll(page, ['aws kms create-key --description traced'])
  await runAll(page, [
    'aws s3 mb s3://traced',
    'echo "trace me" > a.txt',
    `aws s3 cp a.txt s3://traced/a.txt --sse aws:kms --sse-kms-key-id ${keyIdOf(created!)}`,
  ])
  const inspector = page.getByRole('region', { name: 'Request inspector' })
  const put = inspector.getByTestId('exchange').filter({ hasText: 'PutObject' })
  const steps = put.getByTestId('trace-step')
  await expect(steps.locator('th')).toContainText([
    'S3 PutObject',
    'KMS GenerateDataKey',
    'AES-256-GCM encrypt',
    'Store',
  ])
  await expect(steps.first()).toContainText(/\d+(\.\d+)? ms/)
  await expect(steps.nth(1)).toContainText('context aws:s3:arn=arn:aws:s3:::traced/a.txt')

  await runAll(page, ['aws s3 cp s3://traced/a.txt -'])
  const get = inspector.getByTestId('exchange').filter({ hasText: 'GetObject' })
  await expect(get.getByTestId('trace-step').locator('th')).toContainText([
    'S3 GetObject',
    'Read the request body',
    'KMS Decrypt',
    'AES-256-GCM decrypt',
  ])
  await expect(get.getByTestId('trace-step').nth(3)).toContainText('1 segment · 9 B')
  await shot(page, testInfo, 'trace')
})
