/**
 * The first lesson, as a new learner runs it: every step with its Run button, then the same checks by
 * typing, with the inspector showing the encryption headers on the wire.
 */
import { expect, test } from '@playwright/test'
import { lastOutput, runs, screenText, typeCommand, waitForPlayground } from './terminal'

test('runs every step of the lesson with the Run buttons', async ({ page }) => {
  await page.goto('/learn/default-encryption/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check the default encryption of an uploaded object')
  await waitForPlayground(page)

  const buttons = page.getByRole('button', { name: /^Run in the terminal/ })
  const count = await buttons.count()
  expect(count).toBeGreaterThanOrEqual(9)
  const outputs: string[] = []
  for (let i = 0; i < count; i++) {
    const before = await runs(page)
    const label = (await buttons.nth(i).getAttribute('aria-label')) ?? ''
    await buttons.nth(i).click()
    const out = await lastOutput(page, before + 1)
    expect(out, `step ${i + 1} (${label}) failed`).toContain('exit code 0')
    outputs.push(out)
  }
  const all = outputs.join('\n')
  expect(all).toContain('make_bucket: my-s3-bucket')
  expect(all).toContain('upload: ./testfile.txt to s3://my-s3-bucket/testfile.txt')
  expect(outputs.find((o) => o.startsWith('aws s3api head-object'))).toContain('"ServerSideEncryption": "AES256"')
  expect(all).toContain('download: s3://my-s3-bucket/testfile.txt to ./downloadedfile.txt')
  expect(outputs.find((o) => o.startsWith('cmp '))).toContain('The files are identical')
  expect(outputs.find((o) => o.startsWith('aws s3api get-bucket-encryption'))).toContain('"SSEAlgorithm": "AES256"')
  // No header, still SSE-S3: the January 2023 default.
  expect(outputs.at(-1)).toContain('"ServerSideEncryption": "AES256"')

  // The inspector shows the upload's response header, highlighted as an encryption header.
  const put = page.getByTestId('exchange').filter({ hasText: '/my-s3-bucket/testfile.txt?x-id=PutObject' }).first()
  await put.getByRole('button').click()
  const response = put.locator('h4', { hasText: 'Response headers' }).locator('xpath=..')
  const row = response.locator('tr[data-encryption-header="true"]', { hasText: 'x-amz-server-side-encryption' })
  await expect(row).toContainText('AES256')
  await expect(row).toHaveAttribute('title', /server-side encryption/i)
})

test('the same checks by typing, and bad input never breaks the terminal', async ({ page }) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  expect(await typeCommand(page, 'aws s3 mb s3://typed-bucket')).toContain('make_bucket: typed-bucket')
  expect(await typeCommand(page, 'echo "typed by hand" > testfile.txt')).toContain('exit code 0')
  expect(
    await typeCommand(
      page,
      'aws s3api put-object --bucket typed-bucket --key testfile.txt --server-side-encryption AES256 --body testfile.txt',
    ),
  ).toContain('"ServerSideEncryption": "AES256"')
  const head = await typeCommand(page, 'aws s3api head-object --bucket typed-bucket --key testfile.txt')
  expect(head).toContain('"ServerSideEncryption": "AES256"')
  await expect.poll(() => screenText(page)).toContain('"ServerSideEncryption": "AES256"')
  expect(await typeCommand(page, 'aws s3 cp s3://typed-bucket/testfile.txt downloadedfile.txt')).toContain(
    'exit code 0',
  )
  expect(await typeCommand(page, 'cmp testfile.txt downloadedfile.txt && echo same')).toContain('same\n\nexit code 0')

  // Bad input: each prints what aws-cli prints, with its exit code.
  expect(await typeCommand(page, 'aws s3ap ls')).toContain("Invalid choice: 's3ap', maybe you meant:")
  expect(await typeCommand(page, 'aws s3api head-object --bucket typed-bucket --key testfile.txt --bogus')).toContain(
    'Unknown options: --bogus',
  )
  expect(await typeCommand(page, 'aws s3api head-object --key testfile.txt')).toContain(
    'the following arguments are required: --bucket',
  )
  expect(
    await typeCommand(
      page,
      "aws s3api put-bucket-encryption --bucket typed-bucket --server-side-encryption-configuration '{bad'",
    ),
  ).toContain('Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)')
  expect(await typeCommand(page, 'aws s3api head-object --bucket no-such-bucket-here --key k')).toContain(
    'An error occurred (404) when calling the HeadObject operation: Not Found\n\nexit code 254',
  )
  expect(await typeCommand(page, 'aws s3api get-object --bucket typed-bucket --key missing out.txt')).toContain(
    '(NoSuchKey)',
  )
  expect(await typeCommand(page, 'aws s3api get-object --bucket no-such-bucket-here --key k out.txt')).toContain(
    '(NoSuchBucket)',
  )

  // History: the up arrow brings back the last command.
  await page.keyboard.press('ArrowUp')
  await expect
    .poll(() => screenText(page))
    .toContain('learner@playground:~$ aws s3api get-object --bucket no-such-bucket-here --key k out.txt')
  await page.keyboard.press('Control+C')
  // And the terminal still works.
  expect(await typeCommand(page, 'aws s3api head-object --bucket typed-bucket --key testfile.txt')).toContain(
    'exit code 0',
  )
})

