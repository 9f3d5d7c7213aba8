/** GNU diff's default ("normal") output, from a longest-common-subsequence of lines. */

const range = (a: number, b: number) => (a === b ? `${a}` : `${a},${b}`)

export function diffLines(left: string, right: string): string {
  const a = left.split('\n')
  const b = right.split('\n')
  if (a.at(-1) === '') a.pop()
  if (b.at(-1) === '') b.pop()
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  }
  let out = ''
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++
      j++
      continue
    }
    const i0 = i
    const j0 = j
    while ((i < a.length || j < b.length) && !(i < a.length && j < b.length && a[i] === b[j])) {
      if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) i++
      else j++
    }
    const del = a.slice(i0, i)
    const add = b.slice(j0, j)
    if (del.length && add.length) out += `${range(i0 + 1, i)}c${range(j0 + 1, j)}\n`
    else if (del.length) out += `${range(i0 + 1, i)}d${j0}\n`
    else out += `${i0}a${range(j0 + 1, j)}\n`
    out += del.map((l) => `< ${l}\n`).join('')
    if (del.length && add.length) out += '---\n'
    out += add.map((l) => `> ${l}\n`).join('')
  }
  return out
}
