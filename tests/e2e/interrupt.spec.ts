/**
 * Ctrl-C cancels like aws-cli (issue 15, item 4), in Chromium on the static build: a 20 MiB SSE-KMS upload
 * (three parts of 8 MiB through the in-page emulator) stopped while its parts are sent prints ^C, ends with
 * exit code 130, gives the prompt back within a second of the key (measured in the page: keydown to the
 * prompt row on screen), and leaves no object and no multipart upload in progress; the inspector shows the
 * AbortMultipartUpload and no CompleteMultipartUpload. The same for a ranged download, which writes no file.
 */
import { expect, test, type Page } from '@playwright/test'
import { runs, screenText, typeCommand, waitForPlayground } from './terminal'
import { runAll, shot } from './panels'

const BUCKET = 'ctrl-c-bucket'

/** Starts a command and returns without waiting for it. */
async function start(page: Page, command: string) {
  await page.locator('[data-testid="terminal"]').click()
  await page.keyboard.type(command, { delay: 1 })
  await page.keyboard.press('Enter')
}

/**
 * Watches, in the page, for Ctrl-C (keydown) and then for the prompt on the terminal's last non-empty row;
 * resolves with the milliseconds between the two (performance.now() in the page).
 */
async function armPromptTimer(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { ctrlCAt?: number; promptAt?: number }
    w.ctrlCAt = w.promptAt = undefined
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.ctrlKey && e.key.toLowerCase() === 'c') w.ctrlCAt ??= performance.now()
      },
      { capture: true },
    )
    const check = () => {
      if (w.ctrlCAt === undefined || w.promptAt !== undefined) return
      const rows = document.querySelector('[data-testid="terminal"] .xterm-rows')
      const lines = [...(rows?.children ?? [])].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd())
      const last = lines.filter((l) => l !== '').at(-1) ?? ''
      if (last.endsWith('learner@playground:~$')) w.promptAt = performance.now()
    }
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
}
/**
 * Presses Ctrl-C in the page at an exact point: `delayMs` after the SDK starts its `nth` request of the kind
 * `label` (an UploadPart, or a GET of whole.bin). The key goes to the terminal's input as a keydown, the
 * event xterm reads, so it is handled as a typed Ctrl-C. Counting in the page (fetch is what the SDK sends
 * with) makes the instant exact whatever the machine's speed, where polling from the test could miss it.
 */
async function ctrlCAt(page: Page, label: 'UploadPart' | 'GetWhole', nth: number, delayMs: number) {
  await page.evaluate(
    ({ label, nth, delayMs }) => {
      const w = window as unknown as {
        counted?: Record<string, number>
        armed?: { label: string; nth: number; delayMs: number }
      }
      w.armed = { label, nth, delayMs }
      if (w.counted) return
      w.counted = {}
      const original = window.fetch
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        // Read, never copied: a Request made from a Request takes its body away.
        const url = new URL(input instanceof Request ? input.url : String(input))
        const method = (input instanceof Request ? input.method : init?.method) ?? 'GET'
        const kind = url.searchParams.has('partNumber')
          ? 'UploadPart'
          : method === 'GET' && url.pathname.endsWith('/whole.bin')
            ? 'GetWhole'
            : 'other'
        const count = (w.counted![kind] = (w.counted![kind] ?? 0) + 1)
        const armed = w.armed
        if (armed && armed.label === kind && armed.nth === count) {
          w.armed = undefined
          setTimeout(() => {
            const input = document.querySelector('[data-testid="terminal"] textarea')!
            input.dispatchEvent(
              new KeyboardEvent('keydown', {
                key: 'c',
                code: 'KeyC',
                keyCode: 67,
                ctrlKey: true,
                bubbles: true,
                cancelable: true,
              }),
            )
          }, armed.delayMs)
        }
        return original(input, init)
      }
    },
    { label, nth, delayMs },
  )
}

const promptDelay = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { ctrlCAt?: number; promptAt?: number }
    return w.ctrlCAt !== undefined && w.promptAt !== undefined ? w.promptAt - w.ctrlCAt : undefined
  })

