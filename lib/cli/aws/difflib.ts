/**
 * Python's difflib.SequenceMatcher ratio and get_close_matches, which aws-cli uses for its
 * "maybe you meant" suggestions; reimplemented so the suggestions are the same ones.
 */

function longestMatch(
  a: string,
  b: string,
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
): [number, number, number] {
  let best: [number, number, number] = [alo, blo, 0]
  let lengths = new Map<number, number>()
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>()
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue
      const k = (lengths.get(j - 1) ?? 0) + 1
      next.set(j, k)
      if (k > best[2]) best = [i - k + 1, j - k + 1, k]
    }
    lengths = next
  }
  return best
}

function matchingCharacters(a: string, b: string): number {
  let total = 0
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]]
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!
    const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi)
    if (k === 0) continue
    total += k
    if (alo < i && blo < j) queue.push([alo, i, blo, j])
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi])
  }
  return total
}

export const ratio = (a: string, b: string): number =>
  a.length + b.length === 0 ? 1 : (2 * matchingCharacters(a, b)) / (a.length + b.length)

/** difflib.get_close_matches(word, possibilities, n=3, cutoff): best first. */
export function closeMatches(word: string, possibilities: readonly string[], cutoff = 0.6, n = 3): string[] {
  return possibilities
    .map((p) => ({ p, score: ratio(word, p) }))
    .filter((x) => x.score >= cutoff)
    .sort((x, y) => y.score - x.score)
    .slice(0, n)
    .map((x) => x.p)
}
