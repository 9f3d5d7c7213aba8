/**
 * Real S3-compatible servers on loopback as the playground's custom endpoint: the project's own server in
 * strict mode (SigV4 and bucket CORS enforced) and moto. The learner sets the target and credentials in
 * the form, the bucket gets its CORS configuration from the CORS doctor's own command (applied with the
 * real aws CLI, as a learner would from a shell), and the SSE-KMS lesson's commands run in the browser.
 * Then: a CORS misconfiguration reported with its exact fix, and no secret left anywhere the page keeps.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { lastOutput, runs, typeCommand, waitForPlayground } from './terminal'
import { panels, shot } from './panels'

const BASE = Number(process.env.E2E_PORT ?? 3200)
const STRICT_PORT = BASE + 1
const MOTO_PORT = BASE + 2
const CREDS = {
  accessKeyId: 'ASIAE2ESTRICTKEY0001',
  secretAccessKey: 'e2e-strict-secret-Zq81x9Pw',
  sessionToken: 'e2e-session-token-Hk27fLm',
}
const AWS_CLI = ['/usr/bin/aws', 'aws'].find((c) => spawnSync(c, ['--version']).status === 0)
const HAS_MOTO = spawnSync('moto_server', ['--help']).status === 0
const awsHome = mkdtempSync(join(tmpdir(), 'targets-e2e-aws-'))

function cli(
  endpoint: string,
  args: string[],
  creds = CREDS,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
    NODE_ENV: process.env.NODE_ENV,
    HOME: awsHome,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_SESSION_TOKEN: creds.sessionToken,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
  }
  return new Promise((resolve) =>
    execFile(AWS_CLI!, ['--endpoint-url', endpoint, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
}

async function startServer(command: string, args: string[], url: string): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url)
      return child
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  child.kill()
  throw new Error(`${command} did not start on ${url}`)
}

/** Fills the Target form as a learner would. */
async function useTarget(page: Page, endpoint: string, bucket: string) {
  await page.getByRole('button', { name: 'Change target…' }).click()
  const form = page.getByTestId('target-form')
  await form.getByLabel('a custom S3-compatible endpoint').check()
  await form.getByLabel('Endpoint URL').fill(endpoint)
  await form.getByLabel('Sandbox bucket').fill(bucket)
  await form.getByLabel('Access key id').fill(CREDS.accessKeyId)
  await form.getByLabel('Secret access key').fill(CREDS.secretAccessKey)
  await form.getByLabel('Session token').fill(CREDS.sessionToken)
  await form.getByRole('button', { name: 'Use this target' }).click()
  await expect(page.getByTestId('target-badge')).toHaveText(
    `Real target: ${endpoint} (us-east-1, path-style), sandbox bucket ${bucket}`,
  )
}

/** Opens the CORS panel, takes the doctor's command and applies it with the real aws CLI. */
async function applyDoctor(page: Page, endpoint: string, explicitHeaders = false) {
  await panels(page).getByRole('tab', { name: 'CORS' }).click()
  if (explicitHeaders) await page.getByLabel(/List AllowedHeaders by name/).check()
  const command = (await page.getByTestId('cors-command').textContent())!
  const m = /^aws s3api put-bucket-cors --bucket (\S+) --cors-configuration '(.*)'$/.exec(command)!
  expect(m, command).not.toBeNull()
  const applied = await cli(endpoint, ['s3api', 'put-bucket-cors', '--bucket', m[1]!, '--cors-configuration', m[2]!])
  expect(applied.stderr).toBe('')
}

async function typeAndConfirm(page: Page, command: string, answer: string): Promise<string> {
  const before = await runs(page)
  await page.locator('[data-testid="terminal"]').click()
  await page.keyboard.type(command, { delay: 2 })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('terminal-log')).toContainText('Continue? [y/N]')
  await page.keyboard.type(answer)
  await page.keyboard.press('Enter')
  return lastOutput(page, before + 1)
}

/** The SSE-KMS lesson (content/learn/default-sse-kms.mdx) after its `mb`: the sandbox bucket exists already. */
const LESSON = [
  'echo "written before the change" > before.txt',
  'aws s3 cp before.txt s3://my-s3-bucket/before.txt',
  'KEY_ID=$(aws kms create-key --description "Default key for my-s3-bucket" --query KeyMetadata.KeyId --output text)',
  'aws kms create-alias --alias-name alias/my-s3-bucket-key --target-key-id $KEY_ID',
  `aws s3api put-bucket-encryption --bucket my-s3-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/my-s3-bucket-key"}}]}'`,
  'aws s3api get-bucket-encryption --bucket my-s3-bucket',
  'aws s3api head-object --bucket my-s3-bucket --key before.txt --query ServerSideEncryption',
  'aws s3 cp before.txt s3://my-s3-bucket/after.txt',
  'aws s3api head-object --bucket my-s3-bucket --key after.txt',
]

