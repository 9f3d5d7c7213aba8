/**
 * "What is on the disk", as a new user opens it from the Buckets panel: the stored bytes as hex and text
 * (never the plaintext), IV and GCM tag, the wrapped data key(s), the key hierarchy for each mode, and
 * SSE-C's salted HMAC with no key anywhere.
 */
import { expect, test, type Page } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { everyMode, openPanel, shot } from './panels'

const SSE_C_KEY = 'fedcba9876543210fedcba9876543210'
const PLAINTEXT = 'hello storage'

async function onDisk(page: Page, key: string) {
  await openPanel(page, 'Buckets')
  await page.getByRole('button', { name: `Show ${key} on disk` }).click()
  await expect(page.getByRole('tab', { name: 'Storage' })).toHaveAttribute('aria-selected', 'true')
  const panel = page.getByTestId('storage-panel')
  await expect(panel.getByLabel('Object')).toHaveValue(`disk/${key}`)
  return panel
}

const nodes = (panel: import('@playwright/test').Locator) =>
  panel
    .getByTestId('key-hierarchy')
    .locator('[data-node]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))

test('each mode on disk: bytes, IVs, tags, wrapped keys and the key hierarchy', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 1000 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await everyMode(page, 'disk', SSE_C_KEY)

  // SSE-S3: S3's root key wraps the data key, which encrypts the object.
  let panel = await onDisk(page, 's3.txt')
  expect(await nodes(panel)).toEqual(['root', 'data-key', 'object'])
  await expect(panel.getByTestId('key-hierarchy')).toContainText('s3-root-')
  const hex = panel.getByTestId('hex-dump')
  await expect(hex).toHaveText(/^00000000 {2}([0-9a-f]{2} ){7}[0-9a-f]{2} {2}/)
  await expect(panel).toContainText('Ciphertext: 14 bytes')
  await expect(panel.getByText(/\(12 bytes\)/).first()).toBeVisible() // the nonce base
  await expect(panel).toContainText('1 × AES-256-GCM')
  await expect(panel).toContainText('GCM tag')
  await expect(panel.getByRole('region', { name: 'Data key, wrapped by the S3 root key' })).toContainText('(48 bytes)')
  await expect(panel).not.toContainText(PLAINTEXT)
  await shot(page, testInfo, 'storage-sse-s3')

  // SSE-KMS: the KMS key (by its alias) and the material version inside the stored CiphertextBlob.
  panel = await onDisk(page, 'kms.txt')
  expect(await nodes(panel)).toEqual(['kms', 'data-key', 'object'])
  const blob = panel.getByRole('region', { name: 'Data key (KMS CiphertextBlob)' })
  await expect(blob).toContainText('alias/app')
  await expect(blob).toContainText('key material version0')
  await expect(panel).toContainText('checksum, encrypted under the data key')
  await shot(page, testInfo, 'storage-sse-kms')

  // DSSE-KMS: two data keys, two layers, the inner layer's own nonce base.
  panel = await onDisk(page, 'dsse.txt')
  expect(await nodes(panel)).toEqual(['kms', 'data-key', 'object', 'kms', 'data-key', 'object'])
  await expect(panel.getByRole('list', { name: 'Layer 2' })).toContainText('inner layer key')
  await expect(panel).toContainText('inner layer nonce base')
  await expect(panel.getByRole('region', { name: /Inner layer data key/ })).toBeVisible()
  await shot(page, testInfo, 'storage-dsse')

  // SSE-C: no key, only the salted HMAC; the key appears nowhere on the page, in any encoding.
  panel = await onDisk(page, 'ssec.txt')
  expect(await nodes(panel)).toEqual(['customer', 'object'])
  const check = panel.getByRole('region', { name: 'SSE-C key check' })
  await expect(check).toContainText('not stored')
  await expect(check).toContainText(/HMAC-SHA256.*\(32 bytes\)/)
  const text = (await panel.innerText()).replace(/\s+/g, '')
  const keyHex = Buffer.from(SSE_C_KEY).toString('hex')
  for (const form of [SSE_C_KEY, Buffer.from(SSE_C_KEY).toString('base64'), keyHex]) expect(text).not.toContain(form)
  expect(text.replace(/[^0-9a-f]/g, '')).not.toContain(keyHex)
  await shot(page, testInfo, 'storage-sse-c')

  // The object picker switches too.
  await panel.getByLabel('Object').selectOption('disk/cse.bin')
  await expect(panel.locator('[data-badge="SSE-S3"]')).toBeVisible()
})

test('decrypt step by step: the calls the emulator makes, each with what it returned', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 1000 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await everyMode(page, 'disk', SSE_C_KEY)
  const steps = (panel: import('@playwright/test').Locator) =>
    panel.getByTestId('walk-step').locator('p.font-semibold').allInnerTexts()

  // SSE-S3: root key, unwrap, decrypt: the plaintext comes back.
  let panel = await onDisk(page, 's3.txt')
  const walk = panel.getByTestId('walkthrough')
  await walk.getByRole('button', { name: 'Decrypt it step by step' }).click()
  await expect(walk.getByTestId('walk-result')).toContainText('the same 14 bytes a GET returns')
  expect(await steps(walk)).toEqual([
    'Find the S3 root key version that wrapped the data key',
    'Unwrap the data key with the S3 root key',
    'Decrypt the body: 1 AES-256-GCM segment',
  ])
  await expect(walk).toContainText(`"${PLAINTEXT}`)

  // DSSE-KMS: two KMS Decrypt calls (the learner's own, in the inspector and the audit), two layers.
  panel = await onDisk(page, 'dsse.txt')
  await panel.getByTestId('walkthrough').getByRole('button', { name: 'Decrypt it step by step' }).click()
  await expect(panel.getByTestId('walk-result')).toBeVisible()
  expect(await steps(panel.getByTestId('walkthrough'))).toEqual([
    'Ask KMS to decrypt the outer layer data key',
    'Ask KMS to decrypt the inner layer data key',
    'Decrypt the body: 1 AES-256-GCM segment, each with two layers (WebCrypto outside, @noble/ciphers inside)',
  ])
  await expect(
    page.getByRole('region', { name: 'Request inspector' }).getByTestId('exchange').filter({ hasText: 'kms:Decrypt' }),
  ).toHaveCount(2)
  await panel.getByTestId('walk-result').scrollIntoViewIfNeeded()
  await shot(page, testInfo, 'walkthrough-dsse')

  // SSE-C: a wrong key stops at the HMAC check; the right one decrypts. The field is emptied after each try.
  panel = await onDisk(page, 'ssec.txt')
  const ssec = panel.getByTestId('walkthrough')
  await ssec.getByLabel('Your SSE-C key').fill('0000000000000000000000000000000a')
  await ssec.getByRole('button', { name: 'Decrypt it step by step' }).click()
  await expect(ssec.locator('[data-failed="true"]')).toContainText('not the key the object was uploaded with')
  await expect(ssec.getByLabel('Your SSE-C key')).toHaveValue('')
  await ssec.getByLabel('Your SSE-C key').fill(SSE_C_KEY)
  await ssec.getByRole('button', { name: 'Decrypt it step by step' }).click()
  await expect(ssec.getByTestId('walk-result')).toBeVisible()
  await expect(ssec).toContainText(`"${PLAINTEXT}`)
  await ssec.getByTestId('walk-result').scrollIntoViewIfNeeded()
  await shot(page, testInfo, 'walkthrough-sse-c')
})
