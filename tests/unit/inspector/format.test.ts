/** Inspector formatting: pretty bodies, header and line diffs, hex dumps, and the header dictionaries. */
import { describe, expect, it } from 'vitest'
import { diffHeaders, diffLines } from '@/lib/inspector/diff'
import {
  ENCRYPTION_HEADERS,
  headerInfo,
  isClientSideMetadata,
  isEncryptionHeader,
} from '@/lib/inspector/encryption-headers'
import { asText, hexRows, hexString } from '@/lib/inspector/hexdump'
import { kmsFieldInfo } from '@/lib/inspector/kms-fields'
import { bodyKind, prettyBody, prettyXml } from '@/lib/inspector/pretty'

describe('pretty bodies', () => {
  it('indents XML, keeping text-only elements on one line', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>'
    expect(prettyXml(xml)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ServerSideEncryptionConfiguration>',
        '  <Rule>',
        '    <ApplyServerSideEncryptionByDefault>',
        '      <SSEAlgorithm>AES256</SSEAlgorithm>',
        '    </ApplyServerSideEncryptionByDefault>',
        '    <BucketKeyEnabled>false</BucketKeyEnabled>',
        '  </Rule>',
        '</ServerSideEncryptionConfiguration>',
      ].join('\n'),
    )
    expect(prettyXml('<a><b/><c></c></a>')).toBe('<a>\n  <b/>\n  <c>\n  </c>\n</a>')
  })

  it('pretty-prints KMS JSON and leaves broken JSON and plain text alone', () => {
    expect(prettyBody('{"KeyId":"alias/app","KeySpec":"AES_256"}', 'application/x-amz-json-1.1')).toBe(
      '{\n  "KeyId": "alias/app",\n  "KeySpec": "AES_256"\n}',
    )
    expect(prettyBody('{"KeyId":', 'application/json')).toBe('{"KeyId":')
    expect(prettyBody('hello world', 'text/plain')).toBe('hello world')
    expect(bodyKind('  <Error/>', null)).toBe('xml')
    expect(bodyKind('[1]', null)).toBe('json')
  })
})

describe('diffs', () => {
  it('compares headers by name, case-insensitively', () => {
    const rows = diffHeaders(
      [
        ['Content-Type', 'text/plain'],
        ['x-amz-server-side-encryption', 'AES256'],
        ['etag', '"a"'],
      ],
      [
        ['content-type', 'text/plain'],
        ['x-amz-server-side-encryption', 'aws:kms'],
        ['x-amz-server-side-encryption-aws-kms-key-id', 'arn:k'],
      ],
    )
    expect(rows).toEqual([
      { name: 'content-type', a: 'text/plain', b: 'text/plain', change: 'same' },
      { name: 'x-amz-server-side-encryption', a: 'AES256', b: 'aws:kms', change: 'changed' },
      { name: 'etag', a: '"a"', change: 'removed' },
      { name: 'x-amz-server-side-encryption-aws-kms-key-id', b: 'arn:k', change: 'added' },
    ])
  })

  it('diffs lines side by side, pairing a replaced line as changed', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { a: 'a', b: 'a', change: 'same' },
      { a: 'b', b: 'B', change: 'changed' },
      { a: 'c', b: 'c', change: 'same' },
      { b: 'd', change: 'added' },
    ])
    expect(diffLines('', 'x')).toEqual([{ b: 'x', change: 'added' }])
    expect(diffLines('x\ny', 'y')).toEqual([
      { a: 'x', change: 'removed' },
      { a: 'y', b: 'y', change: 'same' },
    ])
  })
})

describe('hex dump', () => {
  it('shows offset, hex in two groups of 8, and printable ASCII, up to a limit', () => {
    const bytes = Uint8Array.from(
      [...'Hello, S3!'].map((c) => c.charCodeAt(0)).concat([0, 1, 0xff, 0x7f, 0x41, 0x42, 0x43]),
    )
    expect(hexRows(bytes)).toEqual([
      { offset: '00000000', hex: '48 65 6c 6c 6f 2c 20 53  33 21 00 01 ff 7f 41 42', ascii: 'Hello, S3!....AB' },
      { offset: '00000010', hex: '43', ascii: 'C' },
    ])
    expect(hexRows(new Uint8Array(100), 32)).toHaveLength(2)
    expect(hexString(Uint8Array.from([0, 171, 16]))).toBe('00 ab 10')
    expect(asText(Uint8Array.from([72, 105, 0, 10]))).toBe('Hi·\n')
  })
})

describe('header dictionaries', () => {
  it('explains every S3 server-side encryption header, SSE-C copy sources included', () => {
    const sse = [
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-server-side-encryption-context',
      'x-amz-server-side-encryption-bucket-key-enabled',
      'x-amz-server-side-encryption-customer-algorithm',
      'x-amz-server-side-encryption-customer-key',
      'x-amz-server-side-encryption-customer-key-md5',
      'x-amz-copy-source-server-side-encryption-customer-algorithm',
      'x-amz-copy-source-server-side-encryption-customer-key',
      'x-amz-copy-source-server-side-encryption-customer-key-md5',
    ]
    for (const h of sse) {
      expect(headerInfo(h.toUpperCase())?.meaning, h).toBeTruthy()
      expect(isEncryptionHeader(h), h).toBe(true)
    }
    expect(isEncryptionHeader('content-type')).toBe(false)
    expect(headerInfo('x-amz-server-side-encryption')?.lesson).toBe('/learn/default-encryption/')
    for (const [name, info] of Object.entries(ENCRYPTION_HEADERS)) expect(info.meaning.length, name).toBeGreaterThan(20)
  })

  it('recognises client-side encryption metadata and explains KMS JSON fields', () => {
    expect(isClientSideMetadata('x-amz-meta-x-amz-key-v2')).toBe(true)
    expect(isClientSideMetadata('x-amz-cek-alg')).toBe(true)
    expect(isClientSideMetadata('x-amz-meta-owner')).toBe(false)
    expect(isClientSideMetadata('x-amz-meta-x-amz-3')).toBe(true)
    expect(isClientSideMetadata('x-amz-meta-x-amz-x')).toBe(false)
    expect(headerInfo('x-amz-meta-x-amz-w')?.values).toContain('kms+context')
    expect(isEncryptionHeader('x-amz-meta-x-amz-iv')).toBe(true)
    for (const f of [
      'KeyId',
      'EncryptionContext',
      'GrantTokens',
      'KeySpec',
      'NumberOfBytes',
      'Plaintext',
      'CiphertextBlob',
      'EncryptionAlgorithm',
      'DestinationKeyId',
      'KeyMaterialId',
    ])
      expect(kmsFieldInfo(f)?.meaning, f).toBeTruthy()
    expect(kmsFieldInfo('toString')).toBeUndefined()
  })
})
