import { existsSync } from 'node:fs'
import { chromium, defineConfig } from '@playwright/test'

const HOW_TO_GET_ONE = `No Chromium found for the end-to-end tests. Either:
  - install the system one:      sudo apt-get install chromium   (Debian/Ubuntu)
  - point at any Chromium/Chrome: CHROMIUM_PATH=/path/to/chrome npm test
  - or let Playwright fetch its own: npx playwright install chromium`

/** A system Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n${HOW_TO_GET_ONE}`)
    return process.env.CHROMIUM_PATH
  }
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))
  if (system) return system
  if (existsSync(chromium.executablePath())) return undefined // Playwright's own browser
  throw new Error(HOW_TO_GET_ONE)
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // The static export, as any static host would serve it (`npm run build` first).
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `node scripts/serve-static.mjs --port ${PORT}`,
        url: `http://127.0.0.1:${PORT}/`,
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
      },
})
