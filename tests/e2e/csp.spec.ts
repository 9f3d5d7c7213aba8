/**
 * The static site's Content-Security-Policy (scripts/csp.mjs, docs/security.md): every route is loaded
 * with its policy, and the test fails on any violation (securitypolicyviolation events and console
 * reports), while the playground does real work: the service worker, the emulator, the terminal.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { typeCommand, waitForPlayground } from './terminal'

/** Every page of the export, as a route: out/learn/sse-c/index.html → /learn/sse-c/. */
function routes(dir = 'out'): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found.push(...routes(path))
    else if (name === 'index.html') found.push(`/${relative('out', dir)}/`.replace(/\/+/g, '/'))
  }
  return found.filter((r) => !r.startsWith('/_not-found') && !r.startsWith('/404')).sort()
}

/** Records violations in the page from its first script on, and console reports of them. */
async function watchViolations(page: Page): Promise<string[]> {
  const reports: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) reports.push(`console: ${m.text()}`)
  })
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __csp: string[] }).__csp = [])
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
    )
  })
  return reports
}
const eventsIn = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)

test('every page has a strict policy: no third-party origin, no eval, hashed inline scripts only', async ({
  request,
}) => {
  const all = routes()
  expect(all.length).toBeGreaterThan(5)
  for (const route of all) {
    const response = await request.get(route)
    const header = response.headers()['content-security-policy']
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(await response.text())?.[1]
    expect(meta, route).toBeTruthy()
    expect(header, route).toBe(`${meta}; frame-ancestors 'none'`)
    const directives = new Map(meta!.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]))
    expect(directives.get('script-src')?.[0], route).toBe("'self'")
    expect(
      directives
        .get('script-src')!
        .slice(1)
        .every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)),
      route,
    ).toBe(true)
    expect(meta, route).not.toContain('unsafe-eval')
    expect(directives.get('worker-src'), route).toEqual(["'self'"])
    expect(directives.get('default-src'), route).toEqual(["'self'"])
    expect(directives.get('object-src'), route).toEqual(["'none'"])
    // The only other origins: the emulator's names (never resolve), AWS (the real-account target), this machine.
    for (const source of directives.get('connect-src') ?? [])
      expect(source, route).toMatch(
        /^('self'|https?:\/\/(\*\.)?emulator\.invalid|https:\/\/\*\.amazonaws\.com|https?:\/\/(localhost|127\.0\.0\.1):\*)$/,
      )
  }
})

for (const route of routes()) {
  test(`${route} loads with no policy violation`, async ({ page }) => {
    const reports = await watchViolations(page)
    await page.goto(route)
    await page.waitForLoadState('networkidle')
    expect([...(await eventsIn(page)), ...reports]).toEqual([])
  })
}

test('the playground works under the policy: service worker, emulator, terminal, inspector', async ({ page }) => {
  const reports = await watchViolations(page)
  await page.goto('/playground/')
  await waitForPlayground(page)
  expect(await typeCommand(page, 'aws s3 mb s3://csp-bucket')).toContain('make_bucket: csp-bucket')
  await typeCommand(page, 'echo hi > a.txt')
  expect(await typeCommand(page, 'aws s3 cp a.txt s3://csp-bucket/a.txt --sse aws:kms')).toContain(
    'upload: ./a.txt to s3://csp-bucket/a.txt',
  )
  await page.waitForLoadState('networkidle')
  expect([...(await eventsIn(page)), ...reports]).toEqual([])
})

test('a custom endpoint the policy refuses is named as such, in the target form and in the terminal', async ({
  page,
}) => {
  await page.goto('/playground/')
  await waitForPlayground(page)
  await page.getByRole('button', { name: 'Change target…' }).click()
  const form = page.getByTestId('target-form')
  await form.getByLabel('a custom S3-compatible endpoint').check()
  await form.getByLabel('Endpoint URL').fill('http://127.0.0.1:4566')
  await expect(form.getByTestId('target-warning').filter({ hasText: 'Content-Security-Policy' })).toHaveCount(0)
  await form.getByLabel('Endpoint URL').fill('https://minio.lab.example:9000')
  await expect(form.getByTestId('target-warning').filter({ hasText: 'Content-Security-Policy' })).toContainText(
    "PLAYGROUND_CONNECT_SRC='https://minio.lab.example:9000'",
  )
  await form.getByRole('button', { name: 'Cancel' }).click()
  const out = await typeCommand(
    page,
    'aws --endpoint-url https://minio.lab.example:9000 s3api list-objects-v2 --bucket b',
  )
  expect(out).toContain('does not let the page connect to https://minio.lab.example:9000')
  expect(out).not.toContain('CORS')
  // Plain http to the emulator is allowed (the in-transit lesson), and answered by it.
  expect(await typeCommand(page, 'aws --endpoint-url http://s3.emulator.invalid s3api list-buckets')).toContain(
    'exit code 0',
  )
})

test('an inline script that is not in the build is refused', async ({ page }) => {
  const reports = await watchViolations(page)
  await page.goto('/learn/')
  const ran = await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__injected = true'
    document.body.append(s)
    return (window as unknown as { __injected?: boolean }).__injected === true
  })
  expect(ran).toBe(false)
  await expect.poll(async () => (await eventsIn(page)).join('\n')).toContain('script-src')
  // (eval cannot be tried from here: DevTools evaluation is exempt from the page's policy; the first test
  // checks that no page allows it.)
  expect(reports.join('\n')).toMatch(/script-src/)
})
