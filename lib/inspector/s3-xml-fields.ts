/** The encryption elements of S3's XML bodies (PutBucketEncryption, GetObjectAttributes, errors), explained for the inspector. */
import type { HeaderInfo } from './encryption-headers'

export const S3_XML_FIELDS: Record<string, HeaderInfo> = {
  ServerSideEncryptionConfiguration: {
    meaning: "A bucket's default encryption: applied to every new object that asks for none.",
    lesson: '/learn/default-encryption/',
  },
  ApplyServerSideEncryptionByDefault: { meaning: 'The default encryption rule itself.' },
  SSEAlgorithm: {
    meaning: 'The default server-side encryption.',
    values: 'AES256 | aws:kms | aws:kms:dsse',
    lesson: '/learn/default-encryption/',
  },
  KMSMasterKeyID: {
    meaning: 'The default KMS key (id, ARN or alias). Absent with aws:kms: the AWS managed key aws/s3.',
  },
  BucketKeyEnabled: {
    meaning: 'New SSE-KMS objects use an S3 Bucket Key, cutting KMS requests and cost.',
    values: 'true | false',
  },
  BlockedEncryptionTypes: {
    meaning: 'Encryption types the bucket refuses. New buckets block SSE-C since April 2026.',
    values: 'EncryptionType: SSE-C | NONE',
  },
  EncryptionType: { meaning: 'One blocked encryption type.', values: 'SSE-C | NONE' },
  ServerSideEncryption: { meaning: 'How the object is encrypted at rest.', values: 'AES256 | aws:kms | aws:kms:dsse' },
  SSEKMSKeyId: { meaning: 'The KMS key ARN that protects the object.' },
  SSECustomerAlgorithm: { meaning: 'SSE-C: the object was encrypted with a key you sent.', values: 'AES256' },
  SSECustomerKeyMD5: { meaning: 'SSE-C: MD5 of the raw key, so you can tell which key it was.' },
  ChecksumCRC32: { meaning: 'The CRC32 S3 stored for the object (of the plaintext).' },
  ChecksumCRC64NVME: { meaning: 'The CRC64NVME S3 stored for the object (of the plaintext).' },
  ChecksumType: {
    meaning: 'Whether the checksum covers the whole object or combines part checksums.',
    values: 'FULL_OBJECT | COMPOSITE',
  },
}

export const s3XmlFieldInfo = (name: string): HeaderInfo | undefined =>
  Object.hasOwn(S3_XML_FIELDS, name) ? S3_XML_FIELDS[name] : undefined
