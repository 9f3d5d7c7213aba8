/**
 * The printable header cheat sheet, generated from the one header dictionary the inspector uses
 * (lib/inspector/encryption-headers.ts): every header in exactly one group, in the dictionary's order; the most common
 * group first.
 */
import { ENCRYPTION_HEADERS, type HeaderInfo } from '../inspector/encryption-headers'

export interface CheatSheetGroup {
  title: string
  note: string
  rows: { name: string; info: HeaderInfo }[]
}

const GROUPS: { title: string; note: string; test: (name: string) => boolean }[] = [
  {
    title: 'SSE-C copy source',
    note: 'CopyObject and UploadPartCopy from an SSE-C object: the source object’s key.',
    test: (n) => n.startsWith('x-amz-copy-source-server-side-encryption-customer'),
  },
  {
    title: 'SSE-C (customer-provided keys)',
    note: 'Sent on every request that writes or reads the object, over HTTPS only.',
    test: (n) => n.startsWith('x-amz-server-side-encryption-customer'),
  },
  {
    title: 'Server-side encryption (SSE-S3, SSE-KMS, DSSE-KMS)',
    note: 'Request headers ask; response headers report what S3 applied.',
    test: (n) => n.startsWith('x-amz-server-side-encryption'),
  },
  {
    title: 'Client-side encryption metadata',
    note: 'Written by the S3 Encryption Client as user metadata; S3 stores it without reading it.',
    test: (n) => n.startsWith('x-amz-meta-'),
  },
  {
    title: 'Integrity: checksums and hashes',
    note: 'Travel with encrypted objects; computed over the plaintext.',
    test: (n) => /checksum|content-md5|content-sha256/.test(n),
  },
  { title: 'Other', note: '', test: () => true },
]

/** The order a reader meets them in: the common case first, the niche SSE-C copy source last (GROUPS' order is for matching). */
const SHOWN = [
  'Server-side encryption (SSE-S3, SSE-KMS, DSSE-KMS)',
  'SSE-C (customer-provided keys)',
  'Client-side encryption metadata',
  'Integrity: checksums and hashes',
  'SSE-C copy source',
  'Other',
]

export function cheatSheetGroups(headers: Record<string, HeaderInfo> = ENCRYPTION_HEADERS): CheatSheetGroup[] {
  const groups = GROUPS.map((g) => ({ title: g.title, note: g.note, rows: [] as CheatSheetGroup['rows'] }))
  for (const [name, info] of Object.entries(headers))
    groups[GROUPS.findIndex((g) => g.test(name))]!.rows.push({ name, info })
  return groups.filter((g) => g.rows.length > 0).sort((a, b) => SHOWN.indexOf(a.title) - SHOWN.indexOf(b.title))
}
