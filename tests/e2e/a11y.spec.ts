/**
 * axe-core on the home page, a lesson and the playground, in the light and the dark theme: no serious or
 * critical violation. The playground is checked with state in it and with each side panel open.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { DENY_UNENCRYPTED, everyMode, openPanel, runAll, shot } from './panels'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

async function check(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`),
    name,
  ).toEqual([])
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme)
    })

    test('home page and lesson', async ({ page }, testInfo) => {
      await page.goto('/')
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/)
      await check(page, testInfo, `home-${theme}`)
      await page.goto('/learn/default-encryption/')
      await waitForPlayground(page)
      await page
        .getByRole('button', { name: /^Run in the terminal/ })
        .first()
        .click()
      await expect(page.getByTestId('exchange')).toHaveCount(1)
      await check(page, testInfo, `lesson-${theme}`)
      await shot(page, testInfo, `lesson-${theme}`)
    })

    test('playground, with every panel', async ({ page }, testInfo) => {
      await page.setViewportSize({ width: 1600, height: 1000 })
      await page.goto('/playground/')
      await waitForPlayground(page)
      await check(page, testInfo, `playground-empty-${theme}`)
      await everyMode(page, 'axe', '0123456789abcdef0123456789abcdef')
      await runAll(page, [
        `aws s3api put-bucket-policy --bucket axe --policy '${DENY_UNENCRYPTED('axe')}'`,
        'aws s3 ls s3://axe',
      ])
      await check(page, testInfo, `playground-inspector-${theme}`)
      for (const panel of ['Buckets', 'Keys', 'Audit', 'Policy', 'Storage'] as const) {
        await openPanel(page, panel)
        await check(page, testInfo, `playground-${panel.toLowerCase()}-${theme}`)
      }
      await page.getByRole('button', { name: 'Compare' }).click()
      await check(page, testInfo, `playground-compare-${theme}`)
      await page.getByRole('button', { name: /Presenter/ }).click()
      await check(page, testInfo, `playground-presenter-${theme}`)
      await shot(page, testInfo, `playground-presenter-${theme}`)
    })

    test('target form, with a warning, and the CORS panel', async ({ page }, testInfo) => {
      await page.goto('/playground/')
      await waitForPlayground(page)
      await page.getByRole('button', { name: 'Change target…' }).click()
      await page.getByLabel('a custom S3-compatible endpoint').check()
      await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9')
      await page.getByLabel('Access key id').fill('AKIAIOSFODNN7EXAMPLE')
      await expect(page.getByTestId('target-warning')).toHaveCount(1)
      await check(page, testInfo, `target-form-${theme}`)
      await page.getByRole('tablist', { name: 'Playground panels' }).getByRole('tab', { name: 'CORS' }).click()
      await check(page, testInfo, `cors-panel-${theme}`)
    })
  })
}
