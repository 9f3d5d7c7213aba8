/**
 * `playground cleanup`: deletes what the playground created on the real target (tracked from successful
 * calls, lib/sdk/tracker.ts): objects and their versions, multipart uploads, buckets, aliases; KMS keys
 * are scheduled for deletion (7 days, the shortest KMS allows). Asks first.
 */
import { AbortMultipartUploadCommand, DeleteBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3'
import { DeleteAliasCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms'
import type { Io } from '../aws/io'
import { describeCreated, type Created } from '../../sdk/tracker'
import type { Shell } from './run-line'

const ORDER: Created['kind'][] = ['upload', 'object', 'alias', 'key', 'bucket']

export async function cleanupCommand(args: string[], io: Io, shell: Shell): Promise<number> {
  const created = shell.aws.created
  const items = [...(created?.all() ?? [])].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
  if (!created || items.length === 0) {
    io.out('playground cleanup: nothing created on a real target in this page.\n')
    return 0
  }
  io.out(
    `The playground created ${items.length} thing(s) on the real target:\n${items.map((i) => `  ${describeCreated(i)}\n`).join('')}`,
  )
  const dryRun = args.includes('--dry-run')
  if (dryRun) return 0
  const ok =
    shell.env.PLAYGROUND_CONFIRM === 'yes' ||
    (shell.aws.confirm ? await shell.aws.confirm('Delete all of them? [y/N] ') : false)
  if (!ok) {
    io.err(shell.aws.confirm ? 'Not deleted.\n' : 'Nobody to confirm: set PLAYGROUND_CONFIRM=yes to delete.\n')
    return 1
  }
  const { s3, kms } = shell.aws.clients({})
  let failures = 0
  for (const item of items) {
    try {
      if (item.kind === 'object')
        await s3.send(
          new DeleteObjectCommand({
            Bucket: item.bucket,
            Key: item.key,
            ...(item.versionId ? { VersionId: item.versionId } : {}),
          }),
        )
      if (item.kind === 'upload')
        await s3.send(new AbortMultipartUploadCommand({ Bucket: item.bucket, Key: item.key, UploadId: item.uploadId }))
      if (item.kind === 'alias') await kms.send(new DeleteAliasCommand({ AliasName: item.alias }))
      if (item.kind === 'key')
        await kms.send(new ScheduleKeyDeletionCommand({ KeyId: item.keyId, PendingWindowInDays: 7 }))
      if (item.kind === 'bucket') await s3.send(new DeleteBucketCommand({ Bucket: item.bucket }))
      created.remove(item)
      io.out(`deleted: ${describeCreated(item)}\n`)
    } catch (e) {
      failures++
      io.err(`could not delete ${describeCreated(item)}: ${(e as Error).name}: ${(e as Error).message}\n`)
    }
  }
  return failures ? 1 : 0
}
