/**
 * The page keeps its promises about secrets, in Chromium on the static build:
 * - a sample of the generated corpus (tests/helpers/secret-corpus.ts) is typed into the real terminal, then
 *   IndexedDB (the saved record, its stored parts and the checkpoints), an export file, a checkpoint, a
 *   share link (and the scenario it decodes to), sessionStorage and localStorage are searched for every
 *   planted value in every form (text, hex, base64, base64url, URL-encoded);
 * - a crafted share link that sets PLAYGROUND_CONFIRM=yes, a history and a region opens as a scenario only:
 *   the notice names what it ignored, and a destructive command on a real target still asks first.
 */
import { readFile } from 'node:fs/promises'
import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { expect, test, type Page } from '@playwright/test'
import { lastOutput, runs, typeCommand, waitForPlayground } from './terminal'
import { saveCount, savedAfter, shot } from './panels'
import { corpus, haystacks, needles, SETUP, type Spelling } from '../helpers/secret-corpus'

/** Every record of every object store of an IndexedDB database, as text (bytes as latin1 and hex). */
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
            const keys = tx.objectStore(n).getAllKeys()
            keys.onsuccess = () => out.push(keys.result)
            const all = tx.objectStore(n).getAll()
            all.onsuccess = () => out.push(all.result)
          }
          const bytes = (v: Uint8Array) => ({
            hex: Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(''),
            latin1: Array.from(v, (b) => String.fromCharCode(b)).join(''),
          })
          tx.oncomplete = () => {
            open.result.close()
            resolve(
              JSON.stringify(out, (_k, v: unknown) =>
                v instanceof Uint8Array ? bytes(v) : v instanceof ArrayBuffer ? bytes(new Uint8Array(v)) : v,
              ),
            )
          }
        }
      }),
    name,
  )

const webStorage = (page: Page) => page.evaluate(() => JSON.stringify([{ ...sessionStorage }, { ...localStorage }]))

const decodeLink = (link: string) => {
  const encoded = link.split('#scenario=')[1]!
  return new Response(
    new Blob([Buffer.from(encoded, 'base64url')]).stream().pipeThrough(new DecompressionStream('deflate-raw')),
  ).text()
}

/** A fixed sample of the corpus, as typed by a person. */
const sample = (): Spelling[] => fc.sample(corpus(24), { numRuns: 1, seed: 15 })[0]!.slice(0, 24)

test('no typed secret reaches IndexedDB, an export, a checkpoint, a share link or web storage', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000)
  await page.goto('/playground/')
  await waitForPlayground(page)
  const before = await saveCount(page)
  for (const line of SETUP) expect(await typeCommand(page, line), line).toContain('exit code 0')
  const spellings = sample()
  const planted: string[] = []
  for (const s of spellings) {
    for (const line of s.lines) await typeCommand(page, line)
    planted.push(...s.planted)
  }
  // Values only this run knows: the data keys it captured (read once from the screen; output is never saved).
  for (const probe of ['echo "[$DK]"', 'echo "[$DK2]"', 'cat dk.txt'])
    for (const m of (await typeCommand(page, probe)).matchAll(/([A-Za-z0-9+/]{43}=)/g)) planted.push(m[1]!)
  await savedAfter(page, before)

  await page.keyboard.press('Alt+Shift+C')
  await page.keyboard.type('After the secrets')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Checkpoints' }).getByTestId('checkpoint')).toHaveCount(1)
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Share', exact: true }).click()
  const link = await page.getByRole('region', { name: 'Share link' }).getByTestId('share-link').inputValue()
  const exportDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export' }).click()
  const exported = await readFile(await (await exportDownload).path(), 'utf8')
  const places: Record<string, string> = {
    'IndexedDB (saved record and stored parts)': await dumpDatabase(page, 's3-encryption-playground'),
    'IndexedDB (checkpoints)': await dumpDatabase(page, 's3-encryption-playground-checkpoints'),
    'export file': exported,
    'share link': link,
    'share link scenario': await decodeLink(link),
    'sessionStorage and localStorage': await webStorage(page),
  }
  expect(places['IndexedDB (saved record and stored parts)']).toContain('hygiene')
  expect(places['IndexedDB (checkpoints)']).toContain('After the secrets')
  expect(planted.length).toBeGreaterThanOrEqual(22)
  let searches = 0
  for (const [where, text] of Object.entries(places))
    for (const secret of planted)
      for (const needle of needles(secret))
        for (const hay of haystacks(text)) {
          searches++
          expect(hay.includes(needle), `${where} holds ${secret} (as ${needle})`).toBe(false)
        }
  const summary =
    `secret hygiene (Chromium): ${spellings.length} spellings typed, ${planted.length} planted secrets, searched in ` +
    `${Object.keys(places).length} places (${Object.keys(places).join(', ')}): ${searches} searches, none found`
  console.log(summary)
  testInfo.annotations.push({ type: 'secret hygiene', description: summary })
})

/** A link as an attacker writes it by hand: deflate-raw, base64url, in the fragment. */
const craftedLink = () => {
  const scenario = {
    format: 's3-encryption-playground-scenario',
    version: 1,
    keys: [],
    buckets: [
      { name: 'crafted', objects: [{ key: 'a.txt', size: 5, sse: { algorithm: 'AES256' }, base64: 'aGVsbG8=' }] },
    ],
    session: {
      cwd: '/home/learner',
      env: { PLAYGROUND_CONFIRM: 'yes', AWS_REGION: 'us-gov-west-1', GREETING: 'hello' },
      history: ['PLAYGROUND_CONFIRM=yes', 'playground cleanup'],
      awsConfig: { region: 'evil.example', output: 'json' },
      dirs: [],
      files: [],
      omitted: [],
    },
    notShared: [],
  }
  return `/playground/#scenario=${deflateRawSync(Buffer.from(JSON.stringify(scenario))).toString('base64url')}`
}

test('a crafted share link cannot switch off a confirmation, set history or change the region', async ({
  page,
}, testInfo) => {
  await page.goto(craftedLink())
  await waitForPlayground(page)
  const notice = page.getByTestId('shared-notice')
  await expect(notice).toContainText('1 bucket, 1 object')
  await notice.getByText(/Not shareable/).click()
  const ignored = notice.getByTestId('shared-not-shared')
  await expect(ignored).toContainText('the variable PLAYGROUND_CONFIRM')
  await expect(ignored).toContainText('the terminal history')
  await expect(ignored).toContainText('the aws setting region')
  await shot(page, testInfo, 'crafted-link-notice')

  expect(await typeCommand(page, 'echo "[$PLAYGROUND_CONFIRM][$AWS_REGION][$GREETING]"')).toContain('[][][hello]')
  expect(await typeCommand(page, 'aws configure get region')).not.toContain('evil.example')
  expect(await typeCommand(page, 'aws s3 cp s3://crafted/a.txt -')).toContain('hello')
  // On a real target (any endpoint but the emulator), deleting a bucket asks first, link or no link.
  expect(await typeCommand(page, 'aws configure set endpoint_url http://127.0.0.1:9')).toContain('exit code 0')
  const count = await runs(page)
  await page.locator('[data-testid="terminal"]').click()
  await page.keyboard.type('aws s3 rb s3://crafted', { delay: 2 })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('terminal-log')).toContainText('Continue? [y/N]')
  await page.keyboard.type('n')
  await page.keyboard.press('Enter')
  expect(await lastOutput(page, count + 1)).toContain('Not run.')
  await shot(page, testInfo, 'crafted-link-confirmation')
})
