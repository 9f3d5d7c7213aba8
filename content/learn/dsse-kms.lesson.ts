import type { LessonSpec } from '@/lib/lessons/types'

export const lesson: LessonSpec = {
  slug: 'dsse-kms',
  title: 'DSSE-KMS: two layers of encryption',
  summary:
    'Encrypt an object twice, with two data keys and two independent AES implementations, and see both layers in the audit trail.',
  learn: [
    'Upload with dual-layer server-side encryption (`aws:kms:dsse`)',
    'Why each object needs two data keys, and where they show in CloudTrail',
    'What DSSE-KMS costs compared with SSE-KMS, and that Bucket Keys do not apply',
  ],
  demo: 'dsse-kms',
  steps: [
    {
      id: 'setup',
      title: 'A key and a bucket',
      goals: [
        { kind: 'bucket', bucket: 'dsse-demo-bucket' },
        { kind: 'kms-key', key: '$DSSE_KEY', state: 'Enabled' },
      ],
      hints: [
        '`DSSE_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)` keeps the key id in a variable.',
      ],
      solution: [
        'aws s3 mb s3://dsse-demo-bucket',
        'DSSE_KEY=$(aws kms create-key --description "DSSE demo key" --query KeyMetadata.KeyId --output text)',
      ],
    },
    {
      id: 'upload',
      title: 'Upload with two layers',
      goals: [
        { kind: 'object', bucket: 'dsse-demo-bucket', key: 'layered.txt', sse: 'aws:kms:dsse', kmsKey: '$DSSE_KEY' },
      ],
      hints: ['`aws s3 cp` takes `--sse aws:kms:dsse` and `--sse-kms-key-id $DSSE_KEY`.'],
      solution: [
        'echo "protected twice" > layered.txt',
        'aws s3 cp layered.txt s3://dsse-demo-bucket/layered.txt --sse aws:kms:dsse --sse-kms-key-id $DSSE_KEY',
        'aws s3api head-object --bucket dsse-demo-bucket --key layered.txt',
      ],
    },
    {
      id: 'audit',
      title: 'Two data keys in the audit trail',
      goals: [
        {
          kind: 'cloudtrail',
          eventName: 'GenerateDataKey',
          atLeast: 2,
          invokedBy: 's3.amazonaws.com',
          label: 'CloudTrail shows two GenerateDataKey calls by S3 (one per layer)',
        },
        { kind: 'ran', command: 'cloudtrail lookup-events', label: 'You counted them with lookup-events' },
        { kind: 'file', path: 'back.txt', sameAs: 'layered.txt' },
      ],
      hints: [
        "`--query 'length(Events)'` counts the events lookup-events returns.",
        'Download with `aws s3 cp s3://dsse-demo-bucket/layered.txt back.txt`: S3 opens both layers.',
      ],
      solution: [
        "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GenerateDataKey --query 'length(Events)'",
        'aws s3 cp s3://dsse-demo-bucket/layered.txt back.txt',
      ],
    },
  ],
  quiz: [
    {
      id: 'header',
      question: 'Which value of `x-amz-server-side-encryption` asks for DSSE-KMS?',
      choices: ['`AES256`', '`aws:kms`', '`aws:kms:dsse`', '`aws:dsse`'],
      answer: 2,
      explanation:
        '`aws:kms:dsse` is the dual-layer option; it also takes `x-amz-server-side-encryption-aws-kms-key-id`.',
    },
    {
      id: 'calls',
      question: 'How many GenerateDataKey calls does one DSSE-KMS upload make?',
      choices: ['None', 'One', 'Two', 'One per GB'],
      answer: 2,
      explanation:
        'Each layer has its own data key, so S3 asks KMS twice. That is also why DSSE-KMS costs more in KMS requests.',
    },
    {
      id: 'bucket-key',
      question:
        'You send `x-amz-server-side-encryption-bucket-key-enabled: true` with a DSSE-KMS upload. What happens?',
      choices: [
        'The upload fails',
        'The header is accepted and has no effect',
        'Only one layer is used',
        'The object becomes SSE-S3',
      ],
      answer: 1,
      explanation:
        'S3 Bucket Keys do not apply to DSSE-KMS: the header is accepted and ignored, and every object still gets two fresh data keys.',
    },
  ],
  realAws: [
    'DSSE-KMS adds a per-GB charge on top of the KMS requests, twice as many as SSE-KMS.',
    'The caller needs `kms:GenerateDataKey` on the key to upload and `kms:Decrypt` to download, as with SSE-KMS.',
  ],
}