async function runLesson(page: Page): Promise<string[]> {
  const outputs: string[] = []
  for (const c of LESSON) {
    const out = await typeCommand(page, c)
    expect(out, c).toContain('exit code 0')
    outputs.push(out)
  }
  return outputs
}

test.describe('the project server in strict mode as a custom endpoint', () => {
  test.skip(!AWS_CLI, 'the real aws CLI applies the CORS configuration; none is installed')
  let server: ChildProcess
  const endpoint = `http://127.0.0.1:${STRICT_PORT}`
  test.beforeAll(async () => {
    server = await startServer(
      'node_modules/.bin/tsx',
      [
        'scripts/emulator.mts',
        '--port',
        String(STRICT_PORT),
        '--strict',
        '--access-key',
        CREDS.accessKeyId,
        '--secret-key',
        CREDS.secretAccessKey,
        '--session-token',
        CREDS.sessionToken,
      ],
      `${endpoint}/_playground/clock`,
    )
    for (const bucket of ['my-s3-bucket', 'broken-cors'])
      expect((await cli(endpoint, ['s3', 'mb', `s3://${bucket}`])).code).toBe(0)
  })
  test.afterAll(() => void server?.kill())

  test('runs the SSE-KMS lesson through the browser with credentials and the doctor’s CORS', async ({
    page,
  }, testInfo) => {
    await page.goto('/playground/')
    await waitForPlayground(page)
    await useTarget(page, endpoint, 'my-s3-bucket')
    // Before CORS: the browser refuses, and the terminal says why instead of a bare network error.
    const refused = await typeCommand(page, 'aws s3api head-bucket --bucket my-s3-bucket')
    expect(refused).toContain(`Could not connect to the endpoint URL: "${endpoint}/"`)
    expect(refused).toContain('almost always means CORS')
    await applyDoctor(page, endpoint)
    // ListBuckets has no CORS on S3 (nor on the strict server): said plainly.
    expect(await typeCommand(page, 'aws s3 ls')).toContain('ListBuckets cannot be called from a web page')
    await page.getByRole('button', { name: 'Send the preflights' }).click()
    await expect(page.getByTestId('cors-probes').locator('li')).toHaveCount(8)
    await expect(page.getByTestId('cors-probes').locator('li[data-ok="false"]')).toHaveCount(0)

    const out = await runLesson(page)
    expect(out[2]).toContain('[playground] Heads-up, this uses AWS KMS on a real account')
    expect(out[5]).toContain('"SSEAlgorithm": "aws:kms"')
    expect(out[6]).toContain('"AES256"')
    expect(out[8]).toContain('"ServerSideEncryption": "aws:kms"')
    expect(out[8]).toMatch(/"SSEKMSKeyId": "arn:aws:kms:us-east-1:\d{12}:key\/[0-9a-f-]{36}"/)

    // The strict server saw real, verified requests: the object is there for the real aws CLI too.
    const head = JSON.parse(
      (await cli(endpoint, ['s3api', 'head-object', '--bucket', 'my-s3-bucket', '--key', 'after.txt'])).stdout,
    )
    expect(head.ServerSideEncryption).toBe('aws:kms')
    // The inspector lists them as real-target exchanges, read from the SDK's side.
    await panels(page).getByRole('tab', { name: 'Buckets' }).click()
    const inspector = page.getByRole('region', { name: 'Request inspector' })
    const put = inspector.getByTestId('exchange').filter({ hasText: '/my-s3-bucket/after.txt' }).first()
    await expect(put).toContainText('real')
    await put.getByRole('button').first().click()
    await expect(put).toContainText('Response headers the page could read')
    await expect(
      put.locator('tr[data-encryption-header="true"]', { hasText: 'x-amz-server-side-encryption' }).first(),
    ).toContainText('aws:kms')
    await shot(page, testInfo, 'strict-target-lesson')
  })

  test('a CORS misconfiguration is reported with the exact fix, and a refused call is explained', async ({
    page,
  }, testInfo) => {
    await page.goto('/playground/')
    await waitForPlayground(page)
    await useTarget(page, endpoint, 'broken-cors')
    await panels(page).getByRole('tab', { name: 'CORS' }).click()
    const good = JSON.parse(
      /--cors-configuration '(.*)'$/.exec((await page.getByTestId('cors-command').textContent())!)![1]!,
    )
    const rule = good.CORSRules[0]
    rule.AllowedMethods = rule.AllowedMethods.filter((m: string) => m !== 'DELETE')
    rule.ExposeHeaders = rule.ExposeHeaders.filter((h: string) => h !== 'x-amz-server-side-encryption-aws-kms-key-id')
    expect(
      (
        await cli(endpoint, [
          's3api',
          'put-bucket-cors',
          '--bucket',
          'broken-cors',
          '--cors-configuration',
          JSON.stringify(good),
        ])
      ).code,
    ).toBe(0)

    await page.getByRole('button', { name: 'Diagnose s3://broken-cors' }).click()
    const findings = page.getByTestId('cors-finding')
    await expect(findings).toHaveCount(2)
    await expect(findings.nth(0)).toContainText('fix: add "DELETE" to AllowedMethods of rule 1')
    await expect(findings.nth(1)).toContainText(
      'fix: add "x-amz-server-side-encryption-aws-kms-key-id" to ExposeHeaders of rule 1 (S3 allows no wildcard there)',
    )
    await expect(page.getByTestId('cors-fix-command')).toContainText(
      'aws s3api put-bucket-cors --bucket broken-cors --cors-configuration',
    )
    await page.getByRole('button', { name: 'Send the preflights' }).click()
    await expect(page.getByTestId('cors-probes').locator('li[data-ok="false"]')).toHaveText([
      '✗ DELETE DeleteObject: method DELETE (or this origin) refused',
    ])

    // What the missing ExposeHeaders entry does: the key id is sent but the SDK cannot read it.
    await typeCommand(page, 'echo x > x.txt')
    await typeCommand(page, 'aws s3 cp x.txt s3://broken-cors/x.txt --sse aws:kms')
    const head = await typeCommand(page, 'aws s3api head-object --bucket broken-cors --key x.txt')
    expect(head).toContain('"ServerSideEncryption": "aws:kms"')
    expect(head).not.toContain('SSEKMSKeyId')
    const inspector = page.getByRole('region', { name: 'Request inspector' })
    const row = inspector.getByTestId('exchange').filter({ hasText: 'HeadObject' }).last()
    // The newest exchange is open already.
    if ((await row.getByRole('button').first().getAttribute('aria-expanded')) === 'false')
      await row.getByRole('button').first().click()
    const hidden = row
      .getByTestId('cors-hidden')
      .locator('tr[data-visibility="hidden"]', { hasText: 'x-amz-server-side-encryption-aws-kms-key-id' })
    await expect(hidden).toContainText('hidden by CORS')
    // The strict server reports what it sent, so the inspector shows the value the page never got.
    await expect(hidden).toContainText(/sent: arn:aws:kms:us-east-1:\d{12}:key\//)

    // The missing method: the delete is refused by the preflight and explained, not a bare network error.
    const rm = await typeAndConfirm(page, 'aws s3api delete-object --bucket broken-cors --key x.txt', 'y')
    expect(rm).toContain('almost always means CORS')
    expect(rm).toContain('playground cors')
    await expect(inspector.getByTestId('exchange').filter({ hasText: 'real · no answer' }).last()).toBeVisible()
    await shot(page, testInfo, 'cors-doctor-findings')
  })

  test('secret hygiene: credentials and an SSE-C key leave no trace in storage, the URL, the export or the inspector', async ({
    page,
  }) => {
    const SSE_C_KEY = 'e2eSseCKey0123456789abcdefABCDEF'
    await page.goto('/playground/')
    await waitForPlayground(page)
    await useTarget(page, endpoint, 'my-s3-bucket')
    await applyDoctor(page, endpoint)
    await typeCommand(page, 'echo secret-data > s.txt')
    await typeCommand(page, 'aws s3 cp s.txt s3://my-s3-bucket/s.txt')
    // SSE-C to a loopback http endpoint: warned, sent, refused by the server as S3 would.
    const ssec = await typeCommand(
      page,
      `aws s3api put-object --bucket my-s3-bucket --key c.txt --body s.txt --sse-customer-algorithm AES256 --sse-customer-key ${SSE_C_KEY}`,
    )
    expect(ssec).toContain('SSE-C over plain http')
    await typeCommand(page, `aws configure set aws_secret_access_key ${CREDS.secretAccessKey}`)
    // And on the emulator, a full SSE-C round trip.
    await typeCommand(page, 'playground target emulator')
    await typeCommand(page, 'aws s3 mb s3://hygiene')
    await typeCommand(
      page,
      `aws s3api put-object --bucket hygiene --key c.txt --body s.txt --sse-customer-algorithm AES256 --sse-customer-key ${SSE_C_KEY}`,
    )
    await expect(page.getByTestId('state-bar')).toHaveAttribute('data-save-pending', 'false')

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export' }).click()
    const exported = readFileSync(await (await download).path(), 'utf8')
    // The inspector with every exchange opened, as a learner would copy it out.
    const inspector = page.getByRole('region', { name: 'Request inspector' })
    const rows = inspector.getByTestId('exchange')
    for (let i = 0; i < (await rows.count()); i++) {
      const button = rows.nth(i).getByRole('button').first()
      if ((await button.getAttribute('aria-expanded')) === 'false') await button.click()
    }
    const inspectorText = await inspector.innerText()
    const stored = await page.evaluate(async () => {
      const dump: Record<string, unknown> = {
        local: { ...localStorage },
        session: { ...sessionStorage },
        url: location.href,
      }
      for (const db of await indexedDB.databases()) {
        const open = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(db.name!)
          r.onsuccess = () => resolve(r.result)
          r.onerror = () => reject(r.error)
        })
        for (const store of [...open.objectStoreNames]) {
          dump[`${db.name}/${store}`] = await new Promise((resolve) => {
            const all = open.transaction(store).objectStore(store).getAll()
            all.onsuccess = () => resolve(all.result)
          })
        }
        open.close()
      }
      // Stored parts (object bodies, large files) are bytes: searched as hex and as text too.
      return JSON.stringify(dump, (_k, v: unknown) =>
        v instanceof Uint8Array
          ? {
              hex: Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(''),
              latin1: Array.from(v, (b) => String.fromCharCode(b)).join(''),
            }
          : v,
      )
    })
    expect(stored).toContain('s3-encryption-playground') // the dump did reach the saved record
    expect(inspectorText).toContain('x-amz-server-side-encryption-customer-algorithm')
    const b64 = Buffer.from(SSE_C_KEY).toString('base64')
    for (const [where, text] of Object.entries({ stored, exported, inspectorText, url: page.url() })) {
      for (const secret of [CREDS.secretAccessKey, CREDS.sessionToken, CREDS.accessKeyId, SSE_C_KEY, b64])
        expect(text.includes(secret), `${secret} in ${where}`).toBe(false)
    }
  })
})

