/**
 * Files in and out: a 100 MiB file dropped into the Files panel (made in the page and dropped with a
 * DataTransfer), with a visible progress bar; uploaded with SSE-KMS (multipart), downloaded back in the
 * terminal, compared equal there, and downloaded out of the browser and compared again. The renderer's
 * peak memory is read from /proc (VmHWM) and the JS heap from CDP, and attached to the report
 * (docs/benchmarks.md records them).
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { runs, typeCommand, waitForPlayground } from './terminal'
import { openPanel, runAll, shot } from './panels'

const MIB = 1024 * 1024
const SIZE = 100 * MIB

/** Types a long-running command and waits for it (typeCommand's 20 s is for short ones). */
async function runLong(page: import('@playwright/test').Page, command: string): Promise<string> {
  const before = await runs(page)
  await page.locator('[data-testid="terminal"]').click()
  await page.keyboard.type(command, { delay: 1 })
  await page.keyboard.press('Enter')
  const t = Date.now()
  await expect.poll(() => runs(page), { timeout: 150_000 }).toBeGreaterThan(before)
  console.log(`[files] ${Date.now() - t} ms: ${command}`)
  return (await page.getByTestId('terminal-log').textContent()) ?? ''
}

/** Peak resident memory (VmHWM) of each renderer process of the browser, in MiB, from /proc. */
async function rendererPeaks(browser: import('@playwright/test').Browser): Promise<{ pid: number; peakMiB: number }[]> {
  const cdp = await browser.newBrowserCDPSession()
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
  await cdp.detach()
  const out: { pid: number; peakMiB: number }[] = []
  for (const p of info.processInfo.filter((p) => p.type === 'renderer')) {
    const status = await readFile(`/proc/${p.id}/status`, 'utf8').catch(() => '')
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN)
    if (Number.isFinite(kb)) out.push({ pid: p.id, peakMiB: Math.round(kb / 1024) })
  }
  return out
}

