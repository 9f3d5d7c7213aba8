/**
 * Buckets, Keys and Audit as a new user uses them: every object's encryption badge, each key's state,
 * rotation, use counts and cost, and CloudTrail filtered down to what S3 asked KMS for. The panels follow
 * the emulator live, with no refresh button.
 */
import { expect, test } from '@playwright/test'
import { typeCommand, waitForPlayground } from './terminal'
import { DENY_UNENCRYPTED, everyMode, openPanel, runAll, shot } from './panels'

const SSE_C_KEY = '0123456789abcdef0123456789abcdef'

test('buckets, keys and audit follow what the terminal does', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  const keyId = await everyMode(page, 'panels', SSE_C_KEY)
  await runAll(page, ['aws s3 cp s3://panels/kms.txt back.txt', 'aws s3 mb s3://empty-one'])

  // Buckets: one badge per mode, the client-side one beside the SSE-S3 that S3 added.
  await openPanel(page, 'Buckets')
  const bucket = page.getByRole('region', { name: 'Bucket panels' })
  await expect(bucket.getByText('SSE-C blocked')).toHaveCount(0) // put-bucket-encryption unblocked it
  const badges = async (key: string) =>
    bucket
      .getByTestId('bucket-object')
      .filter({ has: page.getByText(key, { exact: true }) })
      .locator('[data-badge]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-badge')))
  expect(await badges('s3.txt')).toEqual(['SSE-S3'])
  expect(await badges('kms.txt')).toEqual(['SSE-KMS'])
  expect(await badges('dsse.txt')).toEqual(['DSSE-KMS'])
  expect(await badges('ssec.txt')).toEqual(['SSE-C'])
  expect(await badges('cse.bin')).toEqual(['client-side', 'SSE-S3'])
  await expect(page.getByRole('region', { name: 'Bucket empty-one' })).toContainText('SSE-C blocked')
  await shot(page, testInfo, 'buckets')

  // Live: a removed object leaves the panel at once.
  await runAll(page, ['aws s3 rm s3://panels/s3.txt'])
  await expect(bucket.getByTestId('bucket-object')).toHaveCount(4)

  // Keys: the customer key with its alias, rotation, what S3 did with it, and the cost.
  await openPanel(page, 'Keys')
  const app = page.getByRole('listitem', { name: 'Key alias/app' })
  await expect(app).toContainText('Enabled')
  await expect(app).toContainText('customer managed')
  await expect(app).toContainText('app data')
  await expect(app).toContainText('every 365 days')
  // GenerateDataKey: 1 for SSE-KMS, 2 for DSSE's two layers; Decrypt: the download (HEAD and GET).
  await expect(app.getByTestId('key-requests')).toContainText('GenerateDataKey 3')
  await expect(app.getByTestId('key-requests')).toContainText(/Decrypt [1-9]/)
  await expect(app.getByTestId('key-requests')).toContainText(/\([4-9] by S3 for you\)/)
  await expect(app.getByTestId('key-cost')).toContainText(/\$0\.0000\d\d/)
  await expect(app).toContainText(keyId)
  await runAll(page, [`aws kms disable-key --key-id ${keyId}`])
  await expect(app).toContainText('Disabled')
  await shot(page, testInfo, 'keys')

  // Audit: filter by key, then by event; S3's calls are marked, and carry the object's ARN as context.
  await openPanel(page, 'Audit')
  const audit = page.getByTestId('audit-panel')
  await audit.getByLabel('Key').selectOption({ label: 'alias/app' })
  await audit.getByLabel('Event').selectOption('GenerateDataKey')
  const events = audit.getByTestId('audit-event')
  await expect(events).toHaveCount(3)
  for (const e of await events.all()) await expect(e).toContainText('S3 for you')
  await events.first().locator('summary').click()
  await expect(events.first()).toContainText('encryption context: aws:s3:arn=arn:aws:s3:::panels/dsse.txt')
  await audit.getByLabel('Event').selectOption('DisableKey')
  await expect(events).toHaveCount(1)
  await expect(events.first()).toContainText('you')
  await audit.getByLabel('Event').selectOption('')
  await audit.getByLabel('Key').selectOption('')
  await expect(audit).toContainText(/of \d+ events/)
  await shot(page, testInfo, 'audit')
  expect(await typeCommand(page, 'aws s3 cp s3://panels/kms.txt again.txt')).toContain('DisabledException')
})

test('policy: the bucket policy, and why each request was allowed or denied, in the panel and on the exchange', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await openPanel(page, 'Policy')
  await expect(page.getByTestId('policy-panel')).toContainText('No bucket has a policy yet')
  await runAll(page, [
    'aws s3 mb s3://guarded',
    `aws s3api put-bucket-policy --bucket guarded --policy '${DENY_UNENCRYPTED('guarded')}'`,
    'echo hi > a.txt',
  ])
  expect(await typeCommand(page, 'aws s3api put-object --bucket guarded --key plain.txt --body a.txt')).toContain(
    '(AccessDenied)',
  )
  await runAll(page, [
    'aws s3api put-object --bucket guarded --key sealed.txt --body a.txt --server-side-encryption AES256',
  ])

  const panel = page.getByTestId('policy-panel')
  await panel.getByText('Policy of guarded').click()
  await expect(panel).toContainText('"Sid": "DenyUnencrypted"')
  const entries = panel.getByTestId('policy-entry')
  await expect(entries.first()).toContainText('PutObject guarded/sealed.txt → 200')
  await expect(entries.first()).toContainText('Allow')
  const denied = entries.filter({ hasText: 'plain.txt' })
  await expect(denied).toContainText('Deny')
  await expect(denied).toContainText('Explicit deny: statement "DenyUnencrypted" applies to s3:PutObject')
  await denied.getByText(/^Why:/).click()
  await expect(denied).toContainText(/✓ .*Null/)
  await shot(page, testInfo, 'policy')

  // The same explanation sits on the denied request in the inspector.
  const row = page
    .getByRole('region', { name: 'Request inspector' })
    .getByTestId('exchange')
    .filter({ hasText: '/guarded/plain.txt' })
  await row.getByRole('button').first().click()
  await expect(row.getByTestId('policy-decision')).toContainText('Explicit deny')
})

test('the Keys panel follows the simulated clock: a scheduled deletion completes when time moves on', async ({
  page,
}, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const [created] = await runAll(page, ['aws kms create-key --description "short-lived"'])
  const keyId = /"KeyId": "([0-9a-f-]{36})"/.exec(created!)![1]!
  await runAll(page, [`aws kms schedule-key-deletion --key-id ${keyId} --pending-window-in-days 7`])
  await openPanel(page, 'Keys')
  const card = page.getByRole('listitem', { name: `Key ${keyId}` })
  await expect(card).toContainText('PendingDeletion')
  // The clock control answers without a request event: the panel still looks again after the command.
  await runAll(page, ['playground time advance 8'])
  await expect(card).toContainText('Deleted')
  await shot(page, testInfo, 'keys-after-deletion')
})
