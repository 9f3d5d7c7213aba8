/** Helpers for the playground's panels: run a series of commands, open a panel, attach screenshots to the report. */
import { expect, type Page, type TestInfo } from '@playwright/test'
import { typeCommand } from './terminal'

/** Types each command and fails on the first that does not exit 0. Returns the outputs. */
export async function runAll(page: Page, commands: string[]): Promise<string[]> {
  const outputs: string[] = []
  for (const c of commands) {
    const out = await typeCommand(page, c)
    expect(out, c).toContain('exit code 0')
    outputs.push(out)
  }
  return outputs
}

/** The side panels' tab list (the inspector is one of them in a lesson). */
export const panels = (page: Page) => page.getByRole('tablist', { name: 'Playground panels' })

export async function openPanel(
  page: Page,
  name: 'Inspector' | 'Buckets' | 'Keys' | 'Audit' | 'Policy' | 'Storage' | 'Files',
) {
  await panels(page).getByRole('tab', { name }).click()
  await expect(panels(page).getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true')
}

/** A screenshot in the test report (and in test-results/ beside it). */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Waits until the playground has saved more than `after` times and has nothing left to save; returns the count. */
export async function savedAfter(page: Page, after: number): Promise<number> {
  const bar = page.getByTestId('state-bar')
  await expect
    .poll(async () => Number(await bar.getAttribute('data-save-count')), { timeout: 10_000 })
    .toBeGreaterThan(after)
  await expect(bar).toHaveAttribute('data-save-pending', 'false')
  await expect(bar).toHaveAttribute('data-save-state', 'saved')
  return Number(await bar.getAttribute('data-save-count'))
}

export const saveCount = async (page: Page) =>
  Number(await page.getByTestId('state-bar').getAttribute('data-save-count'))

/** The KeyId a `aws kms create-key` printed. */
export const keyIdOf = (output: string) => /"KeyId": "([0-9a-f-]{36})"/.exec(output)?.[1] ?? ''

/** Makes the bucket that the panel tests share, with one object in every encryption mode. */
export async function everyMode(page: Page, bucket: string, sseCKey: string) {
  const [, , created] = await runAll(page, [
    `aws s3 mb s3://${bucket}`,
    'echo "hello storage" > a.txt',
    'aws kms create-key --description "app data"',
  ])
  const keyId = keyIdOf(created!)
  expect(keyId).not.toBe('')
  await runAll(page, [
    `aws kms create-alias --alias-name alias/app --target-key-id ${keyId}`,
    `aws kms enable-key-rotation --key-id ${keyId}`,
    `aws s3api put-bucket-encryption --bucket ${bucket} --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
    `aws s3 cp a.txt s3://${bucket}/s3.txt`,
    `aws s3 cp a.txt s3://${bucket}/kms.txt --sse aws:kms --sse-kms-key-id alias/app`,
    `aws s3 cp a.txt s3://${bucket}/dsse.txt --sse aws:kms:dsse --sse-kms-key-id alias/app`,
    `aws s3 cp a.txt s3://${bucket}/ssec.txt --sse-c AES256 --sse-c-key ${sseCKey}`,
    `aws s3api put-object --bucket ${bucket} --key cse.bin --body a.txt --metadata x-amz-key-v2=AQID,x-amz-iv=BAUG,x-amz-cek-alg=AES/GCM/NoPadding`,
  ])
  return keyId
}

/** A bucket policy that denies uploads which do not ask for server-side encryption (AWS's own example). */
export const DENY_UNENCRYPTED = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyUnencrypted',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
      },
    ],
  })
