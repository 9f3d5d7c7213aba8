/** The progress line aws s3 cp redraws with \r fits a narrow terminal, cut at a word, so redraws leave nothing behind. */
import { describe, expect, it } from 'vitest'
import { fitLine } from '@/lib/cli/aws/s3/multipart'

const LINE = 'Completed 1.0 KiB/1.0 KiB (12.3 KiB/s) with 1 file(s) remaining'

describe('fitLine', () => {
  it('leaves the line alone when it fits, or when the width is unknown', () => {
    expect(fitLine(LINE, 80)).toBe(LINE)
    expect(fitLine(LINE, undefined)).toBe(LINE)
  })

  it('cuts after the last whole word that fits, within one row', () => {
    for (const cols of [20, 31, 40, 45, 63]) {
      const fitted = fitLine(LINE, cols)
      expect(fitted.length).toBeLessThan(cols)
      expect(LINE.startsWith(fitted)).toBe(true)
      expect(LINE[fitted.length]).toBe(' ')
    }
    expect(fitLine(LINE, 40)).toBe('Completed 1.0 KiB/1.0 KiB (12.3 KiB/s)')
  })
})
