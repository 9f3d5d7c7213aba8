/**
 * The Monaco editors as a learner uses them: a bucket's default encryption, its policy and a key policy,
 * each with schema completion and validation markers, loaded and applied through the SDK (the inspector
 * shows the calls, the panels the new state, S3's and KMS's refusals shown as they came); and the SDK
 * scratchpad running in its sandboxed worker, with an endless loop stopped by the timeout. Monaco comes from our own
 * origin: nothing leaves for a CDN.
 */
import { expect, test, type Page } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { keyIdOf, openPanel, panels, runAll, shot } from './panels'

const inspector = (page: Page) => page.getByRole('region', { name: 'Request inspector' })
const exchangeFor = (page: Page, operation: string) =>
  inspector(page).getByTestId('exchange').filter({ hasText: operation })
const editorIn = (page: Page, testId: string) => page.getByTestId(testId).locator('.monaco-editor').first()

/** Replaces the editor's whole text with one line, as a paste would (typing would meet Monaco's auto-closing and auto-indent). */
async function replaceText(page: Page, testId: string, text: string) {
  await editorIn(page, testId).click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

/** Console reports of Content-Security-Policy violations (the static server sends the site's strict policy). */
function cspViolations(page: Page): string[] {
  const seen: string[] = []
  page.on(
    'console',
    (m) => /Content Security Policy|Refused to (evaluate|load|create|execute)/i.test(m.text()) && seen.push(m.text()),
  )
  return seen
}

/** Requests that left for anywhere but this origin and the emulator's `.invalid` hosts (a CDN, say). */
function offOrigin(page: Page, origin: string): string[] {
  const seen: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (
      url.origin !== origin &&
      !url.hostname.endsWith('.emulator.invalid') &&
      url.protocol !== 'data:' &&
      url.protocol !== 'blob:'
    )
      seen.push(r.url())
  })
  return seen
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 })
})

