import { expect, it } from 'vitest'
import { ENCRYPTION_HEADERS } from '@/lib/inspector/encryption-headers'
import { cheatSheetGroups } from '@/lib/lessons/cheat-sheet'

it('puts every header of the dictionary on the cheat sheet exactly once, in a fitting group', () => {
  const groups = cheatSheetGroups()
  const names = groups.flatMap((g) => g.rows.map((r) => r.name))
  expect(names.sort()).toEqual(Object.keys(ENCRYPTION_HEADERS).sort())
  const groupOf = (name: string) => groups.find((g) => g.rows.some((r) => r.name === name))!.title
  expect(groupOf('x-amz-server-side-encryption-customer-key-md5')).toBe('SSE-C (customer-provided keys)')
  expect(groupOf('x-amz-copy-source-server-side-encryption-customer-key')).toBe('SSE-C copy source')
  expect(groupOf('x-amz-server-side-encryption-aws-kms-key-id')).toBe(
    'Server-side encryption (SSE-S3, SSE-KMS, DSSE-KMS)',
  )
  expect(groupOf('x-amz-meta-x-amz-key-v2')).toBe('Client-side encryption metadata')
  expect(groupOf('x-amz-checksum-crc32')).toBe('Integrity: checksums and hashes')
})

it('opens with the common server-side encryption headers and keeps the niche SSE-C copy source for last', () => {
  const titles = cheatSheetGroups().map((g) => g.title)
  expect(titles[0]).toBe('Server-side encryption (SSE-S3, SSE-KMS, DSSE-KMS)')
  expect(titles.indexOf('SSE-C copy source')).toBeGreaterThan(titles.indexOf('Integrity: checksums and hashes'))
})
