import { describe, expect, it } from 'vitest'
import { closeMatches, ratio } from '@/lib/cli/aws/difflib'

describe('difflib', () => {
  it('matches SequenceMatcher.ratio', () => {
    // Values from CPython: difflib.SequenceMatcher(None, a, b).ratio()
    expect(ratio('s3ap', 's3api')).toBeCloseTo(0.8888888888888888)
    expect(ratio('head-objec', 'head-object')).toBeCloseTo(0.9523809523809523)
    expect(ratio('abcd', 'bcde')).toBeCloseTo(0.75)
    expect(ratio('', '')).toBe(1)
  })

  it("suggests like get_close_matches with aws-cli's cutoff", () => {
    expect(closeMatches('AES257', ['AES256', 'aws:kms'], 0.8)).toEqual(['AES256'])
    expect(closeMatches('bogus', ['ls', 'cp', 'mv'], 0.8)).toEqual([])
  })
})