test('configuration editors: completion, validation, Apply through the SDK, errors as the service gave them', async ({
  page,
  baseURL,
}, testInfo) => {
  const away = offOrigin(page, new URL(baseURL!).origin)
  const csp = cspViolations(page)
  await page.goto('/playground/')
  await waitForPlayground(page)
  const [, created] = await runAll(page, ['aws s3 mb s3://edit-me', 'aws kms create-key --description "editor key"'])
  const keyId = keyIdOf(created!)
  await runAll(page, [`aws kms create-alias --alias-name alias/editor --target-key-id ${keyId}`])

  await panels(page).getByRole('tab', { name: 'Editors' }).click()
  const status = page.getByTestId('config-editor-status')
  // Loaded with GetBucketEncryption: every bucket has SSE-S3 by default.
  await expect(editorIn(page, 'config-editor')).toContainText('AES256')
  await expect(exchangeFor(page, 'GetBucketEncryption')).toHaveCount(1)

  // Completion offers the SSEAlgorithm values, with what each one means.
  await replaceText(page, 'config-editor', '{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": ')
  await page.keyboard.press('Control+Space')
  const suggest = page.locator('.suggest-widget.visible')
  await expect(suggest).toContainText('"aws:kms:dsse"')
  await expect(suggest).toContainText('"AES256"')
  await shot(page, testInfo, 'encryption-completion')
  await page.keyboard.press('Escape')

  // Validation: an unknown algorithm is marked.
  await replaceText(
    page,
    'config-editor',
    '{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES128"}}]}',
  )
  await expect(editorIn(page, 'config-editor').locator('.squiggly-error')).not.toHaveCount(0)
  await shot(page, testInfo, 'encryption-invalid')
  // Sent anyway, S3 refuses it as it would.
  await page.getByRole('button', { name: 'Apply (PutBucketEncryption)' }).click()
  await expect(page.getByTestId('service-error')).toContainText('PutBucketEncryption failed (HTTP 400): MalformedXML')

  await replaceText(
    page,
    'config-editor',
    '{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/editor"}, "BucketKeyEnabled": true}]}',
  )
  await expect(editorIn(page, 'config-editor').locator('.squiggly-error')).toHaveCount(0)
  await page.getByRole('button', { name: 'Apply (PutBucketEncryption)' }).click()
  await expect(status).toContainText('PutBucketEncryption succeeded')
  await expect(exchangeFor(page, 'PutBucketEncryption').filter({ hasText: '200' })).toHaveCount(1)
  await shot(page, testInfo, 'encryption-applied')

  // Bucket policy: none yet; a resource outside the bucket is marked, and S3 says MalformedPolicy.
  await page.getByLabel('Document').selectOption({ label: 'Bucket policy' })
  await expect(status).toContainText('no policy yet')
  await expect(exchangeFor(page, 'GetBucketPolicy').filter({ hasText: '404' })).toHaveCount(1)
  const statement = (resource: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RequireKms',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: resource,
          Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        },
      ],
    })
  await replaceText(page, 'config-editor', statement('arn:aws:s3:::another-bucket/*'))
  await expect(editorIn(page, 'config-editor').locator('.squiggly-error')).not.toHaveCount(0)
  await page.getByRole('button', { name: 'Apply (PutBucketPolicy)' }).click()
  await expect(page.getByTestId('service-error')).toContainText(
    'PutBucketPolicy failed (HTTP 400): MalformedPolicy: Policy has invalid resource',
  )
  await shot(page, testInfo, 'policy-refused')
  // Condition keys complete inside an operator block.
  await replaceText(page, 'config-editor', '{"Statement": [{"Condition": {"StringNotEquals": {')
  await page.keyboard.press('Control+Space')
  await expect(suggest).toContainText('s3:x-amz-server-side-encryption-aws-kms-key-id')
  await shot(page, testInfo, 'policy-condition-keys')
  await page.keyboard.press('Escape')
  await replaceText(page, 'config-editor', statement('arn:aws:s3:::edit-me/*'))
  await expect(editorIn(page, 'config-editor').locator('.squiggly-error')).toHaveCount(0)
  await page.getByRole('button', { name: 'Apply (PutBucketPolicy)' }).click()
  await expect(status).toContainText('PutBucketPolicy succeeded')
  await expect(exchangeFor(page, 'PutBucketPolicy').filter({ hasText: '204' })).toHaveCount(1)

  // Key policy: loaded with GetKeyPolicy; one that locks you out is refused by KMS's safety check.
  await page.getByLabel('Document').selectOption({ label: 'Key policy' })
  await expect(editorIn(page, 'config-editor')).toContainText('Enable IAM User Permissions')
  await replaceText(
    page,
    'config-editor',
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }],
    }),
  )
  await page.getByRole('button', { name: 'Apply (PutKeyPolicy)' }).click()
  await expect(page.getByTestId('service-error')).toContainText(
    'PutKeyPolicy failed (HTTP 400): MalformedPolicyDocumentException: The new key policy will not allow you to update the key policy in the future.',
  )
  const onlyThroughS3 = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'DenyUseOutsideS3',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      },
    ],
  }
  await replaceText(page, 'config-editor', JSON.stringify(onlyThroughS3))
  await page.getByRole('button', { name: 'Apply (PutKeyPolicy)' }).click()
  await expect(status).toContainText('PutKeyPolicy succeeded')
  await expect(
    inspector(page).getByTestId('exchange').filter({ hasText: 'kms:PutKeyPolicy' }).filter({ hasText: '200' }),
  ).toHaveCount(1)
  await shot(page, testInfo, 'key-policy-applied')

  // The new state, where a learner looks for it: the Buckets and Policy panels, and KMS itself.
  await openPanel(page, 'Buckets')
  const bucket = page.getByRole('region', { name: 'Bucket edit-me' })
  await expect(bucket.locator('[data-badge]').first()).toHaveAttribute('data-badge', 'SSE-KMS')
  await expect(bucket).toContainText('Bucket Key')
  await openPanel(page, 'Policy')
  await expect(page.getByTestId('policy-panel')).toContainText('RequireKms')
  const [policy] = await runAll(page, [`aws kms get-key-policy --key-id ${keyId} --policy-name default --output text`])
  expect(policy).toContain('DenyUseOutsideS3')
  // The policy now works: a direct Decrypt is denied, S3's on the learner's behalf is not.
  await runAll(page, [
    'echo hi > hi.txt',
    'aws s3 cp hi.txt s3://edit-me/hi.txt --sse aws:kms',
    'aws s3 cp s3://edit-me/hi.txt back.txt',
  ])
  await shot(page, testInfo, 'panels-after-apply')

  expect(away, 'requests that left for another origin').toEqual([])
  expect(csp, 'Content-Security-Policy violations').toEqual([])
})

