/**
 * The playground's layout as a new user meets it: terminal beside the inspector, the side panels, splitters
 * that move with the mouse or the keyboard and are remembered, tabs on the arrow keys, and a stacked layout
 * on narrow screens.
 */
import { expect, test } from '@playwright/test'
import { waitForPlayground } from './terminal'
import { openPanel, panels, shot } from './panels'

test('terminal beside the inspector, side panels on the right, every splitter keyboard-usable and remembered', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  const terminal = page.getByTestId('terminal')
  const inspector = page.getByRole('region', { name: 'Request inspector' })
  const [t, i, p] = await Promise.all([terminal.boundingBox(), inspector.boundingBox(), panels(page).boundingBox()])
  expect(t!.x + t!.width).toBeLessThanOrEqual(i!.x)
  expect(i!.x + i!.width).toBeLessThanOrEqual(p!.x)
  expect(Math.abs(t!.y - i!.y)).toBeLessThan(5)
  await shot(page, testInfo, 'workspace-wide')

  // The side-panel splitter: Tab reaches it, the arrows move it, Shift moves it further, Home and End go to the limits.
  const side = page.getByRole('separator', { name: 'Resize the side panels' })
  await expect(side).toHaveAttribute('aria-valuenow', '66')
  await side.focus()
  await page.keyboard.press('ArrowLeft')
  await expect(side).toHaveAttribute('aria-valuenow', '64')
  await page.keyboard.press('Shift+ArrowLeft')
  await expect(side).toHaveAttribute('aria-valuenow', '54')
  const wider = await panels(page).boundingBox()
  expect(wider!.width).toBeGreaterThan(p!.width + 100)
  await page.keyboard.press('Home')
  await expect(side).toHaveAttribute('aria-valuenow', '35')
  await page.keyboard.press('End')
  await expect(side).toHaveAttribute('aria-valuenow', '85')
  await page.keyboard.press('Shift+ArrowLeft')

  // Dragging the terminal/inspector splitter works too.
  const middle = page.getByRole('separator', { name: 'Resize the terminal and the inspector' })
  const box = (await middle.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x - 150, box.y + box.height / 2, { steps: 5 })
  await page.mouse.up()
  const dragged = Number(await middle.getAttribute('aria-valuenow'))
  expect(dragged).toBeLessThan(50)

  // Sizes survive a reload.
  await page.reload()
  await waitForPlayground(page)
  await expect(side).toHaveAttribute('aria-valuenow', '75')
  await expect(middle).toHaveAttribute('aria-valuenow', String(dragged))

  // Tabs: one tab stop, arrows move between them.
  await panels(page).getByRole('tab', { name: 'Buckets' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(panels(page).getByRole('tab', { name: 'Keys' })).toBeFocused()
  await expect(page.getByTestId('keys-panel')).toBeVisible()
  await page.keyboard.press('End')
  // End selects the last tab, whichever panel that is.
  await expect(panels(page).getByRole('tab').last()).toHaveAttribute('aria-selected', 'true')
  await expect(panels(page).getByRole('tab').last()).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(panels(page).getByRole('tab', { name: 'Buckets' })).toHaveAttribute('aria-selected', 'true')
  await shot(page, testInfo, 'workspace-resized')
})

test('on a narrow screen the panes stack, with nothing cut off', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 760, height: 900 })
  await page.goto('/playground/')
  await waitForPlayground(page)
  await expect(page.getByRole('separator')).toHaveCount(0)
  const t = (await page.getByTestId('terminal').boundingBox())!
  const i = (await page.getByRole('region', { name: 'Request inspector' }).boundingBox())!
  const p = (await panels(page).boundingBox())!
  expect(t.y + t.height).toBeLessThanOrEqual(i.y)
  expect(i.y + i.height).toBeLessThanOrEqual(p.y)
  for (const b of [t, i, p]) expect(b.x + b.width).toBeLessThanOrEqual(760)
  await openPanel(page, 'Keys')
  await shot(page, testInfo, 'workspace-narrow')
})

test('a lesson puts the terminal above the panels, the inspector first among them', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('/learn/default-encryption/')
  await waitForPlayground(page)
  await expect(panels(page).getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true')
  const split = page.getByRole('separator', { name: 'Resize the terminal and the panels' })
  await split.focus()
  await page.keyboard.press('ArrowDown')
  await expect(split).toHaveAttribute('aria-valuenow', '47')
  await openPanel(page, 'Buckets')
  await shot(page, testInfo, 'lesson-layout')
})
