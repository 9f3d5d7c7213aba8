import { describe, expect, it } from 'vitest'
import { applyQuery, render } from '@/lib/cli/aws/formats'
import { UsageError } from '@/lib/cli/aws/usage'

// Expected texts are what aws-cli 2.9 printed for the same values (recorded on this machine).
const encryption = { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }] } }
const head = { AcceptRanges: 'bytes', LastModified: '2026-11-28T09:38:33+00:00', ContentLength: 5, ETag: '"5d41402abc4b2a76b9719d911017c592"', ContentType: 'application/octet-stream', ServerSideEncryption: 'AES256', Metadata: {} }

describe('--output text', () => {
  it('prints nested structures on lines named by their key', () => {
    expect(render(encryption, 'text')).toBe('RULES\tTrue\nAPPLYSERVERSIDEENCRYPTIONBYDEFAULT\tAES256\n')
  })
  it('prints a list of scalars on one line, and None for null', () => {
    expect(render(['"5d41402abc4b2a76b9719d911017c592"', 'AES256'], 'text')).toBe('"5d41402abc4b2a76b9719d911017c592"\tAES256\n')
    expect(render(null, 'text')).toBe('None\n')
  })
})

describe('--output yaml', () => {
  it('sorts keys, quotes what YAML would misread, and keeps lists in line with their key', () => {
    expect(render(head, 'yaml')).toBe(
      "AcceptRanges: bytes\nContentLength: 5\nContentType: application/octet-stream\nETag: '\"5d41402abc4b2a76b9719d911017c592\"'\nLastModified: '2026-11-28T09:38:33+00:00'\nMetadata: {}\nServerSideEncryption: AES256\n",
    )
    expect(render(encryption, 'yaml')).toBe('ServerSideEncryptionConfiguration:\n  Rules:\n  - ApplyServerSideEncryptionByDefault:\n      SSEAlgorithm: AES256\n    BucketKeyEnabled: true\n')
  })
})

describe('--query', () => {
  it('applies JMESPath', () => {
    expect(applyQuery(head, '[ETag,ServerSideEncryption]')).toEqual(['"5d41402abc4b2a76b9719d911017c592"', 'AES256'])
    expect(render(applyQuery(head, 'Nope'), 'json')).toBe('null\n')
  })
  it('rejects a bad expression as a usage error', () => {
    expect(() => applyQuery(head, '[bad')).toThrow(UsageError)
  })
})
