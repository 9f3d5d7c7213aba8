/**
 * "Who can read this object?" in the Storage panel, in both themes: the owner, a principal the bucket policy
 * names, the stored bytes and the SSE-C key holder, each with its verdict in words and the deciding statement
 * one keypress away.
 */
import { expect, test } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { everyMode, openPanel, runAll } from './panels'

const SSE_C_KEY = 'fedcba9876543210fedcba9876543210'
const READER = 'arn:aws:iam::111122223333:role/Reader'

for (const theme of ['light', 'dark'] as const) {
  test(`who can read, ${theme} theme`, async ({ page }, testInfo) => {
    await page.addInitScript((t) => localStorage.setItem('theme', t), theme)
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto('/playground/')
    await waitForPlayground(page)
    await everyMode(page, 'who', SSE_C_KEY)
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReaderGets',
          Effect: 'Allow',
          Principal: { AWS: READER },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::who/*',
        },
        {
          Sid: 'NoSsecReads',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::who/ssec.txt',
        },
      ],
    })
    await runAll(page, [`aws s3api put-bucket-policy --bucket who --policy '${policy}'`])

    await openPanel(page, 'Buckets')
    await page.getByRole('button', { name: 'Show kms.txt on disk' }).click()
    const section = page.getByTestId('who-can-read')
    await expect(section.locator('li[data-verdict]')).toHaveCount(3)
    const owner = section.locator('li[data-verdict]').filter({ hasText: 'Bucket owner' })
    await expect(owner).toHaveAttribute('data-verdict', 'yes')
    await expect(section.locator('li[data-verdict]').filter({ hasText: READER })).toHaveAttribute('data-verdict', 'yes')
    await expect(section.locator('li[data-verdict]').filter({ hasText: 'only the stored bytes' })).toHaveAttribute(
      'data-verdict',
      'no',
    )
    // Keyboard: the summary takes focus and Enter opens the reasons and the key policy statement that decided it.
    await owner.locator('summary').focus()
    await page.keyboard.press('Enter')
    await expect(owner.locator('details')).toHaveJSProperty('open', true)
    await expect(owner).toContainText('KMS allows kms:Decrypt')
    await expect(owner).toContainText('key policy statement')

    // SSE-C: the explicit Deny stops the owner, citing the statement; the key holder reads only with the key.
    await openPanel(page, 'Buckets')
    await page.getByRole('button', { name: 'Show ssec.txt on disk' }).click()
    await expect(section).toHaveCount(1)
    const denied = section.locator('li[data-verdict]').filter({ hasText: 'Bucket owner' })
    await expect(denied).toHaveAttribute('data-verdict', 'no')
    await denied.locator('summary').focus()
    await page.keyboard.press('Enter')
    await expect(denied.locator('details')).toHaveJSProperty('open', true)
    await expect(denied).toContainText('bucket policy statement "NoSsecReads" (Deny)')
    await expect(section.locator('li[data-verdict]').filter({ hasText: 'holder of the SSE-C key' })).toHaveAttribute(
      'data-verdict',
      'with-key',
    )
    await section.scrollIntoViewIfNeeded()
    const path = testInfo.outputPath(`who-can-read-${theme}.png`)
    await section.screenshot({ path })
    await testInfo.attach(`who-can-read-${theme}`, { path, contentType: 'image/png' })
  })
}
