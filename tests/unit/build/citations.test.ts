/**
 * Code and docs cite the facts they rest on as `docs/fidelity.md §X` (issue: citations inside the repo). Every
 * such citation must name a section or a table row that docs/fidelity.md has, and nothing may cite the
 * research notes that live outside the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const roots = ['lib', 'components', 'app', 'scripts', 'tests', 'docs', 'content', 'README.md']
const skip = new Set(['node_modules', 'models', 'fixtures', 'conformance'])

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap((name) => (skip.has(name) ? [] : files(join(path, name))))
}

const texts = roots.flatMap(files).map((path) => ({ path, text: readFileSync(path, 'utf8') }))
const fidelity = readFileSync('docs/fidelity.md', 'utf8')
/** Headings "## §2.3 …", "### §C1.4 …" give sections; "| Q8 |" and "| R11 …" rows are cited after a section. */
const sections = new Set([...fidelity.matchAll(/^#{2,3} (§[CK]?\d+(?:\.\d+)?)/gm)].map((m) => m[1]!))

describe('citations', () => {
  it('never name the research notes outside the repository', () => {
    const outside = /s3-sse\.md|client-side-and-kms\.md|shared\/reference|reference §/
    const self = 'tests/unit/build/citations.test.ts'
    expect(texts.filter((f) => f.path !== self && outside.test(f.text)).map((f) => f.path)).toEqual([])
  })

  it('name sections and rows that docs/fidelity.md has', () => {
    const cited = texts.flatMap(({ path, text }) =>
      [...text.matchAll(/docs\/fidelity\.md (§[CK]?\d+(?:\.\d+)?)(?:[–-]§?[CK]?\d+(?:\.\d+)?)?(?: (Q\d+))?/g)].map(
        (m) => ({ path, section: m[1]!, row: m[2] }),
      ),
    )
    expect(cited.length).toBeGreaterThan(40)
    const missing = cited.filter(
      ({ section, row }) =>
        !(sections.has(section) || sections.has(section.replace(/\.\d+$/, ''))) ||
        (row !== undefined && !fidelity.includes(`| ${row} |`)),
    )
    expect(missing).toEqual([])
  })
})
