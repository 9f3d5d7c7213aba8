/**
 * The inspector as a learner uses it: encryption headers explained on hover and on keyboard focus, XML and
 * JSON bodies pretty-printed with their encryption fields explained, any two exchanges side by side, and
 * presenter mode stepping through the last exchanges with one key.
 */
import { expect, test, type Page } from '@playwright/test'
import { screenText, waitForPlayground } from './terminal'
import { keyIdOf, runAll, shot } from './panels'

const inspector = (page: Page) => page.getByRole('region', { name: 'Request inspector' })
const openRow = (page: Page) => inspector(page).locator('[data-testid="exchange"]:has(button[aria-expanded="true"])')

test('headers and body fields are explained on hover and on focus; bodies are pretty', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, ['aws s3 mb s3://explain', 'echo hi > a.txt', 'aws s3 cp a.txt s3://explain/a.txt --sse aws:kms'])

  // Hover: the response's encryption header tells what it means and which values it takes.
  const header = openRow(page)
    .locator('h4', { hasText: 'Response headers' })
    .locator('xpath=..')
    .locator('[data-explained]', { hasText: /^x-amz-server-side-encryption$/ })
  const tip = page.getByRole('tooltip', { name: /server-side encryption S3 applied/ })
  await expect(tip).toBeHidden()
  await header.hover()
  await expect(tip).toBeVisible()
  await expect(tip).toContainText('aws:kms (SSE-KMS)')
  await expect(tip.getByRole('link', { name: 'The lesson on this' })).toHaveAttribute(
    'href',
    '/learn/default-encryption/',
  )
  await shot(page, testInfo, 'header-hover')
  // Keyboard: the header name is focusable, its explanation is its description, Escape hides it.
  await page.mouse.move(0, 0)
  await header.focus()
  await expect(tip).toBeVisible()
  await expect(header).toHaveAccessibleDescription(/server-side encryption S3 applied/)
  await page.keyboard.press('Escape')
  await expect(tip).toBeHidden()

  // XML: get-bucket-encryption's answer, indented, with SSEAlgorithm explained.
  await runAll(page, ['aws s3api get-bucket-encryption --bucket explain'])
  const xml = openRow(page).getByTestId('body').last()
  await expect(xml).toContainText('<ServerSideEncryptionConfiguration')
  expect(await xml.innerText()).toMatch(
    /\n {4}<ApplyServerSideEncryptionByDefault>\n {6}<SSEAlgorithm>AES256<\/SSEAlgorithm>/,
  )
  await xml.locator('[data-explained]', { hasText: 'SSEAlgorithm' }).hover()
  await expect(page.getByRole('tooltip', { name: /default server-side encryption/ })).toBeVisible()
  await openRow(page).getByRole('button', { name: 'Raw' }).click()
  expect(await xml.innerText()).not.toContain('\n  <Rule>')

  // KMS JSON: the request's fields explained, the response's CiphertextBlob too.
  const [created] = await runAll(page, ['aws kms create-key'])
  await runAll(page, [
    `aws kms generate-data-key --key-id ${keyIdOf(created!)} --key-spec AES_256 --encryption-context tenant=a`,
  ])
  const request = openRow(page).getByTestId('body').first()
  // innerText: what the learner sees and copies (explanations stay hidden until asked for).
  await expect(request).toContainText('"KeySpec": "AES_256"', { useInnerText: true })
  await request.locator('[data-explained]', { hasText: '"EncryptionContext"' }).hover()
  await expect(page.getByRole('tooltip', { name: /bound to the ciphertext/ })).toBeVisible()
  await expect(
    openRow(page).getByTestId('body').last().locator('[data-explained]', { hasText: '"CiphertextBlob"' }),
  ).toBeVisible()
  await shot(page, testInfo, 'kms-json')
})

test('compare two exchanges side by side', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, [
    'aws s3 mb s3://diff',
    'echo hi > a.txt',
    'aws s3 cp a.txt s3://diff/s3.txt',
    'aws s3 cp a.txt s3://diff/kms.txt --sse aws:kms',
  ])
  await inspector(page).getByRole('button', { name: 'Compare' }).click()
  const diff = page.getByTestId('exchange-diff')
  // By default the last two: here the SSE-S3 upload against the SSE-KMS one.
  await diff.getByLabel('A', { exact: true }).selectOption({
    label: (await diff
      .getByLabel('A', { exact: true })
      .locator('option', { hasText: 'PutObject' })
      .first()
      .textContent())!,
  })
  await expect(diff.getByLabel('B', { exact: true })).toHaveValue(/\d+/)
  const requestHeaders = diff.getByTestId('diff-table').filter({ hasText: 'Request headers' })
  await expect(
    requestHeaders.locator('tr[data-change="added"]', { hasText: 'x-amz-server-side-encryption' }),
  ).toContainText('aws:kms')
  const response = diff.getByTestId('diff-table').filter({ hasText: 'Response headers' })
  await expect(
    response.locator('tr[data-change="changed"]', { hasText: /^.x-amz-server-side-encryption/ }).first(),
  ).toContainText('AES256')
  await expect(
    response.locator('tr[data-change="added"]', { hasText: 'x-amz-server-side-encryption-aws-kms-key-id' }),
  ).toContainText('arn:aws:kms:')
  // Noise is hidden until asked for.
  await expect(diff.getByRole('rowheader', { name: 'amz-sdk-invocation-id', exact: true })).toHaveCount(0)
  await diff.getByLabel('Hide ids, dates, signatures').uncheck()
  await expect(diff.getByRole('rowheader', { name: 'amz-sdk-invocation-id', exact: true })).toHaveCount(1)
  await shot(page, testInfo, 'diff')
})

test('presenter mode: large type, and one key steps through the last exchanges', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, [
    'aws s3 mb s3://present',
    'echo hi > a.txt',
    'aws s3 cp a.txt s3://present/a.txt',
    'aws s3 ls',
    'aws s3 ls s3://present',
  ])
  await page.getByRole('button', { name: /Presenter/ }).click()
  await expect(page.locator('html')).toHaveClass(/presenter/)
  await expect(inspector(page)).toContainText('Step with P / N')
  const position = page.getByTestId('inspector-position')
  const total = await inspector(page).getByTestId('exchange').count()
  await expect(position).toHaveText(`${total} of ${total}`)

  // Typing p in the terminal types, and does not step.
  await page.getByTestId('terminal').click()
  await page.keyboard.type('p')
  await expect(position).toHaveText(`${total} of ${total}`)
  await expect.poll(() => screenText(page)).toContain('$ p')
  await page.keyboard.press('Backspace')

  // Anywhere else, P steps back and N forward; the current exchange is opened and marked.
  await inspector(page).getByRole('heading', { name: 'Inspector', exact: true }).click()
  await page.keyboard.press('p')
  await page.keyboard.press('p')
  await expect(position).toHaveText(`${total - 2} of ${total}`)
  await expect(inspector(page).locator('[data-current="true"]')).toHaveCount(1)
  await expect(inspector(page).locator('[data-current="true"] button[aria-expanded="true"]')).toHaveCount(1)
  await shot(page, testInfo, 'presenter-step')
  await page.keyboard.press('n')
  await expect(position).toHaveText(`${total - 1} of ${total}`)
  await page.keyboard.press('PageDown')
  await expect(position).toHaveText(`${total} of ${total}`)
  // At the newest, the view follows new requests again.
  await runAll(page, ['aws s3 ls s3://present'])
  await expect(position).toHaveText(`${total + 1} of ${total + 1}`)
  await page.getByRole('button', { name: /Presenter/ }).click()
})
