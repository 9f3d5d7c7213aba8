/**
 * The AWS managed key `aws/s3`: created in the account the first time S3 needs it (or DescribeKey names
 * its alias), KeyManager AWS, rotated automatically every year. Its key policy lets the account use it only
 * through S3 and read its metadata, so the user cannot disable, delete, re-policy or re-rotate it.
 */
import type { KmsKey } from './model'
import { awsS3KeyPolicy } from './key-policy'
import type { KmsState } from './state'

export const AWS_S3_ALIAS = 'alias/aws/s3'
/** DescribeKey's Description for the key, as AWS shows it. */
export const AWS_S3_DESCRIPTION = 'Default key that protects my S3 objects when no other key is defined'

/**
 * Simulation note: AWS lists a predefined alias (with no TargetKeyId) for every service's AWS managed key,
 * used or not. We list only `alias/aws/s3`, the one the playground can create.
 */
export const PREDEFINED_AWS_ALIASES = [AWS_S3_ALIAS]

export function awsManagedS3Key(state: KmsState): KmsKey {
  const existing = state.aliases.get(AWS_S3_ALIAS)
  const key = existing && state.keys.get(existing.targetKeyId)
  if (key) return key
  const created = state.addKey({
    manager: 'AWS',
    description: AWS_S3_DESCRIPTION,
    policy: awsS3KeyPolicy(state.account, state.region),
    rotate: true,
  })
  const now = state.now()
  state.aliases.set(AWS_S3_ALIAS, { name: AWS_S3_ALIAS, targetKeyId: created.id, created: now, updated: now })
  return created
}
