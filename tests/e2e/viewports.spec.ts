/**
 * Every screen the issue named (a phone, a 1280 px projector at 150% zoom, a projector, a laptop, a desktop): the home
 * page, a lesson and the playground never scroll sideways, and the terminal takes a command and shows its output.
 * Screenshots of each, in alternating themes, go into the report.
 */
import { expect, test, type Page } from '@playwright/test'
import { shot } from './panels'
import { runs, typeCommand, waitForPlayground } from './terminal'

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 853, height: 480 },
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]

async function noSidewaysScroll(page: Page, where: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  expect(scroll, `${where}: page is ${scroll} px wide in a ${client} px window`).toBeLessThanOrEqual(client)
}

/** The terminal answers a typed command, and its screen is no wider than its box. */
async function terminalWorks(page: Page, where: string) {
  await waitForPlayground(page)
  expect(await typeCommand(page, 'echo four | wc -c'), where).toMatch(/\n5\n/)
  const fits = await page.evaluate(() => {
    const host = document.querySelector('[data-testid="terminal"]')!
    const screen = host.querySelector('.xterm-screen')!
    return screen.getBoundingClientRect().right <= host.getBoundingClientRect().right + 1
  })
  expect(fits, `${where}: the terminal's screen fits its box`).toBe(true)
}

VIEWPORTS.forEach((viewport, i) => {
  const theme = i % 2 === 0 ? 'light' : 'dark'
  const size = `${viewport.width}x${viewport.height}`
  test.describe(`${size}, ${theme} theme`, () => {
    test.use({ viewport })
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme)
    })

    test('home page', async ({ page }, testInfo) => {
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await noSidewaysScroll(page, `home ${size}`)
      await shot(page, testInfo, `home-${size}-${theme}`)
    })

    test('lesson: ▶ Run shows the terminal, which takes commands', async ({ page }, testInfo) => {
      await page.goto('/learn/default-encryption/')
      await noSidewaysScroll(page, `lesson ${size}, before the terminal starts`)
      const run = page.getByRole('button', { name: /^Run in the terminal/ }).first()
      await run.click()
      // Narrow screens dock the terminal; Run opens it where the reader is, not 9,000 px further down.
      await expect(page.getByTestId('terminal')).toBeInViewport()
      await expect(page.getByTestId('exchange')).toHaveCount(1)
      // The Run command ends only once its change is saved, after its request: wait for it before typing another.
      await expect.poll(() => runs(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
      await terminalWorks(page, `lesson ${size}`)
      await noSidewaysScroll(page, `lesson ${size}, with the terminal running`)
      await shot(page, testInfo, `lesson-${size}-${theme}`)
    })

    test('playground', async ({ page }, testInfo) => {
      await page.goto('/playground/')
      await terminalWorks(page, `playground ${size}`)
      await noSidewaysScroll(page, `playground ${size}`)
      await shot(page, testInfo, `playground-${size}-${theme}`)
    })
  })
})
