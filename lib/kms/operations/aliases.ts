/** CreateAlias, UpdateAlias, DeleteAlias, ListAliases. Alias names are `alias/...`; `alias/aws/` is reserved for AWS. */
import { PREDEFINED_AWS_ALIASES } from '../aws-managed'
import { aliasExists, aliasNotFound, aliasPrefix, reservedAlias } from '../errors'
import type { KmsAlias } from '../model'
import { pageTail, paginate } from '../pagination'
import { requireNotPendingDeletion, type OpContext } from './context'

function checkName(name: string): void {
  if (!name.startsWith('alias/') || name.length === 'alias/'.length) throw aliasPrefix()
  if (name.startsWith('alias/aws/')) throw reservedAlias()
}

function existing(ctx: OpContext, name: string): KmsAlias {
  const alias = ctx.state.aliases.get(name)
  if (!alias) throw aliasNotFound(ctx.state.aliasArn(name))
  return alias
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (TargetKeyId: key id or key ARN). */
export function createAlias(ctx: OpContext, input: { AliasName: string; TargetKeyId: string }) {
  checkName(input.AliasName)
  const key = ctx.key(input.TargetKeyId, 'key')
  ctx.authorize(key, 'CreateAlias')
  requireNotPendingDeletion(key)
  if (ctx.state.aliases.has(input.AliasName)) throw aliasExists(ctx.state.aliasArn(input.AliasName))
  const now = ctx.state.now()
  ctx.state.aliases.set(input.AliasName, { name: input.AliasName, targetKeyId: key.id, created: now, updated: now })
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html (needs permission on the old and the new key). */
export function updateAlias(ctx: OpContext, input: { AliasName: string; TargetKeyId: string }) {
  checkName(input.AliasName)
  const alias = existing(ctx, input.AliasName)
  const current = ctx.state.keys.get(alias.targetKeyId)
  const key = ctx.key(input.TargetKeyId, 'key')
  if (current) {
    ctx.touch(current)
    ctx.authorize(current, 'UpdateAlias')
  }
  ctx.authorize(key, 'UpdateAlias')
  requireNotPendingDeletion(key)
  alias.targetKeyId = key.id
  alias.updated = ctx.state.now()
  return {}
}

/** https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html (the key is unaffected). */
export function deleteAlias(ctx: OpContext, input: { AliasName: string }) {
  checkName(input.AliasName)
  const alias = existing(ctx, input.AliasName)
  const key = ctx.state.keys.get(alias.targetKeyId)
  if (key) {
    ctx.touch(key)
    ctx.authorize(key, 'DeleteAlias')
  }
  ctx.state.aliases.delete(input.AliasName)
  return {}
}

interface AliasEntry {
  AliasName: string
  AliasArn: string
  TargetKeyId?: string
  CreationDate?: Date
  LastUpdatedDate?: Date
}

/**
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
 * TargetKeyId is the bare key id. Without KeyId, AWS's predefined alias for a not-yet-created AWS managed
 * key is listed with no TargetKeyId.
 */
export function listAliases(ctx: OpContext, input: { KeyId?: string; Limit?: number; Marker?: string }) {
  const { state } = ctx
  const target = input.KeyId !== undefined ? ctx.key(input.KeyId, 'key') : undefined
  const entries: AliasEntry[] = [...state.aliases.values()]
    .filter((a) => !target || a.targetKeyId === target.id)
    .map((a) => ({
      AliasName: a.name,
      AliasArn: state.aliasArn(a.name),
      TargetKeyId: a.targetKeyId,
      CreationDate: a.created,
      LastUpdatedDate: a.updated,
    }))
  if (!target) {
    for (const name of PREDEFINED_AWS_ALIASES)
      if (!state.aliases.has(name)) entries.push({ AliasName: name, AliasArn: state.aliasArn(name) })
  }
  const page = paginate(entries, (a) => a.AliasName, input.Limit, input.Marker, 50)
  return { Aliases: page.items, ...pageTail(page) }
}
