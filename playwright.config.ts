import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/** A system Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((p) => existsSync(p))
  if (found) return found
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`)
  return undefined // Playwright's bundled browser, if `npx playwright install chromium` was run
}

const PORT = Number(process.env.E2E_PORT ?? 3200)

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '.ci/out/playwright.json' }]] : 'list',
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: chromiumPath(),
      // Without the background-networking flags Chromium keeps calling home, which this sandbox refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // The static export, as any static host would serve it (`npm run build` first).
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : { command: `node scripts/serve-static.mjs --port ${PORT}`, url: `http://127.0.0.1:${PORT}/`, reuseExistingServer: !process.env.CI, timeout: 60_000 },
})
