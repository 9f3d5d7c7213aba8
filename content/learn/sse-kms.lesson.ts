import type { LessonSpec } from '@/lib/lessons/types'

const B = 'kms-demo-bucket'
const config = (bucket: string, bucketKey: boolean) =>
  `aws s3api put-bucket-encryption --bucket ${bucket} --server-side-encryption-configuration "{\\"Rules\\":[{\\"ApplyServerSideEncryptionByDefault\\":{\\"SSEAlgorithm\\":\\"aws:kms\\",\\"KMSMasterKeyID\\":\\"$KMS_KEY\\"},\\"BucketKeyEnabled\\":${bucketKey}}]}"`

export const lesson: LessonSpec = {
  slug: 'sse-kms',
  title: 'SSE-KMS: encryption under a key you control and audit',
  summary:
    'Customer managed, AWS managed and AWS owned keys; key policies; the encryption context S3 sends; the CloudTrail record of every use; and how S3 Bucket Keys cut the KMS calls.',
  learn: [
    'The three kinds of KMS key (AWS owned, AWS managed aws/s3, customer managed) and which ones you can see',
    'What S3 asks KMS for on a write and on a read, with which encryption context',
    'How to read those calls in CloudTrail, and what they cost',
    'How an S3 Bucket Key replaces one KMS call per object with one per bucket',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'aws-managed',
      title: 'aws/s3 appears on first use',
      goals: [{ kind: 'object', bucket: B, key: 'managed.txt', sse: 'aws:kms', kmsKey: 'aws/s3' }],
      hints: [
        '`--server-side-encryption aws:kms` with no `--ssekms-key-id` uses the AWS managed key.',
        '`aws kms describe-key --key-id alias/aws/s3` shows who manages it.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "kept under a KMS key" > report.txt',
        "aws kms list-aliases --query 'Aliases[?AliasName==`alias/aws/s3`]'",
        `aws s3api put-object --bucket ${B} --key managed.txt --body report.txt --server-side-encryption aws:kms`,
        "aws kms describe-key --key-id alias/aws/s3 --query 'KeyMetadata.[KeyManager,Description]'",
      ],
    },
    {
      id: 'customer-key',
      title: 'A customer managed key and its policy',
      goals: [
        { kind: 'kms-alias', alias: 'alias/kms-lesson', key: '$KMS_KEY' },
        { kind: 'object', bucket: B, key: 'customer.txt', sse: 'aws:kms', kmsKey: 'alias/kms-lesson' },
      ],
      hints: [
        'Keep the new key id in a variable: `KMS_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)`.',
        '`aws kms create-alias --alias-name alias/kms-lesson --target-key-id $KMS_KEY`, then upload with `--ssekms-key-id alias/kms-lesson`.',
      ],
      solution: [
        'KMS_KEY=$(aws kms create-key --description "SSE-KMS lesson key" --query KeyMetadata.KeyId --output text)',
        'aws kms create-alias --alias-name alias/kms-lesson --target-key-id $KMS_KEY',
        'aws kms get-key-policy --key-id $KMS_KEY --policy-name default --output text',
        `aws s3api put-object --bucket ${B} --key customer.txt --body report.txt --server-side-encryption aws:kms --ssekms-key-id alias/kms-lesson`,
      ],
    },
    {
      id: 'context',
      title: 'The encryption context',
      goals: [
        { kind: 'object', bucket: B, key: 'context.txt', sse: 'aws:kms', kmsKey: 'alias/kms-lesson' },
        {
          kind: 'ran',
          command: 'cloudtrail lookup-events',
          input: { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'GenerateDataKey' }] },
          label: "You read S3's GenerateDataKey call in CloudTrail",
        },
      ],
      hints: [
        '`--ssekms-encryption-context` takes base64 of a JSON object: `$(echo -n \'{"project":"apollo"}\' | base64)`.',
        'Look up `AttributeKey=EventName,AttributeValue=GenerateDataKey`; the newest event comes first.',
      ],
      solution: [
        `CONTEXT=$(echo -n '{"project":"apollo"}' | base64)`,
        `aws s3api put-object --bucket ${B} --key context.txt --body report.txt --server-side-encryption aws:kms --ssekms-key-id alias/kms-lesson --ssekms-encryption-context $CONTEXT`,
        "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GenerateDataKey --query 'Events[0].CloudTrailEvent' --output text",
      ],
    },
    {
      id: 'reads',
      title: 'Every read asks KMS too',
      goals: [
        { kind: 'file', path: 'customer-back.txt', sameAs: 'report.txt' },
        { kind: 'cloudtrail', eventName: 'Decrypt', invokedBy: 's3.amazonaws.com' },
      ],
      hints: ['Download with `aws s3 cp s3://kms-demo-bucket/customer.txt customer-back.txt`.'],
      solution: [
        `aws s3 cp s3://${B}/customer.txt customer-back.txt`,
        "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Decrypt --query 'length(Events)'",
      ],
    },
    {
      id: 'bucket-keys',
      title: 'S3 Bucket Keys',
      goals: [
        {
          kind: 'bucket-encryption',
          bucket: 'no-bucket-key-bucket',
          sse: 'aws:kms',
          kmsKey: '$KMS_KEY',
          bucketKey: false,
        },
        { kind: 'bucket-encryption', bucket: 'bucket-key-bucket', sse: 'aws:kms', kmsKey: '$KMS_KEY', bucketKey: true },
        { kind: 'object', bucket: 'no-bucket-key-bucket', key: '5.txt', sse: 'aws:kms', bucketKey: false },
        { kind: 'object', bucket: 'bucket-key-bucket', key: '5.txt', sse: 'aws:kms', bucketKey: true },
      ],
      hints: [
        'Two buckets, two `put-bucket-encryption` calls that differ only in `"BucketKeyEnabled"`.',
        '`aws s3 sync . s3://BUCKET/ --exclude "*" --include "?.txt"` uploads the five small files.',
      ],
      solution: [
        'aws s3 mb s3://no-bucket-key-bucket',
        'aws s3 mb s3://bucket-key-bucket',
        config('no-bucket-key-bucket', false),
        config('bucket-key-bucket', true),
        'echo one > 1.txt',
        'echo two > 2.txt',
        'echo three > 3.txt',
        'echo four > 4.txt',
        'echo five > 5.txt',
        'aws s3 sync . s3://no-bucket-key-bucket/ --exclude "*" --include "?.txt"',
        'aws s3 sync . s3://bucket-key-bucket/ --exclude "*" --include "?.txt"',
      ],
    },
  ],
  quiz: [
    {
      id: 'owned',
      question: 'Which kind of KMS key leaves no record at all in your CloudTrail?',
      choices: [
        'A customer managed key',
        'The AWS managed key aws/s3',
        'An AWS owned key',
        'Any key with a Bucket Key enabled',
      ],
      answer: 2,
      explanation:
        'AWS owned keys live in AWS accounts, not yours: you never see them or their use. AWS managed and customer managed keys are in your account and every use is logged.',
    },
    {
      id: 'no-key-id',
      question:
        'You upload with --server-side-encryption aws:kms and no key id, to a bucket whose default names a customer managed key. Which key is used?',
      choices: ['The bucket default key', 'The AWS managed key aws/s3', 'An AWS owned key', 'The upload fails'],
      answer: 1,
      explanation:
        'A request that asks for aws:kms without a key id gets aws/s3, created on first use; the bucket default only applies to requests that name no encryption at all.',
    },
    {
      id: 'context',
      question: "Without a Bucket Key, what does S3 put in the encryption context of an object's data key?",
      choices: [
        'Nothing',
        'aws:s3:arn with the object ARN, plus any pairs you sent',
        'The bucket name only',
        'Your access key id',
      ],
      answer: 1,
      explanation:
        'S3 always adds aws:s3:arn. With a Bucket Key the value is the bucket ARN instead, which matters for key policies that test the context.',
    },
    {
      id: 'bucket-key-calls',
      question:
        'A bucket with a Bucket Key receives 1,000 uploads from one user within a few minutes. About how many GenerateDataKey calls does KMS see?',
      choices: ['1,000', '2,000', 'A handful', 'None'],
      answer: 2,
      explanation:
        'S3 gets one bucket-level key from KMS and derives data keys from it for a while, so the calls drop by orders of magnitude (AWS says by up to 99 percent).',
    },
  ],
  realAws: [
    "A customer managed key costs $1 a month; KMS requests $0.03 per 10,000 beyond a free tier of 20,000 a month (US East prices, November 2026), and S3's calls on your behalf count.",
    'CloudTrail event history shows these management events for 90 days at no charge; a trail keeps them longer.',
    'The AWS managed key aws/s3 has no monthly fee, but you cannot change its policy or share it with another account: use a customer managed key for cross-account access.',
    'Bucket Keys are set per bucket (BucketKeyEnabled) or per object (--bucket-key-enabled); they do nothing for DSSE-KMS.',
  ],
}
