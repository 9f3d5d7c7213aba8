/** lib/ has no cycle of runtime imports, and every type-only cycle is listed in docs/architecture.md. */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const run = spawnSync(process.execPath, ['scripts/import-cycles.mjs', '--json'], { encoding: 'utf8' })
const cycles = JSON.parse(run.stdout) as { runtime: string[][]; withTypes: string[][] }
const doc = readFileSync('docs/architecture.md', 'utf8')
const section = doc.slice(doc.indexOf('## Import cycles'))

describe('import cycles in lib/', () => {
  it('none among runtime imports', () => {
    expect(cycles.runtime).toEqual([])
  })

  it('each type-only cycle is documented, file by file', () => {
    for (const group of cycles.withTypes)
      for (const file of group) expect(section, `${file} (in ${group.join(', ')})`).toContain(file.split('/').at(-1))
  })
})
