/**
 * The KMS JSON request and response fields that matter for encryption, explained for the inspector.
 * KMS speaks JSON over POST (x-amz-target names the operation), so its "headers" are these body fields.
 */
import type { HeaderInfo } from './encryption-headers'

export const KMS_FIELDS: Record<string, HeaderInfo> = {
  KeyId: {
    meaning: 'Which KMS key: key id, key ARN, alias name (alias/...) or alias ARN. Responses always give the key ARN.',
  },
  EncryptionContext: {
    meaning:
      'Non-secret key/value pairs bound to the ciphertext as authenticated data: Decrypt fails unless the same context is sent. S3 uses {"aws:s3:arn": object or bucket ARN}.',
    values: 'JSON object of strings',
  },
  GrantTokens: { meaning: 'Tokens of grants that are not yet consistent, so a new grant can be used at once.' },
  KeySpec: { meaning: 'GenerateDataKey: the length of the data key to make.', values: 'AES_256 | AES_128' },
  NumberOfBytes: { meaning: 'GenerateDataKey: the data key length in bytes, instead of KeySpec.', values: '1-1024' },
  Plaintext: {
    meaning:
      'Secret bytes, base64: the data key GenerateDataKey returns, or what Encrypt takes. Use it, then forget it; never store it.',
  },
  CiphertextBlob: {
    meaning:
      'The encrypted bytes, base64, e.g. the wrapped data key S3 stores beside an object. Only KMS can decrypt it.',
  },
  CiphertextForRecipient: { meaning: 'The plaintext encrypted for a Nitro enclave, instead of Plaintext.' },
  EncryptionAlgorithm: {
    meaning: 'The algorithm KMS used or should use.',
    values: 'SYMMETRIC_DEFAULT (AES-256-GCM) | RSAES_OAEP_SHA_1 | RSAES_OAEP_SHA_256 | SM2PKE',
  },
  DryRun: { meaning: 'Checks permissions and input without doing the operation.', values: 'true | false' },
  SourceKeyId: { meaning: 'ReEncrypt: the key that encrypted the ciphertext now.' },
  DestinationKeyId: { meaning: 'ReEncrypt: the key to encrypt under instead.' },
  SourceEncryptionContext: { meaning: 'ReEncrypt: the context the ciphertext was made with.' },
  DestinationEncryptionContext: { meaning: 'ReEncrypt: the context to bind the new ciphertext to.' },
  SourceEncryptionAlgorithm: { meaning: 'ReEncrypt: the algorithm of the ciphertext now.' },
  DestinationEncryptionAlgorithm: { meaning: 'ReEncrypt: the algorithm to use instead.' },
  SourceKeyMaterialId: {
    meaning: 'The key material version that decrypted the ciphertext (after rotation, old versions still decrypt).',
  },
  KeyMaterialId: {
    meaning: 'Which version of the key material was used; rotation adds versions and keeps the old ones.',
  },
  KeyUsage: {
    meaning: 'What the key is for.',
    values: 'ENCRYPT_DECRYPT | SIGN_VERIFY | GENERATE_VERIFY_MAC | KEY_AGREEMENT',
  },
  KeyState: {
    meaning:
      'Only Enabled keys encrypt or decrypt: S3 reads and writes fail while the key is Disabled or PendingDeletion.',
    values: 'Enabled | Disabled | PendingDeletion',
  },
  KeyManager: {
    meaning: 'Who manages the key: AWS (aws/s3, no monthly fee) or you (CUSTOMER, $1 a month).',
    values: 'AWS | CUSTOMER',
  },
  Origin: {
    meaning: 'Where the key material came from.',
    values: 'AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE',
  },
  MultiRegion: { meaning: 'Whether the key can be replicated to other Regions.', values: 'true | false' },
  Policy: {
    meaning: 'The key policy: who may use and manage the key. S3 needs kms:GenerateDataKey and kms:Decrypt on it.',
    values: 'JSON policy document',
  },
  PolicyName: { meaning: 'Key policies have one name.', values: 'default' },
  BypassPolicyLockoutSafetyCheck: {
    meaning: 'Skips the check that you can still manage the key after a policy change. Rarely wise.',
  },
  RotationPeriodInDays: { meaning: 'Automatic rotation period.', values: '90-2560 (365 by default)' },
  PendingWindowInDays: {
    meaning: 'ScheduleKeyDeletion: days before the key, and every object under it, is gone for good.',
    values: '7-30',
  },
  DeletionDate: { meaning: 'When a key pending deletion is deleted; CancelKeyDeletion stops it until then.' },
  AliasName: {
    meaning: 'A friendly name for a key. alias/aws/... names belong to AWS managed keys.',
    values: 'alias/...',
  },
  TargetKeyId: { meaning: 'The key an alias points to; UpdateAlias moves it without re-encrypting anything.' },
  Description: { meaning: 'Free text shown in the console.' },
  CustomerMasterKeySpec: { meaning: 'Deprecated name of KeySpec on keys.', values: 'SYMMETRIC_DEFAULT' },
  Enabled: { meaning: 'Whether the key can be used (DescribeKey).', values: 'true | false' },
}

export const kmsFieldInfo = (name: string): HeaderInfo | undefined =>
  Object.hasOwn(KMS_FIELDS, name) ? KMS_FIELDS[name] : undefined
