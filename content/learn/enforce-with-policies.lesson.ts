import type { LessonSpec } from '@/lib/lessons/types'

const DENY_UNENCRYPTED = `aws s3api put-bucket-policy --bucket policy-demo-bucket --policy '{"Version":"2012-10-17","Statement":[{"Sid":"DenyUnencryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::policy-demo-bucket/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}]}'`
const REQUIRE_KEY = `aws s3api put-bucket-policy --bucket policy-demo-bucket --policy "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Sid\\":\\"RequireMyKey\\",\\"Effect\\":\\"Deny\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"s3:PutObject\\",\\"Resource\\":\\"arn:aws:s3:::policy-demo-bucket/*\\",\\"Condition\\":{\\"StringNotEquals\\":{\\"s3:x-amz-server-side-encryption-aws-kms-key-id\\":\\"$POLICY_KEY\\"}}}]}"`
const SETUP = ['aws s3 mb s3://policy-demo-bucket', 'echo "policy test" > p.txt', DENY_UNENCRYPTED]

export const lesson: LessonSpec = {
  slug: 'enforce-with-policies',
  title: 'Enforce encryption with a bucket policy',
  summary:
    'Deny uploads that do not ask for encryption, require one specific KMS key, and see why default encryption does not satisfy such a policy.',
  learn: [
    'Deny uploads without an `x-amz-server-side-encryption` header (the `Null` condition)',
    'Why default encryption does not satisfy such a policy: policies see the request, not the result',
    'Require one particular KMS key, compared as an ARN',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'deny-unencrypted',
      title: 'A bucket and a policy that denies unencrypted uploads',
      goals: [
        {
          kind: 'bucket-policy',
          bucket: 'policy-demo-bucket',
          effect: 'Deny',
          conditionKey: 's3:x-amz-server-side-encryption',
        },
      ],
      hints: [
        'The statement denies `s3:PutObject` on `arn:aws:s3:::policy-demo-bucket/*` when `{"Null":{"s3:x-amz-server-side-encryption":"true"}}`.',
      ],
      solution: SETUP,
    },
    {
      id: 'denied',
      title: 'A plain upload is denied',
      goals: [
        {
          kind: 'object',
          bucket: 'policy-demo-bucket',
          key: 'p.txt',
          sse: 'AES256',
          label: 'p.txt got in, by asking for AES256 explicitly',
        },
      ],
      hints: ['Add `--server-side-encryption AES256` to the put-object that was denied.'],
      solution: [
        'aws s3api put-object --bucket policy-demo-bucket --key p.txt --body p.txt --server-side-encryption AES256',
      ],
    },
    {
      id: 'require-key',
      title: 'Require one particular KMS key',
      goals: [
        {
          kind: 'bucket-policy',
          bucket: 'policy-demo-bucket',
          effect: 'Deny',
          conditionKey: 's3:x-amz-server-side-encryption-aws-kms-key-id',
        },
        { kind: 'object', bucket: 'policy-demo-bucket', key: 'k.txt', sse: 'aws:kms', kmsKey: '$POLICY_KEY' },
      ],
      hints: [
        'Keep the key ARN in a variable: `POLICY_KEY=$(aws kms create-key --query KeyMetadata.Arn --output text)`.',
        'The upload that passes names that key: `--server-side-encryption aws:kms --ssekms-key-id $POLICY_KEY`.',
      ],
      solution: [
        'POLICY_KEY=$(aws kms create-key --description "the only key allowed" --query KeyMetadata.Arn --output text)',
        REQUIRE_KEY,
        'aws s3api put-object --bucket policy-demo-bucket --key k.txt --body p.txt --server-side-encryption aws:kms --ssekms-key-id $POLICY_KEY',
      ],
    },
  ],
  quiz: [
    {
      id: 'default-vs-policy',
      question:
        'The bucket default is SSE-S3 and the policy denies PutObject when `s3:x-amz-server-side-encryption` is null. An upload sends no encryption header. What happens?',
      choices: [
        'It is stored with SSE-S3',
        'It is denied: the policy looks at the request',
        'It is stored unencrypted',
        'It is stored with SSE-KMS',
      ],
      answer: 1,
      explanation: 'Bucket policies are evaluated before default encryption is applied, against what the request says.',
    },
    {
      id: 'arn',
      question:
        'A policy requires `s3:x-amz-server-side-encryption-aws-kms-key-id` to equal a key ARN. An upload names the key by alias. Does it pass?',
      choices: [
        'Yes, S3 resolves the alias first',
        'No, the condition compares the value as sent',
        'Only with a Bucket Key',
        'Only for multipart uploads',
      ],
      answer: 1,
      explanation:
        'The condition key holds what the request sent; write the policy (and the uploads) with the same form, usually the key ARN.',
    },
    {
      id: 'transit',
      question: 'Which condition refuses requests made over plain HTTP?',
      choices: [
        '`Bool: aws:SecureTransport = false`',
        '`Null: s3:x-amz-server-side-encryption = true`',
        '`StringEquals: s3:signatureversion`',
        '`IpAddress: aws:SourceIp`',
      ],
      answer: 0,
      explanation: 'A Deny with `Bool` `aws:SecureTransport` `false` refuses every request that did not use TLS.',
    },
  ],
  realAws: [
    'Test a Deny policy on a scratch bucket first: a mistaken `Principal: "*"` Deny can lock out your own uploads. The bucket owner can always delete the policy.',
    'Putting a policy needs `s3:PutBucketPolicy`; S3 checks its grammar (400 MalformedPolicy) but not whether it does what you meant.',
  ],
  presets: [
    {
      id: 'policy-in-place',
      title: 'The deny policy is on',
      description:
        'policy-demo-bucket with the "deny unencrypted uploads" policy and p.txt: start at "A plain upload is denied".',
      commands: SETUP,
      startStep: 'denied',
    },
  ],
}
