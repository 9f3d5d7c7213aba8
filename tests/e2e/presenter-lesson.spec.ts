/**
 * Presenter mode on a lesson at 1280×720 (a projector): the playground gets the larger share, the panel tabs stay on
 * one row, and after a PUT with SSE-KMS the inspector's encryption-only view shows the request and response SSE
 * headers and S3's KMS call, before and after, without any scrolling.
 */
import { expect, test } from '@playwright/test'
import { panels, runAll, shot } from './panels'
import { waitForPlayground } from './terminal'

test.use({ viewport: { width: 1280, height: 720 } })

for (const theme of ['light', 'dark'] as const)
  test(`a lesson in presenter mode shows what SSE-KMS changed (${theme})`, async ({ page }, testInfo) => {
    await page.addInitScript((t) => {
      localStorage.setItem('presenter', '1')
      localStorage.setItem('theme', t)
    }, theme)
    await page.goto('/learn/sse-kms/')
    await page
      .getByTestId('terminal')
      .waitFor({ state: 'attached', timeout: 30_000 })
      .catch(() => {})
    await page.locator('body').click({ position: { x: 5, y: 300 } }) // the first input starts the playground
    await waitForPlayground(page)
    await runAll(page, [
      'aws s3 mb s3://present-kms',
      'echo hello > a.txt',
      'aws s3api put-object --bucket present-kms --key a.txt --body a.txt',
      'aws s3api put-object --bucket present-kms --key a.txt --body a.txt --server-side-encryption aws:kms',
    ])
    const view = page.getByTestId('encryption-only')
    await expect(view).toContainText('Latest: PutObject /present-kms/a.txt → 200')
    const changed = view.locator('tr[data-changed="true"]')
    // The request asked for aws:kms; S3 answered aws:kms (before: AES256, the bucket default) with the key's ARN.
    await expect(
      changed.filter({ hasText: '→ request' }).filter({ hasText: 'x-amz-server-side-encryption' }),
    ).toContainText('aws:kms')
    const response = changed
      .filter({ hasText: '← response' })
      .filter({ hasText: /x-amz-server-side-encryption\s*AES256/ })
    await expect(response).toContainText('aws:kms')
    await expect(view.locator('tr').filter({ hasText: 'KMS calls' })).toContainText('GenerateDataKey')
    await shot(page, testInfo, `presenter-lesson-${theme}`)
    // Visible as it is: no page or panel scrolling.
    await expect(view.locator('tr').filter({ hasText: 'KMS calls' })).toBeInViewport({ ratio: 1 })
    await expect(changed.filter({ hasText: '→ request' }).first()).toBeInViewport({ ratio: 1 })
    await expect(response).toBeInViewport({ ratio: 1 })
    expect(await page.evaluate(() => window.scrollY)).toBe(0)
    expect(await view.evaluate((el) => el.scrollTop)).toBe(0)
    // The panel tabs stay on one row.
    const tops = await panels(page)
      .getByRole('tab')
      .evaluateAll((tabs) => [...new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top)))])
    expect(tops).toHaveLength(1)
  })
