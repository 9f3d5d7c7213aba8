/** GNU diff's default ("normal") output, from the one line diff (lib/text/line-diff.ts). */
import { diffLineOps, textLines } from '../../text/line-diff'

const range = (a: number, b: number) => (a === b ? `${a}` : `${a},${b}`)

export function diffLines(left: string, right: string): string {
  const ops = diffLineOps(textLines(left), textLines(right))
  let out = ''
  let i = 0 // lines of `left` consumed
  let j = 0 // lines of `right` consumed
  for (let k = 0; k < ops.length;) {
    if (ops[k]!.op === 'same') {
      i++
      j++
      k++
      continue
    }
    const del: string[] = []
    const add: string[] = []
    for (; k < ops.length && ops[k]!.op !== 'same'; k++) {
      const op = ops[k]!
      if (op.op === 'removed') del.push(op.a)
      else if (op.op === 'added') add.push(op.b)
    }
    const i0 = i
    const j0 = j
    i += del.length
    j += add.length
    if (del.length && add.length) out += `${range(i0 + 1, i)}c${range(j0 + 1, j)}\n`
    else if (del.length) out += `${range(i0 + 1, i)}d${j0}\n`
    else out += `${i0}a${range(j0 + 1, j)}\n`
    out += del.map((l) => `< ${l}\n`).join('')
    if (del.length && add.length) out += '---\n'
    out += add.map((l) => `> ${l}\n`).join('')
  }
  return out
}
