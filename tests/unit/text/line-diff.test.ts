/**
 * The one line diff (lib/text/line-diff.ts): every op sequence spells both inputs, the alignment is a longest
 * common subsequence (checked against GNU diff 3.8, /usr/bin/diff, on random files), and past its work cap it
 * reports the differing middle as one change instead of building a table the size of both files multiplied.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { diffLines } from '@/lib/cli/shell/diff'
import { diffLineOps, MAX_DIFF_CELLS, type LineOp } from '@/lib/text/line-diff'

const dir = mkdtempSync(join(tmpdir(), 'line-diff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sides = (ops: LineOp[]) => ({
  a: ops.flatMap((o) => (o.op === 'added' ? [] : [o.a])),
  b: ops.flatMap((o) => (o.op === 'removed' ? [] : [o.b])),
})
const lines = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 12 })

describe('diffLineOps', () => {
  it('spells both inputs, and pairs only equal lines', () => {
    fc.assert(
      fc.property(lines, lines, fc.integer({ min: 0, max: 40 }), (a, b, cap) => {
        const ops = diffLineOps(a, b, cap)
        expect(sides(ops)).toEqual({ a, b })
        for (const o of ops) if (o.op === 'same') expect(o.a).toBe(o.b)
      }),
      { numRuns: 1000 },
    )
  })

  it('changes as few lines as GNU diff does', () => {
    let n = 0
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const fa = join(dir, `a${n}`)
        const fb = join(dir, `b${n++}`)
        writeFileSync(fa, a.map((l) => `${l}\n`).join(''))
        writeFileSync(fb, b.map((l) => `${l}\n`).join(''))
        const gnu = spawnSync('/usr/bin/diff', [fa, fb], { encoding: 'utf8' }).stdout
        const ours = diffLines(a.map((l) => `${l}\n`).join(''), b.map((l) => `${l}\n`).join(''))
        const changed = (out: string) => out.split('\n').filter((l) => l.startsWith('< ') || l.startsWith('> ')).length
        expect(changed(ours)).toBe(changed(gnu))
      }),
      { numRuns: 100 },
    )
  })

  it('past the cap, keeps the common ends and reports the middle as one change', () => {
    const a = ['head', 'x1', 'same', 'x2', 'tail']
    const b = ['head', 'y1', 'same', 'y2', 'tail']
    expect(diffLineOps(a, b, 8).map((o) => o.op)).toEqual([
      'same',
      'removed',
      'removed',
      'removed',
      'added',
      'added',
      'added',
      'same',
    ])
    expect(diffLineOps(a, b, 9).map((o) => o.op)).toEqual([
      'same',
      'removed',
      'added',
      'same',
      'removed',
      'added',
      'same',
    ])
  })
})

describe('the shell’s diff', () => {
  it('does bounded work on large files: one hunk instead of a table of every pair of lines', () => {
    const count = 3000 // 3000 · 3000 cells is more than the cap
    expect(count * count).toBeGreaterThan(MAX_DIFF_CELLS)
    const a = Array.from({ length: count }, (_, i) => `line ${i}`)
    const b = a.map((l, i) => (i % 2 ? `${l} changed` : l))
    const out = diffLines(`${a.join('\n')}\n`, `${b.join('\n')}\n`)
    expect(out.split('\n')[0]).toBe('2,3000c2,3000')
    expect(out.match(/^[0-9,]+[acd][0-9,]+$/gm)).toHaveLength(1)
  })
})
