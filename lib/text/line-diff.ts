/**
 * The one line diff, for the shell's `diff` (GNU normal format, lib/cli/shell/diff.ts) and the inspector's
 * side-by-side comparison of two exchanges (lib/inspector/diff.ts).
 *
 * Lines common to both ends are taken off first (as GNU diff does); the differing middle is aligned by a
 * longest common subsequence, whose table costs |a|·|b| cells of time and memory. Past `maxCells` that is
 * too much for a page that must not freeze, so the middle is reported as one change instead: still a
 * correct diff (applying it turns a into b), only not the smallest.
 */

export type LineOp = { op: 'same'; a: string; b: string } | { op: 'removed'; a: string } | { op: 'added'; b: string }

/** 4 million cells: a 16 MiB table, about 2,000 by 2,000 differing lines. */
export const MAX_DIFF_CELLS = 4_000_000

/** Splits text into lines: a final newline ends the last line rather than starting an empty one. */
export const textLines = (text: string): string[] => {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** The edit from `a` to `b`, line by line: removals before additions within each changed run. */
export function diffLineOps(a: readonly string[], b: readonly string[], maxCells = MAX_DIFF_CELLS): LineOp[] {
  const ops: LineOp[] = []
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  for (let k = 0; k < start; k++) ops.push({ op: 'same', a: a[k]!, b: b[k]! })
  const n = endA - start
  const m = endB - start
  if (n * m > maxCells) {
    for (let i = start; i < endA; i++) ops.push({ op: 'removed', a: a[i]! })
    for (let j = start; j < endB; j++) ops.push({ op: 'added', b: b[j]! })
  } else {
    // lcs[i·(m+1) + j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB).
    const w = m + 1
    const lcs = new Uint32Array((n + 1) * w)
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * w + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!)
    let i = 0
    let j = 0
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j])
        ops.push({ op: 'same', a: a[start + i++]!, b: b[start + j++]! })
      else if (i < n && (j >= m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!))
        ops.push({ op: 'removed', a: a[start + i++]! })
      else ops.push({ op: 'added', b: b[start + j++]! })
    }
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ op: 'same', a: a[endA + k]!, b: b[endB + k]! })
  return ops
}
