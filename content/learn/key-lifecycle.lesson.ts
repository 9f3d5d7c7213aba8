import type { LessonSpec } from '@/lib/lessons/types'

const B = 'lifecycle-bucket'

export const lesson: LessonSpec = {
  slug: 'key-lifecycle',
  title: 'Key lifecycle: rotate, disable, delete',
  summary:
    'Rotate a KMS key automatically and on demand, disable it, schedule its deletion and cancel it, and see what each step does to the S3 objects under it and to the audit trail.',
  learn: [
    'What rotation changes (new key material for new data keys) and what it does not (old objects stay readable)',
    'That a disabled key stops reads and writes at once, with S3 reporting KMS.DisabledException',
    'That deletion waits 7 to 30 days, can be cancelled meanwhile, and afterwards the objects are lost',
    'How to follow each step in CloudTrail',
  ],
  demo: 'sse-kms',
  steps: [
    {
      id: 'setup',
      title: 'A key and an object under it',
      goals: [{ kind: 'object', bucket: B, key: 'old.txt', sse: 'aws:kms', kmsKey: '$LIFE_KEY' }],
      hints: [
        '`LIFE_KEY=$(aws kms create-key --query KeyMetadata.KeyId --output text)`',
        '`aws s3 cp old.txt s3://lifecycle-bucket/old.txt --sse aws:kms --sse-kms-key-id $LIFE_KEY`',
      ],
      solution: [
        `aws s3 mb s3://${B}`,
        'echo "encrypted before any rotation" > old.txt',
        'LIFE_KEY=$(aws kms create-key --description "lifecycle lesson key" --query KeyMetadata.KeyId --output text)',
        `aws s3 cp old.txt s3://${B}/old.txt --sse aws:kms --sse-kms-key-id $LIFE_KEY`,
      ],
    },
    {
      id: 'rotate',
      title: 'Rotation',
      goals: [
        { kind: 'kms-key', key: '$LIFE_KEY', rotation: true },
        { kind: 'cloudtrail', eventName: 'RotateKey' },
        { kind: 'file', path: 'old-back.txt', sameAs: 'old.txt' },
      ],
      hints: [
        '`aws kms enable-key-rotation --key-id $LIFE_KEY --rotation-period-in-days 90`, and `aws kms rotate-key-on-demand` for one now.',
        '`playground time advance 91` moves the clock past the automatic rotation.',
      ],
      solution: [
        'aws kms enable-key-rotation --key-id $LIFE_KEY --rotation-period-in-days 90',
        'aws kms rotate-key-on-demand --key-id $LIFE_KEY',
        'playground time advance 91',
        "aws kms list-key-rotations --key-id $LIFE_KEY --query 'Rotations[].[RotationType,KeyMaterialState]' --output text",
        `aws s3 cp s3://${B}/old.txt old-back.txt`,
      ],
    },
    {
      id: 'disable',
      title: 'Disable the key',
      goals: [
        { kind: 'cloudtrail', eventName: 'DisableKey' },
        { kind: 'cloudtrail', eventName: 'EnableKey' },
      ],
      hints: [
        '`aws kms disable-key --key-id $LIFE_KEY`, then try `aws s3api get-object`: it fails.',
        '`aws kms enable-key --key-id $LIFE_KEY` switches it back on.',
      ],
      solution: [
        'aws kms disable-key --key-id $LIFE_KEY',
        `aws s3api head-object --bucket ${B} --key old.txt --query '[ServerSideEncryption,SSEKMSKeyId]'`,
        'aws kms enable-key --key-id $LIFE_KEY',
      ],
    },
    {
      id: 'schedule-cancel',
      title: 'Schedule the deletion, then change your mind',
      goals: [
        { kind: 'cloudtrail', eventName: 'ScheduleKeyDeletion' },
        { kind: 'cloudtrail', eventName: 'CancelKeyDeletion' },
        { kind: 'kms-key', key: '$LIFE_KEY', state: 'Enabled' },
      ],
      hints: [
        '`aws kms schedule-key-deletion --key-id $LIFE_KEY --pending-window-in-days 7`',
        '`aws kms cancel-key-deletion` leaves the key Disabled: enable it again.',
      ],
      solution: [
        'aws kms schedule-key-deletion --key-id $LIFE_KEY --pending-window-in-days 7',
        'aws kms cancel-key-deletion --key-id $LIFE_KEY',
        'aws kms describe-key --key-id $LIFE_KEY --query KeyMetadata.KeyState',
        'aws kms enable-key --key-id $LIFE_KEY',
      ],
    },
    {
      id: 'delete',
      title: 'Let the deletion happen',
      goals: [{ kind: 'cloudtrail', eventName: 'DeleteKey' }],
      hints: ['Schedule the deletion again, then `playground time advance 7`.'],
      solution: [
        'aws kms schedule-key-deletion --key-id $LIFE_KEY --pending-window-in-days 7',
        'playground time advance 7',
      ],
    },
    {
      id: 'audit',
      title: 'The whole story in CloudTrail',
      goals: [
        {
          kind: 'ran',
          command: 'cloudtrail lookup-events',
          input: { LookupAttributes: [{ AttributeKey: 'ResourceName' }] },
          label: 'You listed every event about the key (lookup by ResourceName)',
        },
      ],
      hints: [
        '`--lookup-attributes AttributeKey=ResourceName,AttributeValue=<the key ARN>`; the ARN is `arn:aws:kms:us-east-1:111122223333:key/$LIFE_KEY`.',
      ],
      solution: [
        'LIFE_ARN=arn:aws:kms:us-east-1:111122223333:key/$LIFE_KEY',
        "aws cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue=$LIFE_ARN --query 'Events[].[EventTime,EventName,Username]' --output text",
      ],
    },
  ],
  quiz: [
    {
      id: 'rotation',
      question: 'After a KMS key is rotated, can objects encrypted before the rotation still be read?',
      choices: [
        'No, they must be re-encrypted first',
        'Yes: KMS keeps every key material version and the ciphertext says which one it used',
        'Only for 30 days',
        'Only with a Bucket Key',
      ],
      answer: 1,
      explanation:
        'Rotation adds new material for new encryptions and keeps the old ones for decryption; key id, ARN, aliases and policy stay the same.',
    },
    {
      id: 'disabled',
      question: 'What does S3 answer to a GET of an SSE-KMS object whose key is disabled?',
      choices: [
        '404 NoSuchKey',
        'The ciphertext',
        'KMS.DisabledException (the key is disabled)',
        '200 with an empty body',
      ],
      answer: 2,
      explanation:
        "S3 cannot decrypt the data key and passes on KMS's error; the object is fine and reads again as soon as the key is enabled.",
    },
    {
      id: 'cancel',
      question: 'You cancel a scheduled key deletion. What state is the key in?',
      choices: ['Enabled', 'Disabled', 'PendingDeletion', 'Deleted'],
      answer: 1,
      explanation: 'CancelKeyDeletion leaves the key Disabled; enable it yourself when you are sure it is needed.',
    },
    {
      id: 'window',
      question: 'What is the shortest waiting period KMS allows before deleting a key?',
      choices: ['None: deletion is immediate', '24 hours', '7 days', '30 days'],
      answer: 2,
      explanation:
        'The waiting period is 7 to 30 days, 30 by default. During it the key is PendingDeletion and unusable, so anything still depending on it shows up while you can cancel.',
    },
    {
      id: 'no-user',
      question: 'Which events about the key have no user name in CloudTrail?',
      choices: [
        'GenerateDataKey and Decrypt made by S3',
        'The scheduled RotateKey and DeleteKey that KMS performs itself',
        'DisableKey',
        'All of them',
      ],
      answer: 1,
      explanation:
        'Calls S3 makes for you are recorded under your identity with invokedBy s3.amazonaws.com; automatic rotation and the deletion are AWS service events.',
    },
  ],
  realAws: [
    "On-demand rotation is limited to 10 per key and completes in the background; the first two rotations each add $1 a month to the key's price, later ones nothing. A key pending deletion is not charged.",
    'The AWS managed key aws/s3 rotates every year and cannot be disabled, rotated on demand or deleted.',
    'You need kms:EnableKeyRotation, kms:DisableKey, kms:ScheduleKeyDeletion and friends in the key policy; many teams deny kms:ScheduleKeyDeletion to all but a break-glass role, and alarm on use of a key pending deletion.',
    'CloudTrail event history keeps 90 days; a trail delivering to S3 keeps the record as long as you keep its files.',
  ],
}