test('SDK scratchpad: runs TypeScript in a worker against the emulator, and stops an endless loop', async ({
  page,
  baseURL,
}, testInfo) => {
  const away = offOrigin(page, new URL(baseURL!).origin)
  const csp = cspViolations(page)
  const workers: string[] = []
  page.on('worker', (w) => workers.push(w.url()))
  await page.goto('/playground/')
  await waitForPlayground(page)
  await panels(page).getByRole('tab', { name: 'SDK scratchpad' }).click()
  const consolePane = page.getByTestId('scratchpad-console')
  await expect(editorIn(page, 'scratchpad')).toContainText('PutObjectCommand')

  // The first example: put with SSE-KMS, then HeadObject, printing the encryption headers.
  await page.getByRole('button', { name: '▶ Run' }).click()
  await expect(consolePane).toContainText('Finished in', { timeout: 30_000 })
  await expect(consolePane).toContainText('Running on emulator (in this page)')
  await expect(consolePane).toContainText('"x-amz-server-side-encryption": "aws:kms"')
  await expect(consolePane).toContainText(
    /"x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key\//,
  )
  // The worker's requests went through the page: the inspector has them.
  await expect(exchangeFor(page, 'PutObject').filter({ hasText: 'aws:kms' }).first()).toBeVisible()
  await expect(exchangeFor(page, 'HeadObject').first()).toBeVisible()
  await expect(inspector(page).getByTestId('exchange').filter({ hasText: 'kms:CreateKey' })).toHaveCount(1)
  await shot(page, testInfo, 'scratchpad-run')
  // The program ran in a worker started from a blob: URL by the sandbox (an opaque origin: blob:null/...).
  expect(
    workers.some((u) => u.startsWith('blob:null/')),
    workers.join(', '),
  ).toBe(true)

  // SSE-C example: errors print with the AWS error name, message and status.
  await page.getByLabel('Example').selectOption({ label: 'Write and read an SSE-C object' })
  await page.getByRole('button', { name: '▶ Run' }).click()
  await expect(consolePane).toContainText('With the key: Readable only with the key.', { timeout: 30_000 })
  await expect(consolePane.locator('[data-level="error"]')).toContainText(
    /Without the key: InvalidRequest: .*\(HTTP 400, client fault\)/,
  )

  // TypeScript is checked in the editor.
  await replaceText(page, 'scratchpad', "const n: number = 'not a number'\nconsole.log(n)\n")
  await expect(editorIn(page, 'scratchpad').locator('.squiggly-error')).not.toHaveCount(0)

  // JavaScript too, with objects pretty-printed.
  await page.getByLabel('Language').selectOption('javascript')
  await replaceText(
    page,
    'scratchpad',
    "const { ListBucketsCommand } = require('@aws-sdk/client-s3')\nconst out = await s3.send(new ListBucketsCommand({}))\nconsole.log({ buckets: out.Buckets.map((b) => b.Name) })\n",
  )
  await page.getByRole('button', { name: '▶ Run' }).click()
  await expect(consolePane).toContainText('Finished in', { timeout: 30_000 })
  await expect(consolePane).toContainText(
    /\{\n {2}"buckets": \[\n {4}"scratchpad-demo",\n {4}"scratchpad-ssec"\n {2}\]\n\}/,
  )
  await page.getByLabel('Language').selectOption('typescript')

  // An endless loop: the worker is terminated after the timeout, with a clear message.
  await page.getByLabel('Timeout (s)').fill('2')
  await replaceText(page, 'scratchpad', "console.log('looping')\nwhile (true) {}\n")
  await page.getByRole('button', { name: '▶ Run' }).click()
  await expect(consolePane).toContainText('looping')
  await expect(consolePane).toContainText('Stopped after 2 s: the program was still running', { timeout: 10_000 })
  await expect(page.getByRole('button', { name: '▶ Run' })).toBeEnabled()
  await shot(page, testInfo, 'scratchpad-timeout')

  expect(away, 'requests that left for another origin').toEqual([])
  expect(csp, 'Content-Security-Policy violations').toEqual([])
})