test('a 100 MiB file dropped in, uploaded with SSE-KMS, downloaded and compared equal', async ({
  page,
  browser,
}, testInfo) => {
  // Under a minute on an idle 2-core machine; the bound leaves room for a loaded one.
  test.setTimeout(240_000)
  await page.goto('/playground/')
  await waitForPlayground(page)
  await runAll(page, ['aws kms create-key --description "big files" --query KeyMetadata.KeyId --output text'])
  const keyId = /([0-9a-f-]{36})/.exec((await page.getByTestId('terminal-log').textContent()) ?? '')![1]!
  await runAll(page, [
    `aws kms create-alias --alias-name alias/big --target-key-id ${keyId}`,
    'aws s3 mb s3://big-files',
  ])

  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  let heapPeak = 0
  const sampleHeap = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0)
  }
  const sampler = setInterval(() => void sampleHeap().catch(() => {}), 200)

  await openPanel(page, 'Files')
  // Bytes made in the page (random, so compression or a constant pattern cannot hide a mistake), dropped as a File.
  const dataTransfer = await page.evaluateHandle((size) => {
    const bytes = new Uint8Array(size)
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536))
    const dt = new DataTransfer()
    dt.items.add(new File([bytes], 'big.bin', { type: 'application/octet-stream' }))
    return dt
  }, SIZE)
  const started = Date.now()
  await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer })
  const job = page.getByTestId('file-import')
  await expect(job.getByRole('progressbar', { name: 'Reading big.bin' })).toBeVisible()
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 30_000 })
  const readMs = Date.now() - started
  await expect(job.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  expect(Number(await job.getAttribute('data-updates')), 'the bar moved more than once').toBeGreaterThan(1)
  await expect(page.getByTestId('vfs-entry').filter({ hasText: 'big.bin' })).toContainText('100.0 MiB')
  await shot(page, testInfo, 'dropped')

  const upload = await runLong(
    page,
    'aws s3 cp big.bin s3://big-files/big.bin --sse aws:kms --sse-kms-key-id alias/big',
  )
  expect(upload).toContain('upload: ./big.bin to s3://big-files/big.bin')
  expect(upload).toContain('exit code 0')
  const head = await typeCommand(
    page,
    'aws s3api head-object --bucket big-files --key big.bin --query "[ContentLength,ServerSideEncryption,ETag]" --output text',
  )
  // 13 parts of 8 MiB: the ETag of a multipart object ends in -13.
  expect(head).toMatch(/104857600\s+aws:kms\s+"[0-9a-f]{32}-13"/)
  const down = await runLong(
    page,
    'aws s3 cp s3://big-files/big.bin back.bin && cmp big.bin back.bin && sha256sum big.bin back.bin',
  )
  expect(down).toContain('exit code 0')
  const sums = [...down.matchAll(/^([0-9a-f]{64}) {2}(big|back)\.bin$/gm)].map((m) => m[1])
  expect(sums).toHaveLength(2)
  expect(sums[0]).toBe(sums[1])

  // The playground saves once the command is over (not between parts): time that save of ~200 MiB of state.
  const saveStarted = Date.now()
  const bar = page.getByTestId('state-bar')
  await expect(bar).toHaveAttribute('data-save-pending', 'false', { timeout: 60_000 })
  await expect(bar).toHaveAttribute('data-save-state', 'saved', { timeout: 60_000 })
  const saveMs = Date.now() - saveStarted

  // Out of the browser: the Files panel's download, compared byte for byte by its hash.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download ~/back.bin' }).click()
  const path = await (await download).path()
  expect((await stat(path)).size).toBe(SIZE)
  expect(
    createHash('sha256')
      .update(await readFile(path))
      .digest('hex'),
  ).toBe(sums[0])

  clearInterval(sampler)
  await sampleHeap()
  const renderers = await rendererPeaks(browser)
  const figures = {
    readMs,
    saveMs,
    jsHeapPeakMiB: Math.round(heapPeak / MIB),
    renderers,
    totalMs: Date.now() - started,
  }
  console.log(`[files] ${JSON.stringify(figures)}`)
  await testInfo.attach('memory.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' })
  await shot(page, testInfo, 'downloaded')

  // A reload restores it all from the incremental save: the 100 MiB files (stored in 32 MiB pieces) and the object.
  await page.reload()
  await waitForPlayground(page)
  const again = await runLong(
    page,
    'sha256sum big.bin back.bin && aws s3 cp s3://big-files/big.bin restored.bin && sha256sum restored.bin',
  )
  expect(again).toContain('exit code 0')
  expect([...again.matchAll(/^([0-9a-f]{64}) {2}(big|back|restored)\.bin$/gm)].map((m) => m[1])).toEqual([
    sums[0],
    sums[0],
    sums[0],
  ])
})

test('choose a small file with the keyboard, see it in the terminal, download it', async ({ page }) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  await openPanel(page, 'Files')
  await expect(page.getByText('No files yet.')).toBeVisible()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Choose files…' }).press('Enter')
  await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('from my disk\n') })
  await expect(page.getByTestId('file-import')).toHaveAttribute('data-state', 'done')
  expect(await typeCommand(page, 'cat notes.txt')).toContain('from my disk')
  await typeCommand(page, 'mkdir out && echo "made in the shell" > out/made.txt')
  await openPanel(page, 'Files')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download ~/out/made.txt' }).click()
  expect(await readFile(await (await download).path(), 'utf8')).toBe('made in the shell\n')
})

test('a file dropped on the terminal lands in its working directory', async ({ page }) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  await typeCommand(page, 'mkdir inbox && cd inbox')
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer()
    dt.items.add(new File(['dropped on the terminal\n'], 'dropped.txt', { type: 'text/plain' }))
    return dt
  })
  await page.getByTestId('terminal').dispatchEvent('drop', { dataTransfer })
  await expect.poll(async () => typeCommand(page, 'cat ~/inbox/dropped.txt')).toContain('dropped on the terminal')
})
