/**
 * What each encryption header means, for highlighting and hover explanations in the inspector.
 * One dictionary for every S3 encryption header (and the checksum and client-side encryption headers
 * that travel with them); the KMS JSON request and response fields are in kms-fields.ts.
 */

export interface HeaderInfo {
  meaning: string
  values?: string
  /** The lesson that teaches it, when there is one. */
  lesson?: string
}

const DEFAULT_LESSON = '/learn/default-encryption/'
const SSEC = 'SSE-C: '
const COPY = 'SSE-C copy source: '

export const ENCRYPTION_HEADERS: Record<string, HeaderInfo> = {
  'x-amz-server-side-encryption': {
    meaning: 'The server-side encryption S3 applied (response) or is asked to apply (request).',
    values: 'AES256 (SSE-S3), aws:kms (SSE-KMS), aws:kms:dsse (DSSE-KMS)',
    lesson: DEFAULT_LESSON,
  },
  'x-amz-server-side-encryption-aws-kms-key-id': {
    meaning: 'The KMS key that protects the object. S3 always answers with the full key ARN.',
    values:
      'key id, key ARN, alias name or alias ARN in requests; key ARN in responses. Absent: the AWS managed key aws/s3',
  },
  'x-amz-server-side-encryption-context': {
    meaning:
      'Extra KMS encryption context, base64 of a JSON object of strings; S3 adds aws:s3:arn to it and KMS binds it to the data key.',
    values: 'base64(JSON), e.g. eyJ0ZW5hbnQiOiJhIn0= for {"tenant":"a"}',
  },
  'x-amz-server-side-encryption-bucket-key-enabled': {
    meaning:
      'Whether an S3 Bucket Key protects the data key: S3 then calls KMS once per bucket key instead of once per object.',
    values: 'true | false (absent when not used)',
  },
  'x-amz-server-side-encryption-customer-algorithm': {
    meaning: `${SSEC}S3 encrypts with a key you send on every request and never stores.`,
    values: 'AES256',
  },
  'x-amz-server-side-encryption-customer-key': {
    meaning: `${SSEC}your 256-bit key, base64. A secret: the playground never shows or stores it.`,
    values: 'base64 of exactly 32 bytes',
  },
  'x-amz-server-side-encryption-customer-key-md5': {
    meaning: `${SSEC}base64 MD5 of the raw 32-byte key (not of its base64 text), so S3 can check it arrived intact.`,
    values: 'base64 of 16 bytes',
  },
  'x-amz-copy-source-server-side-encryption-customer-algorithm': {
    meaning: `${COPY}the algorithm of the source object's customer key, needed to read an SSE-C source.`,
    values: 'AES256',
  },
  'x-amz-copy-source-server-side-encryption-customer-key': {
    meaning: `${COPY}the source object's key, base64. A secret: never shown or stored.`,
    values: 'base64 of exactly 32 bytes',
  },
  'x-amz-copy-source-server-side-encryption-customer-key-md5': {
    meaning: `${COPY}base64 MD5 of the source object's raw key.`,
    values: 'base64 of 16 bytes',
  },
  'x-amz-checksum-crc32': {
    meaning: 'CRC32 of the object bytes (plaintext), sent by the SDK and checked by S3.',
    values: 'base64 of 4 bytes',
  },
  'x-amz-checksum-crc32c': { meaning: 'CRC32C of the object bytes (plaintext).', values: 'base64 of 4 bytes' },
  'x-amz-checksum-crc64nvme': {
    meaning: 'CRC64NVME of the object bytes; S3 computes it when the client sends none.',
    values: 'base64 of 8 bytes',
  },
  'x-amz-checksum-sha1': { meaning: 'SHA-1 of the object bytes (plaintext).', values: 'base64 of 20 bytes' },
  'x-amz-checksum-sha256': { meaning: 'SHA-256 of the object bytes (plaintext).', values: 'base64 of 32 bytes' },
  'x-amz-checksum-type': {
    meaning: 'Whether the checksum covers the whole object or is a checksum of the part checksums (multipart).',
    values: 'FULL_OBJECT | COMPOSITE',
  },
  'x-amz-checksum-algorithm': {
    meaning: 'The checksum algorithm a multipart upload will use for its parts.',
    values: 'CRC32 | CRC32C | CRC64NVME | SHA1 | SHA256',
  },
  'x-amz-sdk-checksum-algorithm': {
    meaning: 'Which checksum the SDK computed for this request (SDKs send CRC32 by default since 2025).',
  },
  'x-amz-version-id': {
    meaning:
      'The version this request wrote or read. In a versioned bucket every version keeps the encryption and key it was written with; `null` is the version of an unversioned or suspended write.',
    values: 'a version id | null',
    lesson: '/learn/versions/',
  },
  'x-amz-delete-marker': {
    meaning:
      'The version is a delete marker: the key looks deleted (GET answers 404), but the older versions are still stored, each still encrypted under its own key.',
    values: 'true',
    lesson: '/learn/versions/',
  },
  'x-amz-copy-source-version-id': {
    meaning: 'The source version a copy read. A copy in place writes a new version and leaves this one as it was.',
    lesson: '/learn/versions/',
  },
  'x-amz-checksum-mode': {
    meaning: 'ENABLED asks S3 to return the stored checksum, so the client can verify what it downloads.',
    values: 'ENABLED',
  },
  'x-amz-content-sha256': {
    meaning: 'SigV4: SHA-256 of the request body as signed, or a marker when the body is not signed.',
    values: 'hex SHA-256 | UNSIGNED-PAYLOAD | STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  },
  'content-md5': { meaning: 'Base64 MD5 of the body; S3 rejects the request when the body does not match.' },
  'x-amz-target': {
    meaning: 'KMS (JSON protocol): which API the POST body is for, e.g. TrentService.GenerateDataKey.',
    values: 'TrentService.<Operation>',
  },
  'x-amz-meta-x-amz-key-v2': {
    meaning:
      'Client-side encryption (S3 Encryption Client): the data key, encrypted by your own key before upload. S3 only stores it.',
  },
  'x-amz-meta-x-amz-key': { meaning: 'Client-side encryption, v1 format: the encrypted data key.' },
  'x-amz-meta-x-amz-iv': { meaning: 'Client-side encryption: the IV your client used; S3 never sees the plaintext.' },
  'x-amz-meta-x-amz-cek-alg': {
    meaning: 'Client-side encryption: the content cipher.',
    values: 'AES/GCM/NoPadding | AES/CBC/PKCS5Padding',
  },
  'x-amz-meta-x-amz-wrap-alg': {
    meaning: 'Client-side encryption: how the data key was wrapped.',
    values: 'kms+context | AESWrap | RSA-OAEP-SHA1',
  },
  'x-amz-meta-x-amz-matdesc': {
    meaning: 'Client-side encryption: the material description (for kms+context, the encryption context).',
  },
  'x-amz-meta-x-amz-tag-len': { meaning: 'Client-side encryption: the AES-GCM tag length in bits.', values: '128' },
  'x-amz-meta-x-amz-unencrypted-content-length': {
    meaning: 'Client-side encryption: the plaintext length, before the client encrypted it.',
  },
  'x-amz-meta-x-amz-3': {
    meaning: 'Client-side encryption, V3 format: the encrypted data key (V3 uses short metadata names).',
  },
  'x-amz-meta-x-amz-c': {
    meaning: 'Client-side encryption, V3: the content algorithm suite.',
    values: '115 (AES-256-GCM, HKDF-SHA512, key commitment)',
  },
  'x-amz-meta-x-amz-w': {
    meaning: 'Client-side encryption, V3: how the data key was wrapped.',
    values: '02 AES/GCM | 12 kms+context | 22 RSA-OAEP-SHA1',
  },
  'x-amz-meta-x-amz-m': { meaning: 'Client-side encryption, V3: the material description.' },
  'x-amz-meta-x-amz-t': { meaning: 'Client-side encryption, V3: the KMS encryption context.' },
  'x-amz-meta-x-amz-d': {
    meaning: 'Client-side encryption, V3: the key commitment, so a ciphertext opens under one key only.',
  },
  'x-amz-meta-x-amz-i': { meaning: 'Client-side encryption, V3: the message id that salts the key derivation.' },
}

/** Headers worth highlighting: every server-side encryption header, SSE-C copy sources, and client-side encryption metadata. */
export function isEncryptionHeader(name: string): boolean {
  const n = name.toLowerCase()
  return (
    n.startsWith('x-amz-server-side-encryption') ||
    n.startsWith('x-amz-copy-source-server-side-encryption') ||
    isClientSideMetadata(n)
  )
}

/** S3 Encryption Client metadata, V1/V2 (x-amz-key-v2, -iv, -cek-alg...) and V3 (x-amz-3, -c, -w...), with or without the x-amz-meta- prefix. */
export function isClientSideMetadata(name: string): boolean {
  return /^(x-amz-meta-)?x-amz-(key|key-v2|iv|cek-alg|wrap-alg|matdesc|tag-len|unencrypted-content-length|[3cwmtdi])$/.test(
    name.toLowerCase(),
  )
}

/** The encrypted data key every S3 Encryption Client format stores (V1 x-amz-key, V2 x-amz-key-v2, V3 x-amz-3): proof of client-side encryption. */
export const isClientSideKey = (name: string) => /^(x-amz-meta-)?x-amz-(key|key-v2|3)$/.test(name.toLowerCase())

export const headerInfo = (name: string): HeaderInfo | undefined => ENCRYPTION_HEADERS[name.toLowerCase()]

/** One line for a title attribute: the meaning and the allowed values. */
export const describeHeader = (info: HeaderInfo) => `${info.meaning}${info.values ? `\nValues: ${info.values}` : ''}`
