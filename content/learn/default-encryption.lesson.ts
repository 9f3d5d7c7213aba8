import type { LessonSpec } from '@/lib/lessons/types'

const BUCKET_DEFAULT = `aws s3api put-bucket-encryption --bucket my-s3-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'`

export const lesson: LessonSpec = {
  slug: 'default-encryption',
  title: 'Check the default encryption of an uploaded object',
  summary: 'Upload a file with SSE-S3, confirm the encryption S3 reports, download it back, and set a bucket default.',
  learn: [
    'Upload an object with SSE-S3 (`AES256`) from `aws s3` and from `aws s3api`',
    'Read how an object is encrypted with `head-object`',
    'Why an upload with no encryption header still comes back encrypted (the January 2023 default)',
    'What S3 actually stores: a per-object data key wrapped by a root key (envelope encryption)',
  ],
  demo: 'sse-s3',
  steps: [
    {
      id: 'create-bucket',
      title: 'Create a bucket',
      goals: [{ kind: 'bucket', bucket: 'my-s3-bucket' }],
      hints: ['`aws s3 mb` makes a bucket; bucket URLs start with `s3://`.'],
      solution: ['aws s3 mb s3://my-s3-bucket'],
    },
    {
      id: 'upload',
      title: 'Upload a file with SSE-S3',
      goals: [
        { kind: 'object', bucket: 'my-s3-bucket', key: 'testfile.txt', sse: 'AES256' },
        { kind: 'object', bucket: 'my-s3-bucket', key: 'object-key-name', sse: 'AES256' },
      ],
      hints: [
        'Make the file first with `echo "some text" > testfile.txt`.',
        '`aws s3 cp` takes `--sse AES256`; `aws s3api put-object` calls the same option `--server-side-encryption AES256`.',
      ],
      solution: [
        'echo "Hello from the S3 encryption playground" > testfile.txt',
        'aws s3 cp testfile.txt s3://my-s3-bucket/testfile.txt --sse AES256',
        'aws s3api put-object --bucket my-s3-bucket --key object-key-name --server-side-encryption AES256 --body testfile.txt',
      ],
    },
    {
      id: 'check',
      title: 'Check how the object is encrypted',
      goals: [
        {
          kind: 'ran',
          command: 's3api head-object',
          input: { Key: 'testfile.txt' },
          label: 'You asked S3 how testfile.txt is encrypted (head-object)',
        },
      ],
      hints: ["`head-object` returns an object's metadata without its body; it needs `--bucket` and `--key`."],
      solution: ['aws s3api head-object --bucket my-s3-bucket --key testfile.txt'],
    },
    {
      id: 'download',
      title: 'Download it and compare',
      goals: [{ kind: 'file', path: 'downloadedfile.txt', sameAs: 'testfile.txt' }],
      hints: [
        '`aws s3 cp` also copies from S3 to a local file: swap the two arguments.',
        '`cmp a b` prints nothing when the files are equal.',
      ],
      solution: [
        'aws s3 cp s3://my-s3-bucket/testfile.txt downloadedfile.txt',
        'cmp testfile.txt downloadedfile.txt && echo "The files are identical"',
      ],
    },
    {
      id: 'bucket-default',
      title: "The bucket's default encryption",
      goals: [
        { kind: 'bucket-encryption', bucket: 'my-s3-bucket', sse: 'AES256', blocked: ['SSE-C'] },
        {
          kind: 'object',
          bucket: 'my-s3-bucket',
          key: 'no-header.txt',
          sse: 'AES256',
          label: 'no-header.txt, uploaded without any encryption option, is SSE-S3',
        },
      ],
      hints: [
        'The configuration is JSON: `{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}`.',
        'For the last goal, upload with `put-object` and no `--server-side-encryption` at all.',
      ],
      solution: [
        BUCKET_DEFAULT,
        'aws s3api get-bucket-encryption --bucket my-s3-bucket',
        'aws s3api put-object --bucket my-s3-bucket --key no-header.txt --body testfile.txt',
      ],
    },
  ],
  quiz: [
    {
      id: 'no-header',
      question: 'You upload an object to a new bucket without any encryption header. How is it stored?',
      choices: [
        'Unencrypted',
        'Encrypted with SSE-S3 (AES256)',
        'Encrypted with the AWS managed KMS key aws/s3',
        'The upload is refused',
      ],
      answer: 1,
      explanation:
        'Since 5 January 2023 S3 applies SSE-S3 to every new object that asks for nothing else; it is the base level of every bucket and cannot be turned off.',
    },
    {
      id: 'head-object',
      question: 'Which command tells you how an existing object is encrypted, without downloading it?',
      choices: ['aws s3 ls', 'aws s3api get-bucket-encryption', 'aws s3api head-object', 'aws kms describe-key'],
      answer: 2,
      explanation:
        "`head-object` returns the object's metadata, including `ServerSideEncryption`. The bucket default only says what new uploads get.",
    },
    {
      id: 'stored',
      question: 'With SSE-S3, what does S3 keep next to the ciphertext of each object?',
      choices: [
        'The plaintext data key',
        'The data key, wrapped by an S3 root key',
        'Your AWS secret key',
        'Nothing: every object uses the same key',
      ],
      answer: 1,
      explanation:
        'Each object gets its own data key; S3 keeps only a copy wrapped under a root key that it rotates. This is envelope encryption.',
    },
    {
      id: 'sse-c-blocked',
      question:
        'get-bucket-encryption on a bucket created in 2026 shows `"BlockedEncryptionTypes": {"EncryptionType": ["SSE-C"]}`. What does it mean?',
      choices: [
        'Uploads with customer-provided keys are refused',
        'SSE-C objects cannot be read',
        'SSE-S3 is disabled',
        'The bucket is not encrypted',
      ],
      answer: 0,
      explanation:
        'Since April 2026 new buckets block SSE-C writes by default; existing SSE-C objects stay readable, and a bucket owner can unblock it.',
    },
  ],
  realAws: [
    'Pick a globally unique bucket name: `my-s3-bucket` is surely taken.',
    'You need `s3:CreateBucket`, `s3:PutObject`, `s3:GetObject` and `s3:PutEncryptionConfiguration`. SSE-S3 costs nothing extra.',
    'Bucket policies are evaluated before default encryption, so a policy can still refuse uploads that omit the header even though S3 would encrypt them anyway.',
  ],
}
