/**
 * Workshop tools: a facilitator's preset link, the printable header cheat sheet, and the static build used
 * offline (every request to another origin blocked).
 */
import { expect, test } from '@playwright/test'
import { ENCRYPTION_HEADERS } from '../../lib/inspector/encryption-headers'
import { lastOutput, runs, waitForPlayground } from './terminal'

test('a preset link opens the lesson on a fresh playground, at the preset step, in presenter mode', async ({
  page,
}) => {
  // Some earlier work, which the preset must keep as a checkpoint and then replace.
  await page.goto('/learn/overview/')
  await waitForPlayground(page)
  const before = await runs(page)
  await page
    .locator('section[data-step="new-bucket"]')
    .getByRole('button', { name: /^Run in the terminal/ })
    .click()
  await lastOutput(page, before + 2)

  await page.goto('/learn/sse-c/?preset=blocked-bucket&presenter=1')
  await waitForPlayground(page)
  const notice = page.getByTestId('preset-notice')
  await expect(notice).toContainText(
    'Workshop preset “A new bucket and a key” is ready: 3 commands run on a fresh playground.',
  )
  await expect(notice).toContainText('Your previous work is kept as the checkpoint “Before workshop preset')
  await expect(page.locator('html')).toHaveClass(/presenter/)
  // The steps before the preset's start step are done; the next is not.
  await expect(page.locator('section[data-step="blocked"]')).toHaveAttribute('data-done', 'true')
  await expect(page.locator('section[data-step="unblock"] [data-goal][data-met="false"]').first()).toBeVisible()
  // The parameter is gone, so a reload keeps the learner's work.
  expect(new URL(page.url()).search).toBe('?presenter=1')
  // The earlier bucket is gone from this fresh playground.
  await page.locator('[data-testid="terminal"]').click()
  const n = await runs(page)
  await page.keyboard.type('aws s3 ls\n')
  const out = await lastOutput(page, n + 1)
  expect(out).toContain('ssec-demo-bucket')
  expect(out).not.toContain('overview-bucket')
})

test('an unknown preset says so and changes nothing', async ({ page }) => {
  await page.goto('/learn/sse-c/?preset=nope')
  await waitForPlayground(page)
  await expect(page.getByTestId('preset-notice')).toContainText('this lesson has no preset "nope"')
})

test('the cheat sheet lists every header from the dictionary and prints without the site chrome', async ({ page }) => {
  await page.goto('/cheat-sheet/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('S3 encryption headers: cheat sheet')
  await expect(page.locator('tr[data-header="x-amz-server-side-encryption-customer-key-md5"]')).toContainText('MD5')
  await expect(page.locator('tr[data-header]')).toHaveCount(Object.keys(ENCRYPTION_HEADERS).length)
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('body > header')).toBeHidden()
  await expect(page.getByRole('button', { name: 'Print this page' })).toBeHidden()
  // Black on white, whatever the theme.
  await page.evaluate(() => document.documentElement.classList.add('dark'))
  expect(
    await page.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.body).color,
    ]),
  ).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)'])
})

test('offline: a lesson loads and runs with every other origin blocked', async ({ browser, baseURL }) => {
  const context = await browser.newContext()
  const origin = new URL(baseURL!).origin
  const blocked: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
    blocked.push(url)
    return route.abort('internetdisconnected')
  })
  const page = await context.newPage()
  await page.goto('/learn/default-encryption/')
  await waitForPlayground(page)
  const before = await runs(page)
  await page
    .locator('section[data-step="create-bucket"]')
    .getByRole('button', { name: /^Run in the terminal/ })
    .click()
  expect(await lastOutput(page, before + 1)).toContain('make_bucket: my-s3-bucket')
  await expect(page.locator('section[data-step="create-bucket"]')).toHaveAttribute('data-done', 'true')
  expect(blocked).toEqual([])
  await context.close()
})