test('requests to the emulator never leave the page', async ({ page }) => {
  const escaped: string[] = []
  const pending: Promise<unknown>[] = []
  const isEmulator = (u: string) => new URL(u).hostname.endsWith('emulator.invalid')
  page.on('request', (request) => {
    // Every emulator request must be answered by the service worker, never by the network.
    if (isEmulator(request.url()))
      pending.push(request.response().then((r) => (!r || !r.fromServiceWorker()) && escaped.push(request.url())))
  })
  page.on('requestfailed', (request) => isEmulator(request.url()) && escaped.push(`failed: ${request.url()}`))
  await page.goto('/playground/')
  await waitForPlayground(page)
  expect(await typeCommand(page, 'aws s3 ls')).toContain('exit code 0')
  const inspector = page.getByRole('region', { name: 'Request inspector' })
  await expect(inspector.getByTestId('exchange').filter({ hasText: 'ListBuckets' })).toHaveCount(1)
  await Promise.all(pending)
  expect(pending.length).toBeGreaterThan(0)
  expect(escaped).toEqual([])
})

test('requests to anything but the emulator bypass the service worker', async ({ page }) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/emulator-worker\.js$/)
  // A same-origin file stands for any host that is not the emulator's (real AWS, a custom endpoint):
  // MSW's worker would fetch it on the page's behalf; ours leaves it to the browser.
  const url = `/emulator-worker.js?probe=${Date.now()}`
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(url)),
    page.evaluate((u) => fetch(u).then((r) => r.status), url),
  ])
  expect(response.status()).toBe(200)
  expect(response.fromServiceWorker()).toBe(false)
  const [emulated] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('s3.emulator.invalid')),
    page.evaluate(() => fetch('https://s3.emulator.invalid/').then((r) => r.status)),
  ])
  expect(emulated.fromServiceWorker()).toBe(true)
})

test('without a service worker the playground says why, and sends nothing', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const page = await context.newPage()
  const sent: string[] = []
  page.on('request', (r) => new URL(r.url()).hostname.endsWith('emulator.invalid') && sent.push(r.url()))
  await page.goto('/playground/')
  await expect(page.getByRole('alert').filter({ hasText: 'could not start' })).toContainText(
    'It needs a service worker',
  )
  expect(sent).toEqual([])
  await context.close()
})

test("the lesson shows the emulator's own source, and runs it", async ({ page }) => {
  await page.goto('/learn/default-encryption/')
  await expect(page.locator('figure[data-source="lib/s3/at-rest-format.ts"]').first()).toContainText(
    'export async function sealPart(',
  )
  // The demo's buttons work once the page has hydrated (the playground starting says it has).
  await waitForPlayground(page)
  const demo = page.getByTestId('mode-demo')
  await expect(demo).toHaveAttribute('data-mode', 'sse-s3')
  const run = demo.getByRole('button', { name: /^Run step/ })
  const steps = demo.locator('li[data-demo-step]')
  const count = await steps.count()
  for (let i = 0; i < count; i++) {
    await run.click()
    await expect(steps.nth(i)).not.toHaveAttribute('data-state', 'pending')
  }
  await expect(steps.nth(1).getByTestId('demo-output')).toContainText(
    /stored: ciphertext \+ tag[0-9a-f]{96}… \(\d+ bytes\)/,
  )
  await expect(steps.nth(count - 2).getByTestId('demo-output')).toContainText(
    'plaintextHello from the S3 encryption playground',
  )
  await expect(steps.nth(count - 1)).toHaveAttribute('data-state', 'error')
  await expect(steps.nth(count - 1)).toContainText('DecryptionFailed: AES-GCM authentication failed')
})
