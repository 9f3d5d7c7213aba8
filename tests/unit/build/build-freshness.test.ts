/** scripts/build-freshness.mjs: `npm run serve` builds when out/ is missing or older than any of its sources, and only then. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error a plain .mjs script without types
import { staleReason } from '../../../scripts/build-freshness.mjs'

const stale = staleReason as (root: string) => string | undefined

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'freshness-'))
  mkdirSync(join(root, 'components', 'lesson'), { recursive: true })
  writeFileSync(join(root, 'components', 'lesson', 'Step.tsx'), 'x')
  writeFileSync(join(root, 'next.config.mjs'), 'x')
  return root
}
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds)

describe('staleReason', () => {
  it('asks for a build when there is none', () => {
    expect(stale(tree())).toMatch(/no static build/)
  })

  it('is up to date when the build is newer than every source, and stale when a nested source changes', () => {
    const root = tree()
    mkdirSync(join(root, 'out'))
    writeFileSync(join(root, 'out', 'index.html'), '<html>')
    at(join(root, 'components', 'lesson', 'Step.tsx'), 1_000)
    at(join(root, 'next.config.mjs'), 1_000)
    at(join(root, 'out', 'index.html'), 2_000)
    expect(stale(root)).toBeUndefined()
    at(join(root, 'components', 'lesson', 'Step.tsx'), 3_000)
    expect(stale(root)).toMatch(/^components changed/)
  })

  it('sees a changed top-level file', () => {
    const root = tree()
    mkdirSync(join(root, 'out'))
    writeFileSync(join(root, 'out', 'index.html'), '<html>')
    at(join(root, 'components', 'lesson', 'Step.tsx'), 1_000)
    at(join(root, 'out', 'index.html'), 2_000)
    at(join(root, 'next.config.mjs'), 3_000)
    expect(stale(root)).toMatch(/^next.config.mjs changed/)
  })
})
