/**
 * Share links, as a learner uses them: Share copies a link and shows its length; opening it in a fresh
 * browser rebuilds the buckets, key, object and files with fresh keys and says what was not shareable.
 * Every secret used (SSE-C keys inline and from a file, an AWS secret, a KMS plaintext, a data key)
 * is searched for, raw, base64, base64url and hex, in the link, the export file and IndexedDB (the saved
 * state and the checkpoints) and is not found; nor is any key material of the export in the link.
 */
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { typeCommand, waitForPlayground } from './terminal'
import { keyIdOf, openPanel, runAll, saveCount, savedAfter, shot } from './panels'

const SSE_C_KEY = 'share0123456789abcdef0123456789a'
const FILE_KEY = 'sharefilekeyabcdefabcdefabcdef12'
const AWS_SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiSHARESECRETKEY'
const KMS_PLAINTEXT = 'the learner encrypted this with kms'

const forms = (bytes: Buffer) => [
  bytes.toString('base64'),
  bytes.toString('base64url'),
  bytes.toString('hex'),
  bytes.toString('hex').toUpperCase(),
]
const secretForms = (raw: (string | Buffer)[]) =>
  raw.flatMap((s) => (typeof s === 'string' ? [s, ...forms(Buffer.from(s))] : forms(s)))

/** Every record of an IndexedDB database, as JSON text. */
const dumpDatabase = (page: Page, name: string) =>
  page.evaluate(
    (db) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open(db)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const names = [...open.result.objectStoreNames]
          if (names.length === 0) return resolve('')
          const tx = open.result.transaction(names)
          const out: unknown[] = []
          for (const n of names) {
            const all = tx.objectStore(n).getAll()
            all.onsuccess = () => out.push(all.result)
          }
          tx.oncomplete = () => {
            open.result.close()
            resolve(
              JSON.stringify(out, (_k, v: unknown) =>
                v instanceof Uint8Array
                  ? {
                      hex: Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(''),
                      latin1: Array.from(v, (b) => String.fromCharCode(b)).join(''),
                    }
                  : v,
              ),
            )
          }
        }
      }),
    name,
  )

/** The scenario JSON inside a link (decompressed in the page, as the app does). */
const decodeLink = (page: Page, link: string) =>
  page.evaluate(async (encoded) => {
    const bin = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0))
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text()
  }, link.split('#scenario=')[1]!)

