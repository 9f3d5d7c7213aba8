/**
 * Versions in the panels, as a learner sees them after a few commands: the Buckets panel lists every version
 * with its own encryption badge and each delete marker, the storage view opens an older version (its own data
 * key), and the inspector explains x-amz-version-id and x-amz-delete-marker.
 */
import { expect, test, type Page } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { openPanel, runAll, shot } from './panels'

const inspector = (page: Page) => page.getByRole('region', { name: 'Request inspector' })
const openRow = (page: Page) => inspector(page).locator('[data-testid="exchange"]:has(button[aria-expanded="true"])')
const responseHeader = (page: Page, name: string) =>
  openRow(page)
    .locator('h4', { hasText: 'Response headers' })
    .locator('xpath=..')
    .locator('[data-explained]', { hasText: new RegExp(`^${name}$`) })

test('versions and delete markers in the buckets and storage panels; the inspector explains them', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 1000 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, [
    'aws s3 mb s3://versioned',
    'aws s3api put-bucket-versioning --bucket versioned --versioning-configuration Status=Enabled',
    'echo one > doc.txt',
    'aws s3api put-object --bucket versioned --key doc.txt --body doc.txt',
    'echo two > doc.txt',
    'aws s3api put-object --bucket versioned --key doc.txt --body doc.txt --server-side-encryption aws:kms',
  ])

  // The inspector: the PUT's answer names its version, explained on hover.
  await responseHeader(page, 'x-amz-version-id').hover()
  await expect(page.getByRole('tooltip', { name: /keeps the encryption and key it was written with/ })).toBeVisible()
  await runAll(page, [
    'aws s3api put-object --bucket versioned --key gone.txt --body doc.txt',
    'aws s3 rm s3://versioned/gone.txt',
  ])
  await responseHeader(page, 'x-amz-delete-marker').hover()
  const tip = page.getByRole('tooltip', { name: /delete marker/ })
  await expect(tip).toBeVisible()
  await expect(tip.getByRole('link', { name: 'The lesson on this' })).toHaveAttribute('href', '/learn/versions/')
  await shot(page, testInfo, 'inspector-delete-marker')

  // Buckets: the status, each version with its own badge (newest first), the delete marker on top of gone.txt.
  await openPanel(page, 'Buckets')
  const bucket = page.getByRole('region', { name: 'Bucket versioned' })
  await expect(bucket.getByTestId('bucket-versioning')).toHaveText('versioning Enabled')
  const rows = bucket.locator('tr[data-latest]')
  await expect(rows).toHaveCount(4)
  expect(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-testid'),
        tr.getAttribute('data-latest'),
        [...tr.querySelectorAll('[data-badge]')].map((b) => b.getAttribute('data-badge')).join(','),
      ]),
    ),
  ).toEqual([
    ['bucket-object', 'true', 'SSE-KMS'], // doc.txt, current
    ['bucket-object', 'false', 'SSE-S3'], // doc.txt, the older version
    ['bucket-delete-marker', 'true', ''], // gone.txt looks deleted...
    ['bucket-object', 'false', 'SSE-S3'], // ...but its version is still there
  ])
  await shot(page, testInfo, 'buckets-versions')

  // Storage: the older doc.txt version is SSE-S3, under S3's root key, whatever the current one is.
  await bucket
    .getByRole('button', { name: /^Show doc\.txt version .* on disk$/ })
    .nth(1)
    .click()
  const panel = page.getByTestId('storage-panel')
  await expect(panel.getByLabel('Object')).toHaveValue(/^versioned\/doc\.txt\?versionId=/)
  await expect(panel.getByLabel('Object').locator('option:checked')).toContainText('older version')
  await expect(panel.getByTestId('key-hierarchy')).toContainText('s3-root-')
  await shot(page, testInfo, 'storage-old-version')
})
