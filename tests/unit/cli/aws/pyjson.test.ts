import { describe, expect, it } from 'vitest'
import { parsePythonJson } from '@/lib/cli/aws/pyjson'

// Messages as Python 3.11's json.loads words them (checked against CPython on this machine).
const CASES: [string, string][] = [
  ['{bad', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
  ['', 'Expecting value: line 1 column 1 (char 0)'],
  ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
  ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
  ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
  ['{"a":1 "b"}', "Expecting ',' delimiter: line 1 column 8 (char 7)"],
  ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
  ['"a\\qb"', 'Invalid \\escape: line 1 column 3 (char 2)'],
  ['{"a":1}x', 'Extra data: line 1 column 8 (char 7)'],
  ['"a\tb"', 'Invalid control character at: line 1 column 3 (char 2)'],
  ['\n\n  {x', 'Expecting property name enclosed in double quotes: line 3 column 4 (char 5)'],
  ['"\\u12"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
]

describe('parsePythonJson', () => {
  it.each(CASES)("%j fails with Python's message", (doc, message) => {
    expect(() => parsePythonJson(doc)).toThrow(message)
  })

  it('parses what JSON.parse parses, to the same value', () => {
    const doc =
      '{"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k\\u00e9"}, "BucketKeyEnabled": true}], "n": -1.5e3, "z": null}'
    expect(parsePythonJson(doc)).toEqual(JSON.parse(doc))
  })
})
