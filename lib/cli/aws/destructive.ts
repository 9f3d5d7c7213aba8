/**
 * Commands that delete or overwrite something. On a real target the terminal asks before running them
 * (the emulator is a sandbox: there it never asks). Where overwriting only matters when something is
 * there (a bucket policy, a CORS configuration), the current one is looked up first.
 */
import { GetBucketCorsCommand, GetBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3'

const valueOf = (params: string[], name: string) => {
  const i = params.findIndex((p) => p === name || p.startsWith(`${name}=`))
  if (i < 0) return undefined
  return params[i]!.includes('=') ? params[i]!.slice(name.length + 1) : params[i + 1]
}

const S3API_DELETES: Record<string, string> = {
  'delete-object': 'deletes an object',
  'delete-objects': 'deletes objects',
  'delete-bucket': 'deletes a bucket',
  'delete-bucket-policy': "deletes the bucket's policy",
  'delete-bucket-encryption': "resets the bucket's default encryption",
  'delete-bucket-cors': "deletes the bucket's CORS configuration (the page can no longer call it)",
}

const KMS_DESTRUCTIVE: Record<string, string> = {
  'schedule-key-deletion':
    'schedules a KMS key for deletion: every object it protects becomes unreadable once it is deleted',
  'disable-key': 'disables a KMS key: objects it protects cannot be read until it is enabled again',
  'delete-alias': 'deletes a KMS alias',
  'put-key-policy': "replaces a KMS key's policy (a wrong one can lock everyone out of the key)",
}

/** What the command would destroy, in words, or undefined when it destroys nothing. */
export async function destructiveAction(
  service: string,
  command: string | undefined,
  params: string[],
  s3: () => S3Client,
): Promise<string | undefined> {
  if (!command) return undefined
  const bucket = valueOf(params, '--bucket')
  const key = valueOf(params, '--key')
  const where = bucket ? ` s3://${bucket}${key ? `/${key}` : ''}` : ''
  if (service === 's3') {
    const paths = params.filter((p) => p.startsWith('s3://')).join(' ')
    if (command === 'rb')
      return `deletes the bucket ${paths}${params.includes('--force') ? ' and every object in it' : ''}`
    if (command === 'rm')
      return `deletes ${params.includes('--recursive') ? 'every object under' : ''} ${paths}`.replace(/\s+/g, ' ')
    if (command === 'mv') return `moves (deletes the source of) ${paths}`
    if (command === 'sync' && params.includes('--delete')) return `deletes files at the destination of sync ${paths}`
    return undefined
  }
  if (service === 's3api') {
    if (S3API_DELETES[command]) return `${S3API_DELETES[command]}${where}`
    if ((command === 'put-bucket-policy' || command === 'put-bucket-cors') && bucket) {
      const existing =
        command === 'put-bucket-policy'
          ? new GetBucketPolicyCommand({ Bucket: bucket })
          : new GetBucketCorsCommand({ Bucket: bucket })
      try {
        await s3().send(existing as never)
        return `replaces the existing ${command === 'put-bucket-policy' ? 'bucket policy' : 'CORS configuration'} of s3://${bucket}`
      } catch {
        return undefined // none there (or it cannot be read): nothing is overwritten that we know of
      }
    }
    return undefined
  }
  if (service === 'kms' && KMS_DESTRUCTIVE[command])
    return `${KMS_DESTRUCTIVE[command]}${valueOf(params, '--key-id') ? ` (${valueOf(params, '--key-id')})` : ''}`
  return undefined
}
