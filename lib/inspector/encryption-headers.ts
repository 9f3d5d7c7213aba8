/**
 * What each encryption header means, for highlighting and hover explanations in the inspector.
 * One dictionary for every S3 encryption header; the lessons link to it.
 */

export interface HeaderInfo {
  meaning: string
  values?: string
  lesson?: string
}

export const ENCRYPTION_HEADERS: Record<string, HeaderInfo> = {
  'x-amz-server-side-encryption': {
    meaning: 'The server-side encryption S3 applied (response) or is asked to apply (request).',
    values: 'AES256 (SSE-S3), aws:kms (SSE-KMS), aws:kms:dsse (DSSE-KMS)',
    lesson: '/learn/default-encryption/',
  },
  'x-amz-server-side-encryption-aws-kms-key-id': {
    meaning: 'The KMS key that protects the object. S3 always answers with the full key ARN.',
    values: 'key id, key ARN, alias name or alias ARN in requests; key ARN in responses',
  },
  'x-amz-server-side-encryption-context': {
    meaning: 'Extra KMS encryption context, base64 of a JSON object; S3 adds aws:s3:arn to it.',
  },
  'x-amz-server-side-encryption-bucket-key-enabled': {
    meaning: 'Whether an S3 Bucket Key is used, which cuts the number of KMS calls. Absent when not used.',
    values: 'true | false',
  },
  'x-amz-server-side-encryption-customer-algorithm': {
    meaning: 'SSE-C: S3 encrypts with a key you send on every request and never stores.',
    values: 'AES256',
  },
  'x-amz-server-side-encryption-customer-key': {
    meaning: 'SSE-C: your 256-bit key, base64. A secret: the playground never shows or stores it.',
  },
  'x-amz-server-side-encryption-customer-key-md5': {
    meaning: 'SSE-C: base64 MD5 of the raw 32-byte key (not of its base64 text), so S3 can check it arrived intact.',
  },
  'x-amz-checksum-crc32': { meaning: 'CRC32 of the object bytes (plaintext), sent by the SDK and checked by S3.' },
  'x-amz-checksum-crc32c': { meaning: 'CRC32C of the object bytes (plaintext).' },
  'x-amz-checksum-crc64nvme': { meaning: 'CRC64NVME of the object bytes; S3 computes it when the client sends none.' },
  'x-amz-checksum-sha256': { meaning: 'SHA-256 of the object bytes (plaintext).' },
}

export const isEncryptionHeader = (name: string) => name.toLowerCase().startsWith('x-amz-server-side-encryption')

export const headerInfo = (name: string): HeaderInfo | undefined => ENCRYPTION_HEADERS[name.toLowerCase()]
