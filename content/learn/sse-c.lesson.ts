import type { LessonSpec } from '@/lib/lessons/types'

const UNBLOCK = `aws s3api put-bucket-encryption --bucket ssec-demo-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`
const SETUP = [
  'aws s3 mb s3://ssec-demo-bucket',
  'openssl rand -out sse-c.key 32',
  'echo "only readable with my key" > secret.txt',
]

export const lesson: LessonSpec = {
  slug: 'sse-c',
  title: 'SSE-C: encryption with a key only you hold',
  summary:
    'Unblock SSE-C, make a 256-bit key, upload with it, and see that S3 keeps only a fingerprint of it: without the key, nobody reads the object.',
  learn: [
    'The three SSE-C headers, and why the MD5 is of the raw 32-byte key',
    'Why new buckets refuse SSE-C since April 2026, and how to unblock it',
    'That S3 keeps only a salted HMAC of your key: every read needs the key again',
    'Why SSE-C needs HTTPS, and what losing the key means',
  ],
  demo: 'sse-c',
  steps: [
    {
      id: 'blocked',
      title: 'A new bucket refuses SSE-C',
      goals: [
        { kind: 'bucket-encryption', bucket: 'ssec-demo-bucket', sse: 'AES256', blocked: ['SSE-C'] },
        { kind: 'file', path: 'sse-c.key', label: 'You have a key file, sse-c.key' },
        { kind: 'file', path: 'secret.txt' },
      ],
      hints: ['`openssl rand -out sse-c.key 32` writes 32 random bytes: a 256-bit key.'],
      solution: SETUP,
    },
    {
      id: 'unblock',
      title: 'Unblock it',
      goals: [
        { kind: 'bucket-encryption', bucket: 'ssec-demo-bucket', sse: 'AES256', blocked: ['NONE'] },
        { kind: 'object', bucket: 'ssec-demo-bucket', key: 'secret.txt', sse: 'SSE-C' },
      ],
      hints: [
        'Put the same rule back with `"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}` added.',
        'Then `aws s3 cp secret.txt s3://ssec-demo-bucket/secret.txt --sse-c AES256 --sse-c-key fileb://sse-c.key`.',
      ],
      solution: [
        UNBLOCK,
        'aws s3 cp secret.txt s3://ssec-demo-bucket/secret.txt --sse-c AES256 --sse-c-key fileb://sse-c.key',
      ],
    },
    {
      id: 'no-key',
      title: 'No key, no object',
      goals: [
        {
          kind: 'ran',
          command: 's3api head-object',
          input: { Bucket: 'ssec-demo-bucket', Key: 'secret.txt', SSECustomerAlgorithm: 'AES256' },
          files: { SSECustomerKey: 'sse-c.key' },
          label: 'You read the object’s metadata with the right key',
        },
        { kind: 'file', path: 'wrong.key', label: 'You made a second, wrong key' },
      ],
      hints: ['`head-object` takes `--sse-customer-algorithm AES256 --sse-customer-key fileb://sse-c.key`.'],
      solution: [
        'aws s3api head-object --bucket ssec-demo-bucket --key secret.txt --sse-customer-algorithm AES256 --sse-customer-key fileb://sse-c.key',
        'openssl rand -out wrong.key 32',
      ],
    },
    {
      id: 'download',
      title: 'Download with the right key',
      goals: [{ kind: 'file', path: 'back.txt', sameAs: 'secret.txt' }],
      hints: ['`aws s3 cp` downloads with the same `--sse-c AES256 --sse-c-key fileb://sse-c.key` options.'],
      solution: ['aws s3 cp s3://ssec-demo-bucket/secret.txt back.txt --sse-c AES256 --sse-c-key fileb://sse-c.key'],
    },
  ],
  quiz: [
    {
      id: 'md5',
      question: 'What is `x-amz-server-side-encryption-customer-key-MD5`?',
      choices: [
        'The MD5 of the base64 text of the key',
        'The base64 of the MD5 of the raw 32-byte key',
        'The MD5 of the object',
        'The hex MD5 of the key',
      ],
      answer: 1,
      explanation:
        'It is base64(MD5(raw key bytes)). Hashing the base64 or hex text instead is the classic mistake, and S3 answers 400.',
    },
    {
      id: 'stored',
      question: 'What does S3 keep of your SSE-C key?',
      choices: [
        'The key, encrypted under a root key',
        'Nothing at all',
        'A randomly salted HMAC of the key, to recognise it later',
        'The key’s MD5',
      ],
      answer: 2,
      explanation:
        'S3 keeps a salted HMAC: enough to refuse a wrong key, never enough to recover the right one. Lose the key and the object is gone.',
    },
    {
      id: 'blocked',
      question: 'A bucket created in 2026 answers 403 AccessDenied to your first SSE-C upload. Why?',
      choices: [
        'Your key is wrong',
        'SSE-C is blocked by default on new buckets since April 2026',
        'SSE-C needs a KMS key',
        'The MD5 is missing',
      ],
      answer: 1,
      explanation:
        'New buckets carry `BlockedEncryptionTypes: SSE-C`; a bucket owner can set it to `NONE` with put-bucket-encryption. The 403 comes before any key check.',
    },
    {
      id: 'http',
      question: 'What does S3 do with an SSE-C request over plain HTTP?',
      choices: [
        'Accepts it',
        'Refuses it: the key would travel in clear text',
        'Upgrades it to HTTPS',
        'Stores the object unencrypted',
      ],
      answer: 1,
      explanation: 'S3 rejects SSE-C requests made over HTTP, so the key is only ever sent inside TLS.',
    },
  ],
  realAws: [
    'On real AWS, new buckets block SSE-C (since April 2026): unblocking needs `s3:PutEncryptionConfiguration`. Existing SSE-C objects stay readable either way.',
    'Keep the key outside the terminal and never in a URL; a presigned URL for an SSE-C object still needs the three headers on the request.',
    'SSE-C costs nothing extra, but there is no audit of key use: AWS never has your key.',
  ],
  presets: [
    {
      id: 'blocked-bucket',
      title: 'A new bucket and a key',
      description:
        'ssec-demo-bucket (SSE-C blocked), a 256-bit key in sse-c.key and secret.txt: start at "Unblock it".',
      commands: SETUP,
      startStep: 'unblock',
    },
  ],
}
