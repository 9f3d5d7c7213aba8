import type { LessonSpec } from '@/lib/lessons/types'

const ALIAS = 'alias/my-s3-bucket-key'
const SET_DEFAULT = `aws s3api put-bucket-encryption --bucket my-s3-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/my-s3-bucket-key"}}]}'`
const BEFORE = [
  'aws s3 mb s3://my-s3-bucket',
  'echo "written before the change" > before.txt',
  'aws s3 cp before.txt s3://my-s3-bucket/before.txt',
]
const CREATE_KEY = [
  'KEY_ID=$(aws kms create-key --description "Default key for my-s3-bucket" --query KeyMetadata.KeyId --output text)',
  `aws kms create-alias --alias-name ${ALIAS} --target-key-id $KEY_ID`,
]

export const lesson: LessonSpec = {
  slug: 'default-sse-kms',
  title: "Change a bucket's default encryption to SSE-KMS",
  summary:
    'Create a KMS key, make it the bucket default, see that old objects keep their encryption, re-encrypt them, and read the audit trail.',
  learn: [
    'Create a customer managed KMS key and give it an alias',
    'Make SSE-KMS with that key the bucket default (`put-bucket-encryption`)',
    'Why existing objects keep their encryption, and how `copy-object` re-encrypts them',
    'Find S3’s calls to KMS in CloudTrail, and what they cost',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'before',
      title: 'A bucket with one object',
      goals: [{ kind: 'object', bucket: 'my-s3-bucket', key: 'before.txt', sse: 'AES256' }],
      hints: ['If the bucket exists from the previous lesson, `aws s3 mb` says so and you can go on.'],
      solution: BEFORE,
    },
    {
      id: 'create-key',
      title: 'Create a KMS key',
      goals: [
        { kind: 'kms-key', key: '$KEY_ID', state: 'Enabled' },
        { kind: 'kms-alias', alias: ALIAS, key: '$KEY_ID' },
      ],
      hints: [
        '`KEY_ID=$(aws kms create-key --query KeyMetadata.KeyId --output text)` keeps the new key id in a shell variable.',
        '`aws kms create-alias --alias-name alias/my-s3-bucket-key --target-key-id $KEY_ID`',
      ],
      solution: CREATE_KEY,
    },
    {
      id: 'set-default',
      title: "Make it the bucket's default",
      goals: [{ kind: 'bucket-encryption', bucket: 'my-s3-bucket', sse: 'aws:kms', kmsKey: ALIAS }],
      hints: [
        'The rule is `{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"alias/my-s3-bucket-key"}}` inside `{"Rules":[…]}`.',
      ],
      solution: [SET_DEFAULT],
    },
    {
      id: 'check-setting',
      title: 'Check the setting',
      goals: [
        {
          kind: 'ran',
          command: 's3api get-bucket-encryption',
          input: { Bucket: 'my-s3-bucket' },
          label: 'You read the bucket’s encryption configuration back',
        },
      ],
      hints: ['`aws s3api get-bucket-encryption --bucket my-s3-bucket`'],
      solution: ['aws s3api get-bucket-encryption --bucket my-s3-bucket'],
    },
    {
      id: 'existing-objects',
      title: 'Existing objects keep their encryption',
      goals: [
        {
          kind: 'object',
          bucket: 'my-s3-bucket',
          key: 'after.txt',
          sse: 'aws:kms',
          kmsKey: ALIAS,
          label: 'after.txt, uploaded with no option, is SSE-KMS under alias/my-s3-bucket-key',
        },
      ],
      hints: ['Upload any file as `after.txt` without `--sse`: the bucket default applies.'],
      solution: [
        'aws s3api head-object --bucket my-s3-bucket --key before.txt --query ServerSideEncryption',
        'aws s3 cp before.txt s3://my-s3-bucket/after.txt',
      ],
    },
    {
      id: 're-encrypt',
      title: 'Re-encrypt an existing object',
      goals: [
        {
          kind: 'object',
          bucket: 'my-s3-bucket',
          key: 'before.txt',
          sse: 'aws:kms',
          kmsKey: ALIAS,
          label: 'before.txt is now SSE-KMS under alias/my-s3-bucket-key',
        },
      ],
      hints: [
        'Copy the object onto itself: `aws s3api copy-object --bucket my-s3-bucket --key before.txt --copy-source my-s3-bucket/before.txt`.',
      ],
      solution: ['aws s3api copy-object --bucket my-s3-bucket --key before.txt --copy-source my-s3-bucket/before.txt'],
    },
    {
      id: 'audit',
      title: 'The audit trail',
      goals: [
        {
          kind: 'cloudtrail',
          eventName: 'GenerateDataKey',
          invokedBy: 's3.amazonaws.com',
          label: 'CloudTrail shows S3 asking KMS for a data key on your behalf',
        },
        { kind: 'ran', command: 'cloudtrail lookup-events', label: 'You looked the events up' },
      ],
      hints: [
        '`aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GenerateDataKey`',
      ],
      solution: [
        'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GenerateDataKey --max-results 1',
      ],
    },
  ],
  quiz: [
    {
      id: 'existing',
      question: 'You change a bucket’s default from SSE-S3 to SSE-KMS. What happens to the objects already in it?',
      choices: [
        'They are re-encrypted in the background',
        'Nothing: they keep SSE-S3 until rewritten',
        'They become unreadable',
        'They are re-encrypted on their next read',
      ],
      answer: 1,
      explanation:
        'Default encryption applies to new writes only. Copy an object onto itself (or use S3 Batch Operations) to re-encrypt it.',
    },
    {
      id: 'key-arn',
      question: 'You set the default with an alias. What does head-object report in `SSEKMSKeyId`?',
      choices: ['The alias name', 'The key ARN', 'The key id without the ARN', 'Nothing for default-encrypted objects'],
      answer: 1,
      explanation: 'S3 always reports the key as a full key ARN, whichever identifier you gave it.',
    },
    {
      id: 'wrong-key',
      question: 'put-bucket-encryption names a KMS key that does not exist. When do you find out?',
      choices: [
        'put-bucket-encryption fails',
        'get-bucket-encryption fails',
        'The next upload that uses the default fails',
        'Never',
      ],
      answer: 2,
      explanation:
        'S3 stores the key identifier as given without checking it; the mistake shows when S3 first asks KMS for a data key.',
    },
    {
      id: 'bucket-key',
      question: 'What does an S3 Bucket Key change?',
      choices: [
        'It replaces KMS with SSE-S3',
        'It cuts the number of KMS requests (and their cost)',
        'It lets S3 read SSE-C objects',
        'It encrypts objects twice',
      ],
      answer: 1,
      explanation:
        'With a Bucket Key, S3 asks KMS for a bucket-level key for a while and derives data keys from it, so far fewer GenerateDataKey and Decrypt calls are made.',
    },
  ],
  realAws: [
    'A customer managed KMS key costs about $1 a month; KMS requests cost $0.03 per 10,000 after the free tier. Enable `BucketKeyEnabled` for busy buckets.',
    'You need `kms:CreateKey`, `kms:CreateAlias`, `s3:PutEncryptionConfiguration`, and for uploads and downloads `kms:GenerateDataKey` and `kms:Decrypt` on the key.',
    'For a whole bucket, S3 Batch Operations can run the copy that re-encrypts every object; with versioning on, old versions keep the old key.',
  ],
  presets: [
    {
      id: 'key-ready',
      title: 'Bucket and key ready',
      description:
        'my-s3-bucket with before.txt (SSE-S3), and a customer managed key with alias/my-s3-bucket-key in $KEY_ID: start at "Make it the bucket’s default".',
      commands: [...BEFORE, ...CREATE_KEY],
      startStep: 'set-default',
    },
  ],
}
