/**
 * `--output table` against aws-cli's own renderer: 80 generated responses (odd and even column widths, columns
 * scaled to fit, sections wider than the terminal) at terminal widths from 40 to 133, recorded with aws-cli
 * 2.9.19 by tests/conformance/record-aws-tables.py, must come out byte for byte.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toTable } from '@/lib/cli/aws/formats/table'

interface Case {
  title: string
  width: number
  value: unknown
  table: string
}
const { cases } = JSON.parse(readFileSync('tests/conformance/aws-cli-tables.json', 'utf8')) as { cases: Case[] }

describe('table output, as aws-cli renders it', () => {
  it('has recordings at several widths, some wider than the terminal', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80)
    expect(new Set(cases.map((c) => c.width)).size).toBeGreaterThanOrEqual(5)
  })

  it.each(cases.map((c, i) => [i, c.width, c] as const))('case %i at width %i', (_i, width, c) => {
    expect(toTable(c.title, c.value, width)).toBe(c.table)
  })
})
