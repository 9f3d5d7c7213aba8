import type { LessonSpec } from '@/lib/lessons/types'

const B = 'reencrypt-bucket'

export const lesson: LessonSpec = {
  slug: 're-encrypt',
  title: 'Re-encrypt existing objects',
  summary:
    'A new bucket default leaves old objects as they were. Copy them onto themselves to re-encrypt, one by one or in bulk, and know what the copy changes: ETag, date, metadata, versions.',
  learn: [
    'Why a copy of an object onto itself is refused unless something changes, and what counts as a change',
    'How to re-encrypt one object with copy-object, and many with aws s3 cp --recursive or aws s3 sync',
    'What a re-encrypting copy changes besides the key: ETag, LastModified, perhaps metadata, and with versioning a new version that leaves the old one as it was',
    'How it is done for millions of objects: S3 Inventory and Batch Operations',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'old-objects',
      title: 'Objects written under the old default',
      goals: [
        { kind: 'object', bucket: B, key: 'docs/figures.txt', sse: 'AES256', metadata: ['owner'] },
        { kind: 'object', bucket: B, key: 'docs/notes.txt', sse: 'AES256' },
      ],
      hints: [
        '`put-object` takes `--content-type text/plain --metadata owner=alice`.',
        'Then try `copy-object` with the same bucket and key as `--copy-source`: it must fail.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "quarterly figures" > figures.txt',
        'echo "meeting notes" > notes.txt',
        `aws s3api put-object --bucket ${B} --key docs/figures.txt --body figures.txt --content-type text/plain --metadata owner=alice`,
        `aws s3api put-object --bucket ${B} --key docs/notes.txt --body notes.txt`,
      ],
    },
    {
      id: 'new-default',
      title: 'A new default, and the old objects',
      goals: [
        { kind: 'bucket-encryption', bucket: B, sse: 'aws:kms', kmsKey: '$RE_KEY', bucketKey: true },
        {
          kind: 'object',
          bucket: B,
          key: 'docs/figures.txt',
          sse: 'AES256',
          label: 'docs/figures.txt is still SSE-S3',
        },
      ],
      hints: [
        '`RE_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)` keeps the key id.',
        'The configuration names `"SSEAlgorithm":"aws:kms"`, `"KMSMasterKeyID":"$RE_KEY"` and `"BucketKeyEnabled":true`; use double quotes around the JSON so the shell fills in $RE_KEY.',
      ],
      solution: [
        'RE_KEY=$(aws kms create-key --description "re-encryption target" --query KeyMetadata.KeyId --output text)',
        `aws s3api put-bucket-encryption --bucket ${B} --server-side-encryption-configuration "{\\"Rules\\":[{\\"ApplyServerSideEncryptionByDefault\\":{\\"SSEAlgorithm\\":\\"aws:kms\\",\\"KMSMasterKeyID\\":\\"$RE_KEY\\"},\\"BucketKeyEnabled\\":true}]}"`,
        `aws s3api head-object --bucket ${B} --key docs/figures.txt --query '[ServerSideEncryption,ETag]'`,
      ],
    },
    {
      id: 'one-object',
      title: 'Re-encrypt one object',
      goals: [
        {
          kind: 'object',
          bucket: B,
          key: 'docs/figures.txt',
          sse: 'aws:kms',
          kmsKey: '$RE_KEY',
          metadata: ['owner'],
          label: 'docs/figures.txt is SSE-KMS under the key in $RE_KEY and kept its owner metadata',
        },
        { kind: 'object', bucket: B, key: 'docs/notes.txt', sse: 'aws:kms', metadata: ['reviewed'] },
      ],
      hints: [
        '`copy-object --bucket B --key K --copy-source B/K --server-side-encryption aws:kms --ssekms-key-id $RE_KEY`.',
        'For notes.txt add `--metadata-directive REPLACE --metadata reviewed=yes` and no encryption option.',
      ],
      solution: [
        `aws s3api copy-object --bucket ${B} --key docs/figures.txt --copy-source ${B}/docs/figures.txt --server-side-encryption aws:kms --ssekms-key-id $RE_KEY`,
        `aws s3api head-object --bucket ${B} --key docs/figures.txt`,
        `aws s3api copy-object --bucket ${B} --key docs/notes.txt --copy-source ${B}/docs/notes.txt --metadata-directive REPLACE --metadata reviewed=yes`,
      ],
    },
    {
      id: 'prefix',
      title: 'A whole prefix',
      goals: [
        { kind: 'object', bucket: 'reencrypt-archive', key: 'docs/figures.txt', sse: 'AES256' },
        { kind: 'object', bucket: 'reencrypt-archive', key: 'docs/notes.txt', sse: 'AES256' },
      ],
      hints: [
        '`aws s3 cp s3://B/docs/ s3://B/docs/ --recursive --sse aws:kms --sse-kms-key-id $RE_KEY` rewrites a prefix in place.',
        '`aws s3 sync s3://reencrypt-bucket s3://reencrypt-archive --sse AES256` copies into another bucket.',
      ],
      solution: [
        `aws s3 cp s3://${B}/docs/ s3://${B}/docs/ --recursive --sse aws:kms --sse-kms-key-id $RE_KEY`,
        'aws s3 mb s3://reencrypt-archive',
        `aws s3 sync s3://${B} s3://reencrypt-archive --sse AES256`,
      ],
    },
    {
      id: 'versions',
      title: 'With versioning on',
      goals: [
        { kind: 'bucket-versioning', bucket: 'reencrypt-archive', status: 'Enabled' },
        {
          kind: 'versions',
          bucket: 'reencrypt-archive',
          key: 'docs/figures.txt',
          atLeast: 2,
          noncurrent: { sse: 'AES256' },
          label: 'docs/figures.txt in reencrypt-archive has a new version, and the old one is still SSE-S3',
        },
      ],
      hints: [
        '`aws s3api put-bucket-versioning --bucket reencrypt-archive --versioning-configuration Status=Enabled`.',
        'Then copy docs/figures.txt onto itself with `--server-side-encryption aws:kms --ssekms-key-id $RE_KEY` and list its versions.',
      ],
      solution: [
        'aws s3api put-bucket-versioning --bucket reencrypt-archive --versioning-configuration Status=Enabled',
        'aws s3api copy-object --bucket reencrypt-archive --key docs/figures.txt --copy-source reencrypt-archive/docs/figures.txt --server-side-encryption aws:kms --ssekms-key-id $RE_KEY',
        "aws s3api list-object-versions --bucket reencrypt-archive --prefix docs/figures.txt --query 'Versions[].[VersionId,IsLatest]' --output text",
      ],
    },
  ],
  quiz: [
    {
      id: 'default-change',
      question: "You change a bucket's default from SSE-S3 to SSE-KMS. What happens to the objects already in it?",
      choices: [
        'S3 re-encrypts them in the background',
        'They stay SSE-S3 until something rewrites them',
        'They become unreadable',
        'They are re-encrypted on their next GET',
      ],
      answer: 1,
      explanation:
        'The default only applies to new writes. Existing objects keep their encryption until they are written again, for example copied onto themselves.',
    },
    {
      id: 'illegal-copy',
      question:
        'Why is copy-object of an object onto itself, with no other option, refused on a bucket that never had an encryption configuration set?',
      choices: [
        'Copies onto the same key are never allowed',
        'It would change nothing: metadata, storage class, redirect and encryption would all stay the same',
        'The object is too small',
        'It needs --metadata-directive COPY',
      ],
      answer: 1,
      explanation:
        'S3 accepts an in-place copy only if it changes something; naming an encryption (even the same one), REPLACE metadata or a storage class counts.',
    },
    {
      id: 'etag',
      question: "After re-encrypting an object with SSE-KMS its ETag no longer equals the file's MD5. Why?",
      choices: [
        'The content was damaged',
        'SSE-KMS ETags are not MD5 digests of the content',
        'The copy added metadata',
        'ETags include the key id',
      ],
      answer: 1,
      explanation:
        'Only SSE-S3 (and unencrypted) simple uploads have the MD5 as ETag; SSE-KMS and SSE-C ETags differ at every write. Tools that compare ETags with local MD5s get confused.',
    },
    {
      id: 'sync',
      question: 'Why does aws s3 sync s3://b s3://b --sse aws:kms re-encrypt nothing?',
      choices: [
        'sync ignores --sse',
        'sync only copies what is missing or older at the destination, and every object is already there',
        'sync cannot copy within a bucket',
        'It needs --recursive',
      ],
      answer: 1,
      explanation:
        'sync compares size and time; use aws s3 cp --recursive onto the same prefix, or sync into another bucket or prefix.',
    },
  ],
  realAws: [
    'Each copy is billed as a PUT request, plus the KMS requests for SSE-KMS (Decrypt on the source key, GenerateDataKey on the new one); the caller needs both KMS permissions as well as s3:GetObject and s3:PutObject.',
    'With versioning on, each in-place copy adds a version and the old one keeps its old encryption (and its storage cost) until it expires.',
    'For millions of objects, use an S3 Inventory report (it has an encryption status column) to pick the objects, and an S3 Batch Operations Copy job to rewrite them; single copies are limited to 5 GB.',
  ],
}
