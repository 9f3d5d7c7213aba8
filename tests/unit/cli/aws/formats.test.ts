import { describe, expect, it } from 'vitest'
import { applyQuery, render } from '@/lib/cli/aws/formats'
import { UsageError } from '@/lib/cli/aws/usage'

// Expected texts are what aws-cli 2.9 printed for the same values (recorded on this machine).
const encryption = {
  ServerSideEncryptionConfiguration: {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
  },
}
const head = {
  AcceptRanges: 'bytes',
  LastModified: '2026-11-28T09:38:33+00:00',
  ContentLength: 5,
  ETag: '"5d41402abc4b2a76b9719d911017c592"',
  ContentType: 'application/octet-stream',
  ServerSideEncryption: 'AES256',
  Metadata: {},
}

describe('--output text', () => {
  it('prints nested structures on lines named by their key', () => {
    expect(render(encryption, 'text')).toBe('RULES\tTrue\nAPPLYSERVERSIDEENCRYPTIONBYDEFAULT\tAES256\n')
  })
  it('prints a list of scalars on one line, and None for null', () => {
    expect(render(['"5d41402abc4b2a76b9719d911017c592"', 'AES256'], 'text')).toBe(
      '"5d41402abc4b2a76b9719d911017c592"\tAES256\n',
    )
    expect(render(null, 'text')).toBe('None\n')
  })
})

describe('--output yaml', () => {
  it('sorts keys, quotes what YAML would misread, and keeps lists in line with their key', () => {
    expect(render(head, 'yaml')).toBe(
      "AcceptRanges: bytes\nContentLength: 5\nContentType: application/octet-stream\nETag: '\"5d41402abc4b2a76b9719d911017c592\"'\nLastModified: '2026-11-28T09:38:33+00:00'\nMetadata: {}\nServerSideEncryption: AES256\n",
    )
    expect(render(encryption, 'yaml')).toBe(
      'ServerSideEncryptionConfiguration:\n  Rules:\n  - ApplyServerSideEncryptionByDefault:\n      SSEAlgorithm: AES256\n    BucketKeyEnabled: true\n',
    )
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

describe('--output table', () => {
  // Expected tables are aws-cli 2.9's output for the same values (80-column, non-TTY), recorded here.
  it('draws a single-row section as key/value rows when it would be too wide', () => {
    const value = {
      AcceptRanges: 'bytes',
      LastModified: '2026-11-28T10:05:53+00:00',
      ContentLength: 4,
      ETag: '"9cd599a3523898e6a12e13ec787da50a"',
      ContentType: 'text/plain',
      ServerSideEncryption: 'AES256',
      Metadata: {},
    }
    expect(render(value, 'table', 'HeadObject')).toBe(
      [
        '----------------------------------------------------------------',
        '|                          HeadObject                          |',
        '+-----------------------+--------------------------------------+',
        '|  AcceptRanges         |  bytes                               |',
        '|  ContentLength        |  4                                   |',
        '|  ContentType          |  text/plain                          |',
        '|  ETag                 |  "9cd599a3523898e6a12e13ec787da50a"  |',
        '|  LastModified         |  2026-11-28T10:05:53+00:00           |',
        '|  ServerSideEncryption |  AES256                              |',
        '+-----------------------+--------------------------------------+',
        '',
      ].join('\n'),
    )
  })

  it('nests sections with one more bar per level', () => {
    expect(
      render(encryption, 'table', 'GetBucketEncryption').replace('True', 'False').split('\n').slice(0, 4).join('\n'),
    ).toBe(
      [
        '------------------------------------------',
        '|           GetBucketEncryption          |',
        '+----------------------------------------+',
        '||   ServerSideEncryptionConfiguration  ||',
      ].join('\n'),
    )
    expect(
      render(
        {
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
          },
        },
        'table',
        'GetBucketEncryption',
      ),
    ).toBe(
      [
        '------------------------------------------',
        '|           GetBucketEncryption          |',
        '+----------------------------------------+',
        '||   ServerSideEncryptionConfiguration  ||',
        '|+--------------------------------------+|',
        '|||                Rules               |||',
        '||+------------------------------------+||',
        '|||          BucketKeyEnabled          |||',
        '||+------------------------------------+||',
        '|||  False                             |||',
        '||+------------------------------------+||',
        '||||ApplyServerSideEncryptionByDefault||||',
        '|||+--------------------+-------------+|||',
        '||||  SSEAlgorithm      |  AES256     ||||',
        '|||+--------------------+-------------+|||',
        '',
      ].join('\n'),
    )
  })

  it('lists scalars one per row', () => {
    expect(render(['sync-bucket'], 'table', 'ListBuckets')).toBe(
      '-----------------\n|  ListBuckets  |\n+---------------+\n|  sync-bucket  |\n+---------------+\n',
    )
  })
})
