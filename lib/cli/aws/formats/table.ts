/**
 * aws-cli's `--output table` (awscli/formatter.py TableFormatter and awscli/table.py MultiTable): nested
 * sections drawn with | + -, columns scaled to the widest section, and sections that would be wider
 * than the terminal turned into key/value rows.
 */
import { pyStr } from './text'

interface Section {
  title: string
  headers: string[]
  rows: string[][]
  indent: number
  widths: number[]
}

const newSection = (title = '', indent = 0): Section => ({ title, headers: [], rows: [], indent, widths: [] })
const isScalar = (v: unknown) => typeof v !== 'object' || v === null
const truthy = (v: unknown) =>
  !(
    v === null ||
    v === undefined ||
    v === '' ||
    v === 0 ||
    v === false ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && Object.keys(v as object).length === 0)
  )

function track(s: Section, row: string[]) {
  s.widths = s.widths.length ? s.widths.map((w, i) => Math.max(w, row[i]!.length)) : row.map((c) => c.length)
}
const addHeader = (s: Section, headers: string[]) => (track(s, headers), (s.headers = headers))
const addRow = (s: Section, row: unknown[]) => {
  const cells = row.map(pyStr)
  s.rows.push(cells)
  track(s, cells)
}

/** Python's round(): halves go to the even neighbour. */
const pyRound = (x: number) => {
  const r = Math.round(x)
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r
}

function columnWidths(s: Section, padding: number, maxWidth?: number): number[] {
  const unscaled = s.widths.map((w) => w + padding)
  if (maxWidth === undefined || unscaled.length === 0) return unscaled
  const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0)
  const scaled = unscaled.map((w) => pyRound(factor * w))
  let off = scaled.reduce((a, b) => a + b, 0) - maxWidth
  while (off !== 0) {
    const order = [...scaled.keys()]
    if (off < 0) order.reverse()
    for (const i of order) {
      const step = off > 0 ? -1 : 1
      scaled[i]! += step
      off += step
      if (off === 0) break
    }
  }
  return scaled
}

const totalWidth = (s: Section) =>
  Math.max(s.title.length + 2 + 2 * s.indent, columnWidths(s, 0).reduce((t, w) => t + w + 4, 0) + 2 + 2 * s.indent)

function center(text: string, length: number, left = '|', right = '|'): string {
  const start = Math.floor(length / 2) - Math.floor(text.length / 2) - 1
  const head = left + ' '.repeat(Math.max(0, start)) + text
  return head + ' '.repeat(Math.max(0, length - right.length - (left.length + start + text.length))) + right
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const padding = length - (text.length + 2 + left.length + right.length) >= 0 ? 2 : 0
  return (
    left +
    ' '.repeat(padding) +
    text +
    ' '.repeat(Math.max(0, length - left.length - padding - text.length - right.length)) +
    right
  )
}

const lineBreak = (widths: number[]) =>
  widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('')

class Builder {
  readonly sections: Section[] = []
  private current = newSection()

  section(title: string, indent: number) {
    this.current = newSection(title, indent)
    this.sections.push(this.current)
  }

  build(title: string | undefined, value: unknown, indent = 0): boolean {
    if (!truthy(value)) return false
    if (title !== undefined) this.section(title, indent)
    if (Array.isArray(value)) {
      if (typeof value[0] === 'object' && value[0] !== null && !Array.isArray(value[0]))
        this.fromList(value as Record<string, unknown>[], indent, title)
      else
        for (const item of value) {
          if (isScalar(item)) addRow(this.current, [item])
          else if (Array.isArray(item) && item.every(isScalar)) addRow(this.current, item)
          else this.build(undefined, item)
        }
    } else if (typeof value === 'object' && value !== null) this.fromDict(value as Record<string, unknown>, indent)
    return true
  }

  private split(obj: Record<string, unknown>): [string[], string[]] {
    const keys = Object.keys(obj)
    return [keys.filter((k) => isScalar(obj[k])).sort(), keys.filter((k) => !isScalar(obj[k])).sort()]
  }

  private fromDict(obj: Record<string, unknown>, indent: number) {
    const [headers, more] = this.split(obj)
    if (headers.length === 1) addRow(this.current, [headers[0], obj[headers[0]!]])
    else if (headers.length) {
      addHeader(this.current, headers)
      addRow(
        this.current,
        headers.map((h) => obj[h]),
      )
    }
    for (const k of more) this.build(k, obj[k], indent + 1)
  }

  private fromList(items: Record<string, unknown>[], indent: number, title: string | undefined) {
    const headers = [...new Set(items.flatMap((i) => this.split(i)[0]))].sort()
    const more = [...new Set(items.flatMap((i) => this.split(i)[1]))].sort()
    addHeader(this.current, headers)
    items.forEach((item, n) => {
      if (n > 0 && more.length) {
        this.section(title ?? '', indent)
        addHeader(this.current, headers)
      }
      addRow(
        this.current,
        headers.map((h) => (h in item ? item[h] : '')),
      )
      for (const k of more) if (k in item) this.build(k, item[k], indent + 1)
    })
  }
}

function render(sections: Section[], terminalWidth: number): string {
  let max = Math.max(...sections.map(totalWidth))
  if (max > terminalWidth) {
    // Too wide: single-row sections become key/value rows.
    sections.forEach((s, i) => {
      if (s.rows.length === 1 && s.headers.length) {
        const v = newSection(s.title, s.indent)
        s.headers.forEach((h, j) => addRow(v, [h, s.rows[0]![j]]))
        sections[i] = v
      }
    })
    max = Math.max(...sections.map(totalWidth))
  }
  const out = ['-'.repeat(max) + '\n']
  for (const s of sections) {
    const bar = '|'.repeat(s.indent)
    const write = (line: string) => out.push(`${bar}${line}${bar}\n`)
    const width = max - 2 * s.indent
    if (s.title) {
      write(center(s.title, width))
      if (!s.headers.length && !s.rows.length) write(`+${'-'.repeat(width - 2)}+`)
    }
    if (s.headers.length) {
      const widths = columnWidths(s, 4, width)
      write(lineBreak(widths))
      write(s.headers.map((h, i) => center(h, widths[i]!, i === 0 ? '|' : '', '|')).join(''))
    }
    if (s.rows.length) {
      const widths = columnWidths(s, 4, width)
      if (!widths.length) continue
      write(lineBreak(widths))
      for (const row of s.rows) write(row.map((c, i) => alignLeft(c, widths[i]!, i === 0 ? '|' : '', '|')).join(''))
      write(lineBreak(widths))
    }
  }
  return out.join('')
}

/** The table for `value`, titled with the operation name; empty results print nothing. */
export function toTable(title: string, value: unknown, terminalWidth = 80): string {
  const b = new Builder()
  return b.build(title, value) ? render(b.sections, terminalWidth) : ''
}
