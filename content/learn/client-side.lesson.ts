import type { LessonSpec } from '@/lib/lessons/types'

export const lesson: LessonSpec = {
  slug: 'client-side',
  title: 'Client-side encryption: S3 only sees ciphertext',
  summary:
    'Encrypt before uploading, by hand with openssl and with the S3 Encryption Client format, and see that S3 cannot tell the object is encrypted.',
  learn: [
    'Encrypt a file by hand with `openssl enc` and store only ciphertext in S3',
    'How the S3 Encryption Client stores a wrapped data key and IV in object metadata',
    'What S3 can and cannot do with objects it cannot read',
  ],
  demo: 'client-side',
  steps: [
    {
      id: 'openssl',
      title: 'Encrypt by hand',
      goals: [
        { kind: 'bucket', bucket: 'cse-demo-bucket' },
        {
          kind: 'file',
          path: 'diary.enc',
          startsWith: 'Salted__',
          label: 'diary.enc is OpenSSL ciphertext (it starts with Salted__)',
        },
      ],
      hints: ['`openssl enc -aes-256-cbc -pbkdf2 -pass pass:… -in diary.txt -out diary.enc`'],
      solution: [
        'aws s3 mb s3://cse-demo-bucket',
        `echo "my diary, nobody else's business" > diary.txt`,
        'openssl enc -aes-256-cbc -pbkdf2 -pass pass:correct-horse -in diary.txt -out diary.enc',
      ],
    },
    {
      id: 'upload-ciphertext',
      title: 'Upload the ciphertext, and get it back',
      goals: [
        {
          kind: 'object',
          bucket: 'cse-demo-bucket',
          key: 'diary.enc',
          sse: 'AES256',
          label: 'diary.enc is in S3 (which added SSE-S3 on top, unknowingly)',
        },
        { kind: 'file', path: 'diary-again.txt', sameAs: 'diary.txt' },
      ],
      hints: [
        'Upload with `aws s3 cp`, download to another name, then `openssl enc -d` with the same options and password.',
      ],
      solution: [
        'aws s3 cp diary.enc s3://cse-demo-bucket/diary.enc',
        'aws s3 cp s3://cse-demo-bucket/diary.enc downloaded.enc',
        'openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:correct-horse -in downloaded.enc -out diary-again.txt',
      ],
    },
    {
      id: 's3ec-put',
      title: 'With the S3 Encryption Client format',
      goals: [
        {
          kind: 'object',
          bucket: 'cse-demo-bucket',
          key: 'report.txt',
          metadata: ['x-amz-key-v2', 'x-amz-iv', 'x-amz-cek-alg', 'x-amz-wrap-alg'],
          label: 'report.txt carries a wrapped data key, IV and algorithms in its metadata',
        },
      ],
      hints: [
        '`s3ec put-object --bucket cse-demo-bucket --key report.txt --body diary.txt --keyring kms:$CSE_KEY`, after creating a key into `$CSE_KEY`.',
      ],
      solution: [
        'CSE_KEY=$(aws kms create-key --description "client-side wrapping key" --query KeyMetadata.KeyId --output text)',
        's3ec put-object --bucket cse-demo-bucket --key report.txt --body diary.txt --keyring kms:$CSE_KEY',
      ],
    },
    {
      id: 's3ec-get',
      title: 'S3 returns ciphertext; the client decrypts',
      goals: [
        { kind: 'file', path: 'raw-report.bin', label: 'You downloaded the raw ciphertext (raw-report.bin)' },
        { kind: 'file', path: 'report-again.txt', sameAs: 'diary.txt' },
      ],
      hints: ['`aws s3 cp` gets the ciphertext; `s3ec get-object … report-again.txt --keyring kms:$CSE_KEY` decrypts.'],
      solution: [
        'aws s3 cp s3://cse-demo-bucket/report.txt raw-report.bin',
        's3ec get-object --bucket cse-demo-bucket --key report.txt report-again.txt --keyring kms:$CSE_KEY',
      ],
    },
  ],
  quiz: [
    {
      id: 'head',
      question: 'You upload OpenSSL ciphertext with no options. What does head-object report?',
      choices: [
        'Nothing about encryption',
        '`"ServerSideEncryption": "AES256"`',
        '`client-side`',
        'An error: S3 cannot store ciphertext',
      ],
      answer: 1,
      explanation: 'S3 cannot tell the bytes are encrypted; it applies its default SSE-S3 on top, as to any object.',
    },
    {
      id: 'metadata',
      question: 'Where does the S3 Encryption Client keep the wrapped data key?',
      choices: [
        'In KMS',
        'In the object’s metadata (`x-amz-key-v2`), or an instruction file',
        'In the bucket policy',
        'Nowhere: it derives it from the password',
      ],
      answer: 1,
      explanation:
        'The wrapped data key, IV and algorithms travel with the object as metadata (or in an `.instruction` file), so any client with the wrapping key can decrypt.',
    },
    {
      id: 'lost',
      question: 'What can S3 do for you if you lose the client-side wrapping key?',
      choices: [
        'Decrypt with its root key',
        'Nothing: the data is gone',
        'Reset it from the console',
        'Use the KMS key aws/s3',
      ],
      answer: 1,
      explanation:
        'Only the holder of the wrapping key can unwrap the data keys. S3 never had the plaintext or the key.',
    },
  ],
  realAws: [
    'On real AWS use the Amazon S3 Encryption Client for your language (Java, Go, .NET, Ruby, C++, Python): it writes the same V2/V3 formats as `s3ec` here.',
    'With a KMS keyring you need `kms:GenerateDataKey` to encrypt and `kms:Decrypt` to decrypt; S3 itself needs no KMS permission.',
    'S3 features that read content (S3 Select, the console preview) see only ciphertext.',
  ],
}
