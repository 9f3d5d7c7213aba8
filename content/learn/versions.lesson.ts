import type { LessonSpec } from '@/lib/lessons/types'

const B = 'versions-bucket'
const CONFIG = `"{\\"Rules\\":[{\\"ApplyServerSideEncryptionByDefault\\":{\\"SSEAlgorithm\\":\\"aws:kms\\",\\"KMSMasterKeyID\\":\\"$NEW_KEY\\"},\\"BucketKeyEnabled\\":true}]}"`

export const lesson: LessonSpec = {
  slug: 'versions',
  title: 'Versions and encryption',
  summary:
    'With versioning on, every version keeps the key it was written with. A new default touches none of them, a re-encrypting copy adds one, and deleting an old KMS key strands the versions under it.',
  learn: [
    'Why each object version keeps its own encryption, key and Bucket Key, and what a new bucket default changes (nothing that exists)',
    'Why a re-encrypting copy in place adds a version and leaves the older ones under their old key',
    'How to find the versions still under an old key: ListObjectVersions, then HeadObject per version, in a loop',
    'What happens to old versions when their KMS key is scheduled for deletion',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'versioning',
      title: 'Versioning on, two versions',
      goals: [
        { kind: 'bucket-versioning', bucket: B, status: 'Enabled' },
        {
          kind: 'versions',
          bucket: B,
          key: 'report.txt',
          atLeast: 2,
          noncurrent: { sse: 'AES256' },
          label: 'report.txt has two versions, the older one SSE-S3',
        },
      ],
      hints: [
        '`put-bucket-versioning --versioning-configuration Status=Enabled` turns versioning on.',
        'Write report.txt twice: once with no option, once with `--server-side-encryption aws:kms --ssekms-key-id $OLD_KEY`.',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        `aws s3api put-bucket-versioning --bucket ${B} --versioning-configuration Status=Enabled`,
        'echo "draft one" > report.txt',
        `aws s3api put-object --bucket ${B} --key report.txt --body report.txt`,
        'OLD_KEY=$(aws kms create-key --description "old key" --query KeyMetadata.KeyId --output text)',
        'echo "draft two" > report.txt',
        `aws s3api put-object --bucket ${B} --key report.txt --body report.txt --server-side-encryption aws:kms --ssekms-key-id $OLD_KEY`,
      ],
    },
    {
      id: 'new-default',
      title: 'A new default touches no version',
      goals: [
        { kind: 'bucket-encryption', bucket: B, sse: 'aws:kms', kmsKey: '$NEW_KEY', bucketKey: true },
        {
          kind: 'object',
          bucket: B,
          key: 'report.txt',
          sse: 'aws:kms',
          kmsKey: '$OLD_KEY',
          label: 'the current report.txt is still under the key in $OLD_KEY',
        },
      ],
      hints: [
        '`NEW_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)` keeps the new key id.',
        'The configuration is the one from the re-encryption lesson, with `$NEW_KEY`; double quotes let the shell fill it in.',
      ],
      solution: [
        'NEW_KEY=$(aws kms create-key --description "new key" --query KeyMetadata.KeyId --output text)',
        `aws s3api put-bucket-encryption --bucket ${B} --server-side-encryption-configuration ${CONFIG}`,
        `aws s3api head-object --bucket ${B} --key report.txt --query '[VersionId,SSEKMSKeyId]'`,
      ],
    },
    {
      id: 'copy-in-place',
      title: 'Re-encrypting adds a version',
      goals: [
        { kind: 'object', bucket: B, key: 'report.txt', sse: 'aws:kms', kmsKey: '$NEW_KEY' },
        {
          kind: 'versions',
          bucket: B,
          key: 'report.txt',
          atLeast: 3,
          noncurrent: { sse: 'aws:kms', kmsKey: '$OLD_KEY' },
          label: 'report.txt has three versions, an older one still under the key in $OLD_KEY',
        },
      ],
      hints: [
        '`copy-object` with the same bucket and key as `--copy-source`, and `--server-side-encryption aws:kms --ssekms-key-id $NEW_KEY`.',
        'Then `list-object-versions --prefix report.txt` shows one more version.',
      ],
      solution: [
        `aws s3api copy-object --bucket ${B} --key report.txt --copy-source ${B}/report.txt --server-side-encryption aws:kms --ssekms-key-id $NEW_KEY`,
        `aws s3api list-object-versions --bucket ${B} --prefix report.txt --query 'Versions[].[VersionId,IsLatest]' --output text`,
      ],
    },
    {
      id: 'find-old',
      title: 'Find the versions under the old key',
      goals: [{ kind: 'file', path: 'key-report.txt', label: 'key-report.txt lists each version with its key' }],
      hints: [
        'Listings carry no encryption fields: ask `head-object --version-id` for each id that `list-object-versions` gives.',
        "`for v in $(aws s3api list-object-versions --bucket versions-bucket --prefix report.txt --query 'Versions[].VersionId' --output text); do ...; done` loops over the ids.",
      ],
      solution: [
        `for v in $(aws s3api list-object-versions --bucket ${B} --prefix report.txt --query 'Versions[].VersionId' --output text); do aws s3api head-object --bucket ${B} --key report.txt --version-id $v --query '[VersionId,ServerSideEncryption,SSEKMSKeyId]' --output text >> key-report.txt; done`,
        'grep $OLD_KEY key-report.txt',
      ],
    },
    {
      id: 'strand',
      title: 'Delete the old key: stranded versions',
      goals: [
        { kind: 'kms-key', key: '$OLD_KEY', state: 'PendingDeletion' },
        { kind: 'file', path: 'current.txt', sameAs: 'report.txt', label: 'current.txt holds the current version' },
      ],
      hints: [
        '`aws kms schedule-key-deletion --key-id $OLD_KEY --pending-window-in-days 7`.',
        'Then `get-object` of the current version still works: `aws s3api get-object --bucket versions-bucket --key report.txt current.txt`.',
      ],
      solution: [
        'aws kms schedule-key-deletion --key-id $OLD_KEY --pending-window-in-days 7',
        `aws s3api get-object --bucket ${B} --key report.txt current.txt`,
      ],
    },
  ],
  quiz: [
    {
      id: 'default-change',
      question: "A versioned bucket's default changes from SSE-S3 to SSE-KMS. Which versions are re-encrypted?",
      choices: [
        'All of them',
        'Only the current version of each key',
        'None: only new writes use the new default',
        'Only noncurrent versions',
      ],
      answer: 2,
      explanation:
        'A default applies when an object is written. Every existing version, current or not, keeps the encryption it was written with.',
    },
    {
      id: 'copy',
      question:
        'You copy an object onto itself with a new KMS key in a versioned bucket. What happens to the version you copied?',
      choices: [
        'It is re-encrypted in place',
        'It stays, noncurrent, under its old key; the copy is a new current version',
        'It is deleted',
        'It becomes a delete marker',
      ],
      answer: 1,
      explanation:
        'A copy writes a new object, which in a versioned bucket is a new version. The source version is untouched, old key included, until it is deleted or expires.',
    },
    {
      id: 'listing',
      question: 'Why does the loop call head-object for every version instead of reading list-object-versions?',
      choices: [
        'list-object-versions is slower',
        'Listings carry no encryption fields; HEAD of each version reports its encryption and key',
        'head-object is free',
        'list-object-versions only lists current versions',
      ],
      answer: 1,
      explanation:
        'ListObjects and ListObjectVersions report keys, sizes, ETags and dates, never encryption. S3 Inventory reports it in bulk; for a few keys, HEAD each version.',
    },
    {
      id: 'stranded',
      question: 'The KMS key of an old version is pending deletion. What does GET of that version return?',
      choices: [
        'The plaintext, because S3 keeps its own copy',
        'A KMS error (the key is pending deletion); newer versions under other keys stay readable',
        'A delete marker',
        'An empty body',
      ],
      answer: 1,
      explanation:
        'Each version has its own data key, encrypted under its KMS key. While that key is pending deletion or disabled, KMS refuses Decrypt, so S3 cannot open that version; once the key is deleted, the version is gone for good.',
    },
  ],
  realAws: [
    'Each version is billed as stored data. Re-encrypting with copies doubles what is stored until the old versions expire: a lifecycle rule with NoncurrentVersionExpiration removes them.',
    'Reading an old SSE-KMS version needs kms:Decrypt on the key it was written with, and s3:GetObjectVersion (not just s3:GetObject).',
    'Before disabling or deleting a key, look for versions that still use it: S3 Inventory with the encryption status and key ARN columns (and "include all versions"), or the loop in this lesson for a few keys.',
  ],
}
