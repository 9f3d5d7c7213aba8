/** CreateKey, DescribeKey, ListKeys, UpdateKeyDescription and the key tags. */
import { KmsError, unsupported } from '../errors'
import { parsePolicy } from '../key-policy'
import { currentMaterial, type KmsKey, type Tag } from '../model'
import { pageTail, paginate } from '../pagination'
import type { KmsState } from '../state'
import { requireNotPendingDeletion, type OpContext } from './context'
import { checkLockout } from './key-policy'

/** The KeyMetadata structure shared by CreateKey and DescribeKey. */
export function keyMetadata(state: KmsState, key: KmsKey): Record<string, unknown> {
  return {
    AWSAccountId: state.account,
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: key.created,
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: key.state,
    ...(key.deletion ? { DeletionDate: key.deletion.date } : {}),
    Origin: 'AWS_KMS',
    KeyManager: key.manager,
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    CurrentKeyMaterialId: currentMaterial(key).id,
  }
}

function checkTags(tags: readonly Tag[]): void {
  // Simulation note: AWS's TagException text is not recorded; the rule (the aws: prefix is reserved) is AWS's.
  if (tags.some((t) => t.TagKey.toLowerCase().startsWith('aws:')))
    throw new KmsError('TagException', 'Tags beginning with aws: are reserved.')
}

export interface CreateKeyInput {
  Policy?: string
  Description?: string
  KeyUsage?: string
  KeySpec?: string
  CustomerMasterKeySpec?: string
  Origin?: string
  CustomKeyStoreId?: string
  MultiRegion?: boolean
  BypassPolicyLockoutSafetyCheck?: boolean
  Tags?: Tag[]
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 * Simulation note: only symmetric encryption keys with KMS-generated material in one Region are served;
 * other key specs, usages, origins, custom key stores and multi-Region keys get UnsupportedOperationException.
 */
export function createKey(ctx: OpContext, input: CreateKeyInput) {
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT'
  if (spec !== 'SYMMETRIC_DEFAULT')
    throw unsupported(
      `KeySpec ${spec} is not supported by the playground's KMS emulator: it serves SYMMETRIC_DEFAULT keys only.`,
    )
  if ((input.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT')
    throw unsupported(`KeyUsage ${input.KeyUsage} is not supported by the playground's KMS emulator.`)
  if ((input.Origin ?? 'AWS_KMS') !== 'AWS_KMS' || input.CustomKeyStoreId !== undefined) {
    throw unsupported("The playground's KMS emulator creates keys with KMS-generated material (Origin AWS_KMS) only.")
  }
  if (input.MultiRegion) throw unsupported("The playground's KMS emulator does not serve multi-Region keys.")
  if (input.Policy !== undefined) {
    const statements = parsePolicy(input.Policy)
    if (!input.BypassPolicyLockoutSafetyCheck) checkLockout(ctx, statements)
  }
  checkTags(input.Tags ?? [])
  const key = ctx.state.addKey({
    manager: 'CUSTOMER',
    description: input.Description ?? '',
    ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
    tags: (input.Tags ?? []).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
  })
  ctx.touch(key)
  return { KeyMetadata: keyMetadata(ctx.state, key) }
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (names `alias/aws/s3` → creates that key, as AWS does). */
export function describeKey(ctx: OpContext, input: { KeyId: string }) {
  const key = ctx.key(input.KeyId, 'any', { createAwsManaged: true })
  ctx.authorize(key, 'DescribeKey')
  return { KeyMetadata: keyMetadata(ctx.state, key) }
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html */
export function listKeys(ctx: OpContext, input: { Limit?: number; Marker?: string }) {
  const page = paginate([...ctx.state.keys.values()], (k) => k.id, input.Limit, input.Marker, 100)
  return { Keys: page.items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...pageTail(page) }
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html */
export function updateKeyDescription(ctx: OpContext, input: { KeyId: string; Description: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'UpdateKeyDescription')
  requireNotPendingDeletion(key)
  key.description = input.Description
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html (a tag with an existing key replaces it). */
export function tagResource(ctx: OpContext, input: { KeyId: string; Tags: Tag[] }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'TagResource')
  requireNotPendingDeletion(key)
  checkTags(input.Tags)
  for (const tag of input.Tags) {
    key.tags = [...key.tags.filter((t) => t.TagKey !== tag.TagKey), { TagKey: tag.TagKey, TagValue: tag.TagValue }]
  }
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html */
export function untagResource(ctx: OpContext, input: { KeyId: string; TagKeys: string[] }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'UntagResource')
  requireNotPendingDeletion(key)
  key.tags = key.tags.filter((t) => !input.TagKeys.includes(t.TagKey))
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html */
export function listResourceTags(ctx: OpContext, input: { KeyId: string; Limit?: number; Marker?: string }) {
  const key = ctx.key(input.KeyId, 'key')
  ctx.authorize(key, 'ListResourceTags')
  const page = paginate(key.tags, (t) => t.TagKey, input.Limit, input.Marker, 50)
  return { Tags: page.items, ...pageTail(page) }
}
