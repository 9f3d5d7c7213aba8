import type { LessonSpec } from '@/lib/lessons/types'

export const lesson: LessonSpec = {
  slug: 'overview',
  title: 'Overview: the ways S3 encrypts your data',
  summary:
    'At rest and in transit, server side and client side: what each option protects, who holds the keys, and how to choose.',
  learn: [
    'The difference between encryption in transit (TLS) and at rest',
    'The five ways to encrypt objects at rest: SSE-S3, SSE-KMS, DSSE-KMS, SSE-C and client-side',
    'Who holds the keys, what is audited and what costs extra in each',
    'How to choose, and where each lesson of this course fits',
  ],
  demo: 'sse-s3',
  steps: [
    {
      id: 'new-bucket',
      title: 'Look at a new bucket’s default',
      goals: [{ kind: 'bucket-encryption', bucket: 'overview-bucket', sse: 'AES256', blocked: ['SSE-C'] }],
      hints: [
        '`aws s3 mb s3://overview-bucket` makes the bucket; `aws s3api get-bucket-encryption --bucket overview-bucket` shows its default.',
      ],
      solution: ['aws s3 mb s3://overview-bucket', 'aws s3api get-bucket-encryption --bucket overview-bucket'],
    },
    {
      id: 'upload-without-asking',
      title: 'Upload without asking for encryption',
      goals: [
        {
          kind: 'object',
          bucket: 'overview-bucket',
          key: 'any.txt',
          sse: 'AES256',
          label: 'any.txt, uploaded with no encryption option, is SSE-S3',
        },
      ],
      hints: [
        'Make a file with `echo`, then `aws s3api put-object` with `--bucket`, `--key` and `--body`, and no encryption option.',
      ],
      solution: [
        'echo "encrypted without asking" > any.txt',
        'aws s3api put-object --bucket overview-bucket --key any.txt --body any.txt --query ServerSideEncryption',
      ],
    },
  ],
  quiz: [
    {
      id: 'transit',
      question: 'Which bucket policy condition refuses requests that do not use TLS?',
      choices: [
        '`aws:SecureTransport` = false',
        '`s3:x-amz-server-side-encryption` is null',
        '`kms:ViaService`',
        '`s3:signatureversion`',
      ],
      answer: 0,
      explanation:
        '`aws:SecureTransport` is false for plain-HTTP requests; a Deny on it protects data in transit. The encryption headers are about data at rest.',
    },
    {
      id: 'never-sees',
      question: 'With which option does S3 never see your plaintext?',
      choices: ['SSE-S3', 'SSE-KMS', 'SSE-C', 'Client-side encryption'],
      answer: 3,
      explanation:
        'With every server-side option, S3 receives the plaintext and encrypts it itself (with SSE-C, using your key). Only client-side encryption uploads ciphertext.',
    },
    {
      id: 'audit',
      question:
        'You must see every use of the key protecting your objects in an audit log. Which option gives you that?',
      choices: ['SSE-S3', 'SSE-KMS with a customer managed key', 'SSE-C', 'Default encryption alone'],
      answer: 1,
      explanation:
        'Every GenerateDataKey and Decrypt S3 makes with your KMS key is recorded in CloudTrail, invoked by s3.amazonaws.com. SSE-S3 and SSE-C keys are not KMS keys.',
    },
    {
      id: 'two-layers',
      question: 'A compliance rule asks for two independent layers of encryption at rest. What does S3 offer?',
      choices: ['SSE-S3 twice', 'DSSE-KMS', 'SSE-C with a Bucket Key', 'Versioning'],
      answer: 1,
      explanation:
        'DSSE-KMS (`aws:kms:dsse`) encrypts each object twice, with two data keys and two separate implementations.',
    },
  ],
  realAws: [
    'Every bucket in every account already has SSE-S3 as its default since January 2023; new buckets since April 2026 also block SSE-C.',
    '`get-bucket-encryption` needs `s3:GetEncryptionConfiguration`. It costs nothing to look.',
  ],
}
