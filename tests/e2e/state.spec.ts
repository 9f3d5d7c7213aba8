/**
 * State a learner can keep and hand around: everything survives a reload (IndexedDB), exports to a file and
 * imports back, resets, and a damaged record gives a clear message and a way out, never a blank page. No
 * secret used in the session reaches the saved record or the exported file.
 */
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { screenText, typeCommand, waitForPlayground } from './terminal'
import { keyIdOf, openPanel, runAll, saveCount, savedAfter, shot } from './panels'

const SSE_C_KEY = '0123456789abcdef0123456789abcdef'
const FILE_KEY = 'abcdefabcdefabcdefabcdefabcdef12'
const AWS_SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEYXYZ'
const KMS_PLAINTEXT = 'a secret the learner encrypted'

/** The stored record, read straight from IndexedDB as the page sees it. */
const storedRecord = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('s3-encryption-playground', 1)
        open.onupgradeneeded = () => open.result.createObjectStore('state')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const get = open.result.transaction('state').objectStore('state').get('playground')
          get.onsuccess = () => {
            open.result.close()
            resolve(get.result)
          }
        }
      }),
  )

const writeRecord = (page: Page, value: unknown) =>
  page.evaluate(
    (v) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('s3-encryption-playground', 1)
        open.onupgradeneeded = () => open.result.createObjectStore('state')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('state', 'readwrite')
          tx.objectStore('state').put(v, 'playground')
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
        }
      }),
    value,
  )

const secretForms = [
  SSE_C_KEY,
  Buffer.from(SSE_C_KEY).toString('base64'),
  FILE_KEY,
  Buffer.from(FILE_KEY).toString('base64'),
  AWS_SECRET,
  KMS_PLAINTEXT,
  Buffer.from(KMS_PLAINTEXT).toString('base64'),
]

test('reload keeps buckets, objects, keys, files, history and environment', async ({ page }, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const before = await saveCount(page)
  await runAll(page, [
    'aws s3 mb s3://kept',
    'mkdir notes',
    'echo "kept across reloads" > notes/a.txt',
    'aws s3 cp notes/a.txt s3://kept/a.txt --sse aws:kms',
    'export REGION_NOTE=eu-west-1',
    'cd notes',
  ])
  await savedAfter(page, before)

  await page.reload()
  await waitForPlayground(page)
  await expect(page.getByTestId('state-bar')).toContainText('Restored your work')
  expect(await typeCommand(page, 'aws s3 cp s3://kept/a.txt back.txt && cat back.txt a.txt')).toContain(
    'kept across reloads\nkept across reloads',
  )
  expect(await typeCommand(page, 'echo $REGION_NOTE')).toContain('eu-west-1')
  expect(await typeCommand(page, 'pwd')).toContain('/home/learner/notes')
  await openPanel(page, 'Keys')
  const requests = page.getByRole('listitem', { name: 'Key alias/aws/s3' }).getByTestId('key-requests')
  await expect(requests).toContainText('GenerateDataKey 1')
  await expect(requests).toContainText(/Decrypt [1-9]/)
  // History: the up arrow reaches commands typed before the reload.
  await page.getByTestId('terminal').click()
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowUp')
  await expect.poll(() => screenText(page)).toContain('$ cd notes')
  await page.keyboard.press('Control+C')
  await shot(page, testInfo, 'after-reload')
})

test('export holds the work and no secret; import rebuilds it in a fresh browser; reset empties everything', async ({
  page,
  browser,
}, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const before = await saveCount(page)
  await runAll(page, [
    'aws s3 mb s3://shared',
    `aws s3api put-bucket-encryption --bucket shared --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
    'echo "shared object" > doc.txt',
    `aws s3 cp doc.txt s3://shared/inline.txt --sse-c AES256 --sse-c-key ${SSE_C_KEY}`,
    `echo -n ${FILE_KEY} > customer.key`,
    'aws s3 cp doc.txt s3://shared/from-file.txt --sse-c AES256 --sse-c-key fileb://customer.key',
    `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
  ])
  const [created] = await runAll(page, ['aws kms create-key --description shared'])
  await runAll(page, [
    `aws kms encrypt --key-id ${keyIdOf(created!)} --plaintext "${KMS_PLAINTEXT}" --cli-binary-format raw-in-base64-out --output text --query KeyId`,
  ])
  await savedAfter(page, before)

  // The stored record and the exported file: the work is there, the secrets are not.
  const record = String(await storedRecord(page))
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const file = await (await download).path()
  const exported = await readFile(file, 'utf8')
  for (const text of [record, exported]) {
    expect(text).toContain('"name":"shared"')
    expect(text).toContain('inline.txt')
    for (const secret of secretForms) expect(text, secret).not.toContain(secret)
    expect(text).toContain('--sse-c-key <secret not saved>')
    expect(text).toContain('"omitted":["/home/learner/customer.key"]')
  }
  await testInfo.attach('export.json', { path: file, contentType: 'application/json' })

  // Import into a brand-new browser profile.
  const other = await browser.newContext()
  const fresh = await other.newPage()
  await fresh.goto('/playground/')
  await waitForPlayground(fresh)
  const chooser = fresh.waitForEvent('filechooser')
  await fresh.getByRole('button', { name: 'Import…' }).click()
  await (await chooser).setFiles(file)
  await fresh.waitForEvent('load')
  await waitForPlayground(fresh)
  await openPanel(fresh, 'Buckets')
  await expect(fresh.getByTestId('bucket-object')).toHaveCount(2)
  expect(
    await typeCommand(
      fresh,
      `aws s3 cp s3://shared/inline.txt got.txt --sse-c AES256 --sse-c-key ${SSE_C_KEY} && cat got.txt`,
    ),
  ).toContain('shared object')
  expect(await typeCommand(fresh, 'cat customer.key')).toContain('No such file or directory')
  await shot(fresh, testInfo, 'imported')

  // A file that is not an export is refused, and nothing changes.
  const chooser2 = fresh.waitForEvent('filechooser')
  await fresh.getByRole('button', { name: 'Import…' }).click()
  await (
    await chooser2
  ).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') })
  await expect(fresh.getByRole('alert').filter({ hasText: 'notes.json' })).toContainText(
    'notes.json was not imported: it is not a playground save',
  )
  await expect(fresh.getByTestId('bucket-object')).toHaveCount(2)
  await other.close()

  // Reset: confirm, and everything is gone, saved record included.
  await page.getByRole('button', { name: 'Reset everything' }).click()
  await page.getByRole('button', { name: 'Yes, reset' }).click()
  await page.waitForEvent('load')
  await waitForPlayground(page)
  await openPanel(page, 'Buckets')
  await expect(page.getByText('No buckets yet.')).toBeVisible()
  expect(await typeCommand(page, 'ls')).not.toContain('doc.txt')
  // The old record is gone; the `ls` just run was saved before its output showed (a reload never loses a command),
  // so what is stored now is the fresh session alone.
  const after = JSON.parse(String(await storedRecord(page))) as {
    session: { history: string[]; files: unknown[] }
    emulator: { buckets: unknown[] }
  }
  expect(after.session.history).toEqual(['ls'])
  expect(after.session.files).toEqual([])
  expect(after.emulator.buckets).toEqual([])
})