test.describe('moto as a custom endpoint', () => {
  test.skip(!HAS_MOTO, 'moto_server is not installed (pip install "moto[server]")')
  test.skip(!AWS_CLI, 'the real aws CLI applies the CORS configuration; none is installed')
  let server: ChildProcess
  const endpoint = `http://127.0.0.1:${MOTO_PORT}`
  test.beforeAll(async () => {
    server = await startServer('moto_server', ['-p', String(MOTO_PORT)], `${endpoint}/moto-api/`)
    expect((await cli(endpoint, ['s3', 'mb', 's3://my-s3-bucket'])).code).toBe(0)
  })
  test.afterAll(() => void server?.kill())

  test('runs the SSE-KMS lesson through the browser (AllowedHeaders listed by name for moto)', async ({
    page,
  }, testInfo) => {
    await page.goto('/playground/')
    await waitForPlayground(page)
    await useTarget(page, endpoint, 'my-s3-bucket')
    await applyDoctor(page, endpoint, true)
    // moto checks anonymous access on a preflight to an existing private object (real S3 never does) and
    // answers 403; this moto-only policy action lets its preflights through (docs/targets.md).
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:OptionsObject', Resource: 'arn:aws:s3:::my-s3-bucket/*' },
      ],
    }
    expect(
      (
        await cli(endpoint, [
          's3api',
          'put-bucket-policy',
          '--bucket',
          'my-s3-bucket',
          '--policy',
          JSON.stringify(policy),
        ])
      ).code,
    ).toBe(0)
    const out = await runLesson(page)
    expect(out[5]).toContain('"SSEAlgorithm": "aws:kms"')
    expect(out[6]).toContain('null') // moto: no SSE header on a plain PUT (real S3 says AES256)
    // moto sends no Access-Control-Expose-Headers on object responses, so the browser hides every SSE header
    // (and ETag): the page's head-object shows none, while moto did apply the default (the real CLI sees it)...
    expect(out[8]).not.toContain('ServerSideEncryption')
    const head = JSON.parse(
      (await cli(endpoint, ['s3api', 'head-object', '--bucket', 'my-s3-bucket', '--key', 'after.txt'])).stdout,
    )
    expect(head.ServerSideEncryption).toBe('aws:kms')
    // ...and echoes the key id as configured, not the key ARN real S3 returns.
    expect(head.SSEKMSKeyId).toBe('alias/my-s3-bucket-key')
    // The inspector says so instead of leaving the learner guessing.
    const inspector = page.getByRole('region', { name: 'Request inspector' })
    const row = inspector.getByTestId('exchange').filter({ hasText: 'HeadObject' }).last()
    if ((await row.getByRole('button').first().getAttribute('aria-expanded')) === 'false')
      await row.getByRole('button').first().click()
    await expect(
      row
        .getByTestId('cors-hidden')
        .locator('tr', { hasText: /^x-amz-server-side-encryption/ })
        .first(),
    ).toContainText('possibly sent, hidden by CORS')
    await shot(page, testInfo, 'moto-target-lesson')
  })
})
