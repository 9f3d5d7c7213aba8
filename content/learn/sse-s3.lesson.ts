import type { LessonSpec } from '@/lib/lessons/types'

const B = 'sse-s3-demo-bucket'

export const lesson: LessonSpec = {
  slug: 'sse-s3',
  title: 'SSE-S3 in depth: the encryption every object gets',
  summary:
    'One data key per object, root keys S3 rotates for you, the headers that report it, what it costs, and what it cannot do.',
  learn: [
    'Each object gets its own 256-bit data key, kept only wrapped under an S3 root key',
    'Which headers carry SSE-S3, and that listings do not report encryption at all',
    'SSE-S3 makes no KMS calls: no audit trail of key use, no key policy, no extra cost',
    'How a bucket default falls back to SSE-S3, and why a Bucket Key means nothing for it',
  ],
  demo: 'sse-s3',
  steps: [
    {
      id: 'two-objects',
      title: 'Two objects, same bytes',
      goals: [
        { kind: 'object', bucket: B, key: 'first.txt', sse: 'AES256' },
        { kind: 'object', bucket: B, key: 'second.txt', sse: 'AES256' },
      ],
      hints: [
        'Make one file with `echo "some text" > same.txt`, then upload it twice under two keys.',
        '`aws s3api put-object` needs `--bucket`, `--key` and `--body`; leave out any encryption option.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "same words, two objects" > same.txt',
        `aws s3api put-object --bucket ${B} --key first.txt --body same.txt`,
        `aws s3api put-object --bucket ${B} --key second.txt --body same.txt`,
      ],
    },
    {
      id: 'headers',
      title: 'The headers that carry it',
      goals: [
        { kind: 'object', bucket: B, key: 'explicit.txt', sse: 'AES256' },
        {
          kind: 'ran',
          command: 's3api head-object',
          input: { Key: 'first.txt' },
          label: 'You asked S3 how first.txt is encrypted (head-object)',
        },
      ],
      hints: [
        'On `put-object` the option is `--server-side-encryption AES256`.',
        '`head-object --query ServerSideEncryption` prints just the encryption.',
      ],
      solution: [
        `aws s3api put-object --bucket ${B} --key explicit.txt --body same.txt --server-side-encryption AES256`,
        `aws s3api head-object --bucket ${B} --key first.txt --query ServerSideEncryption`,
        `aws s3api list-objects-v2 --bucket ${B} --query 'Contents[].[Key,ETag]' --output text`,
      ],
    },
    {
      id: 'no-kms',
      title: 'No KMS, no audit trail, no bill',
      goals: [
        {
          kind: 'ran',
          command: 'cloudtrail lookup-events',
          label: 'You looked for KMS events in CloudTrail (there are none)',
        },
      ],
      hints: [
        '`aws cloudtrail lookup-events` takes `--lookup-attributes AttributeKey=EventSource,AttributeValue=kms.amazonaws.com`.',
      ],
      solution: [
        `aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=kms.amazonaws.com --query 'length(Events)'`,
      ],
    },
    {
      id: 'bucket-default',
      title: 'The bucket default and Bucket Keys',
      goals: [
        {
          kind: 'object',
          bucket: B,
          key: 'bucket-key.txt',
          sse: 'AES256',
          label: 'bucket-key.txt is SSE-S3 (the Bucket Key you asked for does not apply)',
        },
        {
          kind: 'ran',
          command: 's3api delete-bucket-encryption',
          label: 'You deleted the bucket encryption configuration (it fell back to SSE-S3)',
        },
      ],
      hints: [
        '`put-object` takes `--bucket-key-enabled`.',
        '`aws s3api delete-bucket-encryption --bucket ...`, then `get-bucket-encryption` again.',
      ],
      solution: [
        `aws s3api get-bucket-encryption --bucket ${B} --query 'ServerSideEncryptionConfiguration.Rules[0]'`,
        `aws s3api put-object --bucket ${B} --key bucket-key.txt --body same.txt --server-side-encryption AES256 --bucket-key-enabled`,
        `aws s3api delete-bucket-encryption --bucket ${B}`,
        `aws s3api get-bucket-encryption --bucket ${B} --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault'`,
      ],
    },
  ],
  quiz: [
    {
      id: 'same-content',
      question: 'Two objects with the same content are uploaded with SSE-S3. What is the same for both?',
      choices: ['Their stored ciphertext', 'Their data key', 'Their ETag', 'Nothing at all'],
      answer: 2,
      explanation:
        'Each object gets its own random data key and IV, so the ciphertexts share nothing; the ETag of a simple SSE-S3 upload is the MD5 of the plaintext, so it is equal.',
    },
    {
      id: 'where-reported',
      question: 'Where does S3 tell you how an existing object is encrypted?',
      choices: [
        'In list-objects-v2 output',
        'In head-object (and get-object) responses',
        'In get-bucket-encryption',
        'Only in CloudTrail',
      ],
      answer: 1,
      explanation:
        'HEAD and GET answer with x-amz-server-side-encryption. Listings carry no encryption fields; the bucket default only says what new uploads get.',
    },
    {
      id: 'kms-calls',
      question: 'How many AWS KMS requests does an SSE-S3 upload make in your account?',
      choices: ['None', 'One GenerateDataKey', 'One GenerateDataKey and one Encrypt', 'One per 8 MiB part'],
      answer: 0,
      explanation:
        'SSE-S3 keys belong to S3 and never go through your KMS: no requests, no charge, and also no record of key use.',
    },
    {
      id: 'delete-default',
      question:
        "You delete a bucket's encryption configuration. How are new uploads without encryption headers stored?",
      choices: ['Unencrypted', 'With SSE-S3', 'With the AWS managed key aws/s3', 'They are refused'],
      answer: 1,
      explanation:
        'Since January 2023 a bucket without an explicit configuration applies SSE-S3; deleting the configuration resets it to that.',
    },
  ],
  realAws: [
    'Everything here behaves the same on AWS and costs nothing beyond the storage and requests themselves.',
    'Objects written before January 2023 to a bucket without default encryption may still be unencrypted: head-object then shows no ServerSideEncryption; copying the object onto itself (see Re-encrypt existing objects) fixes it.',
    'AWS does not publish how often it rotates the SSE-S3 root keys; you cannot see, choose or audit them. To find which objects are SSE-S3 at scale, use the encryption status column of an S3 Inventory report.',
  ],
}