test('a damaged record: a clear message, the playground still works, and the learner chooses what to do', async ({
  page,
}, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  await writeRecord(page, '{"format":"s3-encryption-playground","version":1,"session":{"cwd":"/home/le')
  await page.reload()
  await waitForPlayground(page)
  const notice = page.getByTestId('damaged-notice')
  await expect(notice).toContainText('Your saved playground could not be restored: it is not valid JSON')
  await expect(page.getByTestId('state-bar')).toHaveAttribute('data-save-state', 'paused')
  await shot(page, testInfo, 'damaged')

  // The playground works meanwhile, and nothing overwrites the damaged record.
  await runAll(page, ['aws s3 mb s3://meanwhile'])
  await page.waitForTimeout(600)
  expect(String(await storedRecord(page))).toContain('"cwd":"/home/le')
  // Download keeps the record as it was.
  const download = page.waitForEvent('download')
  await notice.getByRole('button', { name: 'Download the damaged record' }).click()
  expect(await readFile(await (await download).path(), 'utf8')).toBe(
    '{"format":"s3-encryption-playground","version":1,"session":{"cwd":"/home/le',
  )
  // Start fresh: the notice goes, saving resumes with this session.
  await notice.getByRole('button', { name: 'Start fresh' }).click()
  await expect(notice).toBeHidden()
  await expect.poll(async () => String(await storedRecord(page))).toContain('"name":"meanwhile"')

  // A record from another version is explained too.
  const saved = JSON.parse(String(await storedRecord(page))) as Record<string, unknown>
  await writeRecord(page, JSON.stringify({ ...saved, version: 7 }))
  await page.reload()
  await waitForPlayground(page)
  await expect(page.getByTestId('damaged-notice')).toContainText(
    'it was saved in format version 7, and this playground reads version 1',
  )
  // ...and so is one whose emulator part cannot be restored.
  await writeRecord(page, JSON.stringify({ ...saved, emulator: { version: 99 } }))
  await page.reload()
  await waitForPlayground(page)
  await expect(page.getByTestId('damaged-notice')).toContainText('the saved state cannot be restored')
  await page.getByTestId('damaged-notice').getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByTestId('damaged-notice')).toBeVisible()
})

test('two tabs: when one saves, the other stops saving and lets the learner choose', async ({
  page,
  context,
}, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const second = await context.newPage()
  await second.goto('/playground/')
  await waitForPlayground(second)

  const before = await saveCount(page)
  await runAll(page, ['aws s3 mb s3://first-tab'])
  await savedAfter(page, before)
  const bar = second.getByTestId('state-bar')
  await expect(bar).toContainText('another tab saved newer work')
  await expect(bar).toHaveAttribute('data-save-state', 'paused')
  // Work in the second tab no longer overwrites the first tab's save.
  await runAll(second, ['aws s3 mb s3://second-tab'])
  await second.waitForTimeout(600)
  expect(String(await storedRecord(second))).toContain('"name":"first-tab"')
  await shot(second, testInfo, 'other-tab')

  // Keeping this tab's work saves it, and now the first tab is the one told.
  await bar.getByRole('button', { name: "Keep this tab's (replaces it)" }).click()
  await expect.poll(async () => String(await storedRecord(second))).toContain('"name":"second-tab"')
  await expect(page.getByTestId('state-bar')).toContainText('another tab saved newer work')
  // Reloading there loads it.
  await page.getByTestId('state-bar').getByRole('button', { name: "Reload to load the other tab's" }).click()
  await waitForPlayground(page)
  await openPanel(page, 'Buckets')
  await expect(page.getByRole('region', { name: 'Bucket second-tab' })).toBeVisible()
})
