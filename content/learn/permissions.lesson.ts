import type { LessonSpec } from '@/lib/lessons/types'

const B = 'perm-demo-bucket'
const DEFAULT_POLICY = `'{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}'`
const DENY_DECRYPT = `'{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},{"Sid":"NoDecryptForPlayground","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/playground"},"Action":"kms:Decrypt","Resource":"*"}]}'`
const DECRYPT_ONLY = `'{"Version":"2012-10-17","Statement":[{"Sid":"ManageAndDecryptOnly","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/playground"},"Action":["kms:Describe*","kms:Get*","kms:List*","kms:PutKeyPolicy","kms:Decrypt"],"Resource":"*"}]}'`
const NO_READS = `'{"Version":"2012-10-17","Statement":[{"Sid":"NoReads","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::${B}/*"}]}'`
const NO_WRITES = `'{"Version":"2012-10-17","Statement":[{"Sid":"NoWrites","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::${B}/*"}]}'`

export const lesson: LessonSpec = {
  slug: 'permissions',
  title: 'Permissions: what s3:PutObject, kms:GenerateDataKey and kms:Decrypt each allow',
  summary:
    'Take away one permission at a time, with key policies and bucket policies, and see exactly which request fails and with which error.',
  learn: [
    'That an SSE-KMS upload needs s3:PutObject and kms:GenerateDataKey, and a download s3:GetObject and kms:Decrypt',
    'How a key policy denies S3 the use of a key on your behalf, and how that error reaches you through S3',
    'The difference between an explicit deny and an implicit one, as the error messages tell it',
    'That a bucket policy refuses before KMS is ever asked',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'setup',
      title: 'A bucket, a key, an object',
      goals: [{ kind: 'object', bucket: B, key: 'secret.txt', sse: 'aws:kms', kmsKey: '$PERM_KEY' }],
      hints: [
        '`PERM_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)`',
        'Upload with `--server-side-encryption aws:kms --ssekms-key-id $PERM_KEY`.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "who may read this?" > secret.txt',
        'PERM_KEY=$(aws kms create-key --description "permissions lesson key" --query KeyMetadata.KeyId --output text)',
        `aws s3api put-object --bucket ${B} --key secret.txt --body secret.txt --server-side-encryption aws:kms --ssekms-key-id $PERM_KEY`,
      ],
    },
    {
      id: 'deny-decrypt',
      title: 'Deny kms:Decrypt',
      goals: [
        {
          kind: 'ran',
          command: 'kms put-key-policy',
          input: { Policy: { Statement: [{ Effect: 'Deny', Action: 'kms:Decrypt' }] } },
          label: 'You added a Deny of kms:Decrypt to the key policy',
        },
        {
          kind: 'object',
          bucket: B,
          key: 'still-writable.txt',
          sse: 'aws:kms',
          kmsKey: '$PERM_KEY',
          label: 'still-writable.txt was uploaded under the key although Decrypt is denied',
        },
      ],
      hints: [
        '`aws kms put-key-policy --key-id $PERM_KEY --policy-name default --policy \'...\'` replaces the whole policy: keep the "Enable IAM User Permissions" statement.',
        'Then `get-object` fails and `put-object` under the same key still works.',
      ],
      solution: [
        `aws kms put-key-policy --key-id $PERM_KEY --policy-name default --policy ${DENY_DECRYPT}`,
        `aws s3api put-object --bucket ${B} --key still-writable.txt --body secret.txt --server-side-encryption aws:kms --ssekms-key-id $PERM_KEY`,
        `aws s3api head-object --bucket ${B} --key secret.txt --query '[ServerSideEncryption,ContentLength]'`,
      ],
    },
    {
      id: 'deny-generate',
      title: 'No kms:GenerateDataKey',
      goals: [
        { kind: 'file', path: 'readable.txt', sameAs: 'secret.txt' },
        { kind: 'object', bucket: B, key: 'sse-s3.txt', sse: 'AES256' },
      ],
      hints: [
        'A key policy without the account (`:root`) statement ignores IAM; keep `kms:PutKeyPolicy` in it or KMS refuses the policy.',
        'Download with `get-object`, then try an SSE-KMS upload (it fails) and an SSE-S3 one (it works).',
      ],
      solution: [
        `aws kms put-key-policy --key-id $PERM_KEY --policy-name default --policy ${DECRYPT_ONLY}`,
        `aws s3api get-object --bucket ${B} --key secret.txt readable.txt`,
        `aws s3api put-object --bucket ${B} --key sse-s3.txt --body secret.txt --server-side-encryption AES256`,
      ],
    },
    {
      id: 'bucket-policy',
      title: 'Deny on the S3 side',
      goals: [
        {
          kind: 'ran',
          command: 's3api put-bucket-policy',
          input: { Policy: { Statement: [{ Effect: 'Deny', Action: 's3:GetObject' }] } },
          label: 'You denied s3:GetObject with a bucket policy',
        },
        { kind: 'ran', command: 's3api delete-bucket-policy', label: 'You removed the bucket policy again' },
      ],
      hints: [
        "Restore the key's default policy first, so that only the bucket policy is in the way.",
        'A Deny statement with `"Action":"s3:GetObject"` and `"Resource":"arn:aws:s3:::perm-demo-bucket/*"`.',
      ],
      solution: [
        `aws kms put-key-policy --key-id $PERM_KEY --policy-name default --policy ${DEFAULT_POLICY}`,
        `aws s3api put-bucket-policy --bucket ${B} --policy ${NO_READS}`,
        "aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Decrypt --query 'length(Events)'",
        `aws s3api put-bucket-policy --bucket ${B} --policy ${NO_WRITES}`,
        `aws s3api delete-bucket-policy --bucket ${B}`,
      ],
    },
  ],
  quiz: [
    {
      id: 'download',
      question: 'Which permissions does downloading an SSE-KMS object need?',
      choices: [
        's3:GetObject only',
        's3:GetObject and kms:Decrypt',
        's3:GetObject and kms:GenerateDataKey',
        'kms:Decrypt only',
      ],
      answer: 1,
      explanation:
        'S3 checks s3:GetObject, then calls KMS Decrypt for the data key on your behalf; KMS checks that you may use the key.',
    },
    {
      id: 'multipart',
      question:
        'A role with s3:PutObject and kms:GenerateDataKey (but not kms:Decrypt) uploads files with aws s3 cp. What happens?',
      choices: [
        'Every upload works',
        'Small files upload; files large enough for a multipart upload fail',
        'Every upload fails',
        'Uploads work but are stored unencrypted',
      ],
      answer: 1,
      explanation:
        "A multipart upload needs kms:Decrypt too: S3 decrypts the upload's data key again to work with the encrypted parts before completing the upload.",
    },
    {
      id: 'explicit-implicit',
      question:
        'An error ends with "because no resource-based policy allows the kms:GenerateDataKey action". What does it mean?',
      choices: [
        'An explicit Deny statement matched',
        'No statement allowed the action (an implicit deny)',
        'The key does not exist',
        'The key is disabled',
      ],
      answer: 1,
      explanation:
        'Explicit denies say "with an explicit deny in a resource-based policy"; this wording means nothing allowed it. Disabled keys give KMS.DisabledException instead.',
    },
    {
      id: 'order',
      question:
        'A bucket policy denies s3:GetObject. Does S3 call KMS Decrypt when you try to download an SSE-KMS object?',
      choices: [
        'Yes, then refuses',
        'No: the bucket policy refuses first, and CloudTrail shows no Decrypt',
        'Only with a Bucket Key',
        'Only for DSSE-KMS',
      ],
      answer: 1,
      explanation: 'S3 authorizes the request before running it; only an allowed GetObject reaches KMS.',
    },
  ],
  realAws: [
    "On AWS the caller's IAM policies count too: a principal needs an Allow from IAM or the resource policy, and no Deny anywhere (SCPs and permission boundaries included). Here only bucket and key policies can deny.",
    'The messages are the same-account ones; requests from another account get a plain "Access Denied" from S3, and KMS may hide the key ARN ("on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access").',
    "Cross-account access to SSE-KMS objects needs a customer managed key: the key policy must allow the other account, and that account's IAM must allow the KMS actions as well. The AWS managed key aws/s3 cannot be shared.",
  ],
}