test('Ctrl-C stops a 20 MiB SSE-KMS upload and a ranged download: ^C, exit 130, prompt within 1 s, nothing left', async ({
  page,
}, testInfo) => {
  test.setTimeout(400_000)
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, [`aws s3 mb s3://${BUCKET}`, 'openssl rand -out big20.bin 20971520'])

  // The upload: Ctrl-C 30 ms after its second part starts (the first is in: there is an upload to abort).
  const before = await runs(page)
  await armPromptTimer(page)
  await ctrlCAt(page, 'UploadPart', 2, 30)
  await start(page, `aws s3 cp big20.bin s3://${BUCKET}/k --sse aws:kms`)
  await expect.poll(() => runs(page), { timeout: 150_000 }).toBe(before + 1)
  await expect(page.getByTestId('terminal-log')).toContainText('exit code 130')
  expect(await screenText(page)).toContain('^C')
  await expect.poll(() => promptDelay(page), { timeout: 5_000 }).toBeDefined()
  const uploadMs = (await promptDelay(page))!
  console.log(`[ctrl-c] upload: prompt back ${uploadMs.toFixed(0)} ms after Ctrl-C`)
  testInfo.annotations.push({ type: 'prompt after Ctrl-C (upload)', description: `${uploadMs.toFixed(0)} ms` })
  expect(uploadMs).toBeLessThan(1000)
  await shot(page, testInfo, 'ctrl-c-upload')

  // Nothing remains: no upload in progress, no object; the inspector saw the abort and no completion.
  const uploads = await typeCommand(page, `aws s3api list-multipart-uploads --bucket ${BUCKET}`)
  expect(uploads).toContain('exit code 0')
  expect(uploads).not.toContain('"Uploads"')
  const listed = await typeCommand(page, `aws s3 ls s3://${BUCKET}/`)
  expect(listed).not.toContain(' k\n')
  expect(listed).not.toMatch(/\bk\b\s*$/m)
  const exchanges = page.getByTestId('exchange')
  await expect(exchanges.filter({ hasText: 'AbortMultipartUpload' })).toHaveCount(1)
  await expect(exchanges.filter({ hasText: 'CompleteMultipartUpload' })).toHaveCount(0)

  // A ranged download (three GETs of 8 MiB), Ctrl-C 30 ms after its second range starts: no file written.
  await expect.poll(() => runs(page), { timeout: 150_000 }).toBeGreaterThanOrEqual(before + 3)
  const whole = await runs(page)
  await start(page, `aws s3 cp big20.bin s3://${BUCKET}/whole.bin`)
  await expect.poll(() => runs(page), { timeout: 150_000 }).toBe(whole + 1)
  const beforeDown = await runs(page)
  await armPromptTimer(page)
  await ctrlCAt(page, 'GetWhole', 2, 30)
  await start(page, `aws s3 cp s3://${BUCKET}/whole.bin down.bin`)
  {
    await expect.poll(() => runs(page), { timeout: 150_000 }).toBe(beforeDown + 1)
    await expect(page.getByTestId('terminal-log')).toContainText('exit code 130')
    await expect.poll(() => promptDelay(page), { timeout: 5_000 }).toBeDefined()
    const downMs = (await promptDelay(page))!
    console.log(`[ctrl-c] download: prompt back ${downMs.toFixed(0)} ms after Ctrl-C`)
    expect(downMs).toBeLessThan(1000)
    const ls = await typeCommand(page, 'ls')
    expect(ls).toContain('big20.bin')
    expect(ls).not.toContain('down.bin')
  }
})

/**
 * The page stays usable during a large transfer (issue 18): while a 32 MiB upload's parts are sent, a key
 * typed into the terminal is echoed on screen (type-ahead, as a terminal keeps it), and Ctrl-C then stops
 * the upload. The echo is watched in the page, so a progress line that redraws the row cannot hide it.
 */
test('during a 32 MiB upload a typed key is echoed and Ctrl-C is honoured', async ({ page }, testInfo) => {
  test.setTimeout(400_000)
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, [`aws s3 mb s3://${BUCKET}`, 'openssl rand -out big32.bin 33554432'])
  await page.evaluate(() => {
    const w = window as unknown as { echoed?: boolean; parts?: number; release?: (v: unknown) => void }
    w.parts = 0
    const original = window.fetch
    // The third part waits until the test has pressed Ctrl-C (at most a minute), so the upload cannot end
    // first on a fast machine; the first two carry their bytes through the SDK and the emulator meanwhile.
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (new URL(input instanceof Request ? input.url : String(input)).searchParams.has('partNumber'))
        if ((w.parts! += 1) === 3) await new Promise((resolve) => ((w.release = resolve), setTimeout(resolve, 60_000)))
      return original(input, init)
    }
    new MutationObserver(() => {
      const rows = document.querySelector('[data-testid="terminal"] .xterm-rows')?.textContent ?? ''
      if (rows.includes('typedahead')) w.echoed = true
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const before = await runs(page)
  await start(page, `aws s3 cp big32.bin s3://${BUCKET}/k32 --sse aws:kms`)
  // Once the first part is on its way, and again while the command is still running.
  await expect.poll(() => page.evaluate(() => (window as unknown as { parts: number }).parts)).toBeGreaterThan(0)
  await page.keyboard.type('typedahead')
  await expect.poll(() => page.evaluate(() => (window as unknown as { echoed?: boolean }).echoed)).toBe(true)
  expect(await runs(page), 'the upload was still running when the key was echoed').toBe(before)
  await page.keyboard.press('Control+C')
  await page.evaluate(() => (window as unknown as { release?: (v: unknown) => void }).release?.(undefined))
  await expect.poll(() => runs(page), { timeout: 150_000 }).toBe(before + 1)
  await expect(page.getByTestId('terminal-log')).toContainText('exit code 130')
  // xterm draws its rows on the next animation frame, which a loaded machine can delay: poll the screen.
  await expect.poll(() => screenText(page)).toContain('^C')
  // The interrupt discarded the type-ahead, as a terminal flushes its input: the new prompt is empty.
  const lastRow = async () => ((await screenText(page)).trimEnd().split('\n').at(-1) ?? '').trimEnd()
  await expect.poll(lastRow).toMatch(/learner@playground:~\$$/)
  await shot(page, testInfo, 'typed-during-upload')
  const listed = await typeCommand(page, `aws s3 ls s3://${BUCKET}/`)
  expect(listed).not.toContain('k32')
})