test('a share link rebuilds the scenario in a fresh browser and holds no secret', async ({
  page,
  browser,
}, testInfo) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  const before = await saveCount(page)
  const [created] = await runAll(page, ['aws kms create-key --description "shared key"'])
  const keyId = keyIdOf(created!)
  await runAll(page, [
    `aws kms create-alias --alias-name alias/shared --target-key-id ${keyId}`,
    'aws s3 mb s3://share-e2e',
    `aws s3api put-bucket-encryption --bucket share-e2e --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/shared"},"BucketKeyEnabled":true,"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
    'echo "shared contents" > note.txt',
    'aws s3 cp note.txt s3://share-e2e/note.txt --sse aws:kms --sse-kms-key-id alias/shared',
    `aws s3 cp note.txt s3://share-e2e/inline-key.txt --sse-c AES256 --sse-c-key ${SSE_C_KEY}`,
    `echo -n ${FILE_KEY} > customer.key`,
    'aws s3 cp note.txt s3://share-e2e/file-key.txt --sse-c AES256 --sse-c-key fileb://customer.key',
    `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
    `aws kms encrypt --key-id alias/shared --plaintext "${KMS_PLAINTEXT}" --cli-binary-format raw-in-base64-out --output text --query KeyId`,
  ])
  const [dataKeyOut] = await runAll(page, [
    'aws kms generate-data-key --key-id alias/shared --key-spec AES_256 --output text --query Plaintext',
  ])
  const dataKey = Buffer.from(/([A-Za-z0-9+/]{43}=)/.exec(dataKeyOut!)![1]!, 'base64')
  expect(dataKey).toHaveLength(32)
  await savedAfter(page, before)
  // A checkpoint too, so the search covers the checkpoint store.
  await page.keyboard.press('Alt+Shift+C')
  await page.keyboard.type('Before sharing')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Checkpoints' }).getByTestId('checkpoint')).toHaveCount(1)
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Share', exact: true }).click()
  const share = page.getByRole('region', { name: 'Share link' })
  const link = await share.getByTestId('share-link').inputValue()
  expect(link).toMatch(/\/playground\/#scenario=[A-Za-z0-9_-]+$/)
  await expect(share.getByTestId('share-length')).toContainText(`${link.length.toLocaleString('en-GB')} characters`)
  await share.getByText(/Not in the link/).click()
  await expect(share.getByTestId('share-not-shared')).toContainText(
    's3://share-e2e/inline-key.txt: SSE-C, and its key is never put in a link',
  )
  await shot(page, testInfo, 'share')
  const scenario = await decodeLink(page, link)
  expect(scenario).toContain('"alias/shared"')

  const exportDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const exported = await readFile(await (await exportDownload).path(), 'utf8')
  const stored = await dumpDatabase(page, 's3-encryption-playground')
  const checkpoints = await dumpDatabase(page, 's3-encryption-playground-checkpoints')
  expect(stored).toContain('share-e2e')
  expect(checkpoints).toContain('Before sharing')

  const secrets = secretForms([SSE_C_KEY, FILE_KEY, AWS_SECRET, KMS_PLAINTEXT, dataKey])
  for (const [where, text] of Object.entries({ link, scenario, exported, stored, checkpoints }))
    for (const secret of secrets) expect(text.includes(secret), `${where} holds ${secret}`).toBe(false)
  // The export holds the emulator's own key material (as --data-dir does); the link never does.
  const snapshot = JSON.parse(exported) as {
    emulator: { rootKeys: { material: string }[]; kms: { keys: { materials: { bytes: string }[] }[] } }
  }
  const material = [
    ...snapshot.emulator.rootKeys.map((k) => k.material),
    ...snapshot.emulator.kms.keys.flatMap((k) => k.materials.map((m) => m.bytes)),
  ]
  expect(material.length).toBeGreaterThan(1)
  for (const m of secretForms(material.map((b) => Buffer.from(b, 'base64')))) {
    expect(link.includes(m), `link holds key material ${m}`).toBe(false)
    expect(scenario.includes(m), `scenario holds key material ${m}`).toBe(false)
  }

  // Opened in a brand-new browser profile: the same scenario, fresh keys, and what was left out is named.
  const other = await browser.newContext()
  const fresh = await other.newPage()
  await fresh.goto(link)
  await waitForPlayground(fresh)
  const notice = fresh.getByTestId('shared-notice')
  await expect(notice).toContainText('1 bucket, 1 object, 1 KMS key, 1 file')
  await notice.getByText(/Not shareable/).click()
  await expect(notice.getByTestId('shared-not-shared')).toContainText(
    's3://share-e2e/file-key.txt: SSE-C, and its key is never put in a link',
  )
  await expect(notice.getByTestId('shared-not-shared')).toContainText(
    '/home/learner/customer.key: a key file, never shared',
  )
  expect(new URL(fresh.url()).hash).toBe('')
  expect(await typeCommand(fresh, 'aws s3 cp s3://share-e2e/note.txt - && cat note.txt')).toContain(
    'shared contents\nshared contents',
  )
  const encryption = await typeCommand(
    fresh,
    'aws s3api get-bucket-encryption --bucket share-e2e --query "ServerSideEncryptionConfiguration.Rules[0]" --output json',
  )
  expect(encryption).toContain('"KMSMasterKeyID": "alias/shared"')
  expect(encryption).toContain('"BucketKeyEnabled": true')
  const described = await typeCommand(
    fresh,
    'aws kms describe-key --key-id alias/shared --query KeyMetadata.KeyId --output text',
  )
  expect(described).toMatch(/[0-9a-f-]{36}/)
  expect(described).not.toContain(keyId)
  await openPanel(fresh, 'Buckets')
  await expect(fresh.getByTestId('bucket-object')).toHaveCount(1)
  await shot(fresh, testInfo, 'opened-from-link')
  // The learner's previous work in that browser was kept as a checkpoint.
  await fresh.getByRole('button', { name: /^Checkpoints/ }).click()
  await expect(fresh.getByRole('region', { name: 'Checkpoints' }).getByTestId('checkpoint')).toContainText([
    'Before opening a shared link',
  ])
  await other.close()
})

test('a damaged link says so and leaves the playground alone', async ({ page }) => {
  await page.goto('/playground/#scenario=AAAAbroken')
  await waitForPlayground(page)
  await expect(page.getByTestId('shared-notice')).toContainText('The shared link could not be opened')
  expect(await typeCommand(page, 'aws s3 ls')).toContain('exit code 0')
})
