import type { LessonSpec } from '@/lib/lessons/types'

const B = 'transit-demo-bucket'
const HTTP = 'aws --endpoint-url http://s3.emulator.invalid'

export const lesson: LessonSpec = {
  slug: 'in-transit',
  title: 'Encryption in transit: TLS and HTTPS-only buckets',
  summary:
    'Send the same requests over HTTP and HTTPS, make a bucket refuse anything without TLS with aws:SecureTransport, see S3 refuse SSE-C keys over HTTP, and know which TLS versions AWS accepts.',
  learn: [
    'That S3 accepts plain HTTP on its regular endpoints, so TLS is something you choose and enforce',
    'How a bucket policy on aws:SecureTransport refuses every request made without TLS',
    'Why S3 always refuses SSE-C over HTTP, and what that does not protect',
    'Which TLS versions AWS endpoints accept, and how to run the emulator over HTTPS on your machine',
  ],
  demo: 'sse-c',
  steps: [
    {
      id: 'both-ways',
      title: 'The same upload, both ways',
      goals: [
        { kind: 'object', bucket: B, key: 'over-https.txt', sse: 'AES256' },
        { kind: 'object', bucket: B, key: 'over-http.txt', sse: 'AES256' },
      ],
      hints: [
        'A normal command goes over https; `aws --endpoint-url http://s3.emulator.invalid ...` sends one over plain HTTP.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "crossing the network" > transit.txt',
        `aws s3api put-object --bucket ${B} --key over-https.txt --body transit.txt`,
        `${HTTP} s3api put-object --bucket ${B} --key over-http.txt --body transit.txt`,
      ],
    },
    {
      id: 'https-only',
      title: 'An HTTPS-only bucket',
      goals: [
        { kind: 'bucket-policy', bucket: B, effect: 'Deny', conditionKey: 'aws:SecureTransport' },
        {
          kind: 'object',
          bucket: B,
          key: 'still-fine.txt',
          sse: 'AES256',
          label: 'still-fine.txt was uploaded over HTTPS after the policy',
        },
      ],
      hints: [
        'Deny `s3:*` on both `arn:aws:s3:::transit-demo-bucket` and `arn:aws:s3:::transit-demo-bucket/*` when `"Bool": {"aws:SecureTransport": "false"}`.',
        'Then the same upload over https works, and over http fails.',
      ],
      solution: [
        `aws s3api put-bucket-policy --bucket ${B} --policy '{"Version":"2012-10-17","Statement":[{"Sid":"HttpsOnly","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::${B}","arn:aws:s3:::${B}/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'`,
        `aws s3api put-object --bucket ${B} --key still-fine.txt --body transit.txt`,
        `aws s3 ls s3://${B}/`,
        `${HTTP} s3 ls`,
      ],
    },
    {
      id: 'sse-c-over-http',
      title: 'SSE-C keys never over HTTP',
      goals: [
        { kind: 'bucket-encryption', bucket: 'transit-ssec-bucket', sse: 'AES256', blocked: ['NONE'] },
        { kind: 'object', bucket: 'transit-ssec-bucket', key: 'with-key.txt', sse: 'SSE-C' },
      ],
      hints: [
        'New buckets block SSE-C: unblock it with `"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}`.',
        '`openssl rand -out transit.key 32` makes a key; `aws s3 cp ... --sse-c AES256 --sse-c-key fileb://transit.key` uploads with it.',
      ],
      solution: [
        'aws s3 mb s3://transit-ssec-bucket',
        `aws s3api put-bucket-encryption --bucket transit-ssec-bucket --server-side-encryption-configuration '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}'`,
        'openssl rand -out transit.key 32',
        'aws s3 cp transit.txt s3://transit-ssec-bucket/with-key.txt --sse-c AES256 --sse-c-key fileb://transit.key',
      ],
    },
  ],
  quiz: [
    {
      id: 'http-accepted',
      question: 'Does Amazon S3 accept requests over plain HTTP on its regular endpoints?',
      choices: [
        'No, never',
        'Yes, unless a bucket policy or the request type (such as SSE-C) refuses it',
        'Only for GET requests',
        'Only in us-east-1',
      ],
      answer: 1,
      explanation:
        'S3 regular and dual-stack endpoints take HTTP and HTTPS; FIPS endpoints take HTTPS only. Enforcing TLS is up to your bucket policy.',
    },
    {
      id: 'secure-transport',
      question: 'A bucket policy denies s3:* when aws:SecureTransport is "false". Which request is refused?',
      choices: [
        'An SSE-KMS upload over HTTPS',
        'A download over HTTP',
        'Listing your buckets over HTTP',
        'A download over HTTPS with a presigned URL',
      ],
      answer: 1,
      explanation:
        'aws:SecureTransport is false for requests without TLS. Listing buckets is not a request on this bucket, so a bucket policy does not cover it.',
    },
    {
      id: 'sse-c-http',
      question: 'An SSE-C upload is sent over HTTP and S3 refuses it. Is the key safe?',
      choices: [
        'Yes: S3 refused it',
        'No: the key already crossed the network in clear, so treat it as exposed',
        'Yes, because the key is base64-encoded',
        'Yes, because the MD5 header protects it',
      ],
      answer: 1,
      explanation:
        'The refusal protects the object, but the key travelled in a header before S3 could say no. Base64 is an encoding, not encryption.',
    },
    {
      id: 'tls-versions',
      question: 'Which TLS versions do AWS API endpoints, S3 included, accept?',
      choices: ['TLS 1.0 and later', 'TLS 1.1 and later', 'TLS 1.2 and 1.3', 'TLS 1.3 only'],
      answer: 2,
      explanation:
        'TLS 1.2 is the minimum for all AWS API endpoints; S3 also supports TLS 1.3, which current SDKs negotiate. s3:TlsVersion in a bucket policy can require more.',
    },
  ],
  realAws: [
    'The aws:SecureTransport deny policy is the usual way to enforce TLS on a bucket; AWS Config and Security Hub flag buckets without it.',
    'To require TLS 1.3, deny s3:* with "NumericLessThan": {"s3:TlsVersion": "1.3"}; clients that cannot negotiate it are then refused. The playground cannot show this: its requests never leave the page.',
    'S3 FIPS endpoints and AWS KMS are HTTPS only. Static website endpoints (s3-website) are HTTP only: put CloudFront in front of them for HTTPS.',
  ],
}
