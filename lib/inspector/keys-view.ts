/** The Keys panel: KMS keys with aliases, state, rotation, request counts and the estimated cost. */
import { accountUsage, keyUsage, type KeyUsage } from '../cloudtrail/usage'
import type { CloudTrail } from '../cloudtrail/trail'
import type { KmsState } from '../kms/state'

export interface KeyRow {
  arn: string
  id: string
  aliases: string[]
  description: string
  manager?: 'AWS' | 'CUSTOMER'
  /** 'Deleted' once the key is gone but still appears in the event history. */
  state: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'Deleted'
  deletionDate?: Date
  rotation?: { enabled: boolean; periodInDays: number; next?: Date }
  /** Key material versions: 1 + rotations. */
  versions: number
  lastRotated?: Date
  usage: KeyUsage
  /**
   * What this key adds to the account's estimate: its storage, and its share of the requests billed beyond the free
   * tier (the free requests are the account's, not a key's). The cards therefore add up to the header's figure.
   */
  billed: { requestCostUsd: number; estimatedCostUsd: number }
}

export interface KeysView {
  keys: KeyRow[]
  account: ReturnType<typeof accountUsage>
}

export function keysView(kms: KmsState, trail: CloudTrail, now: Date = kms.now()): KeysView {
  const usage = keyUsage(trail, kms, now)
  const account = accountUsage(usage)
  const billed = (u: KeyUsage) => {
    const requestCostUsd = account.billableRequests
      ? account.requestCostUsd * (u.billableRequests / account.billableRequests)
      : 0
    return { requestCostUsd, estimatedCostUsd: u.keyStorageCostUsd + requestCostUsd }
  }
  const aliases = new Map<string, string[]>()
  for (const a of kms.aliases.values())
    aliases.set(a.targetKeyId, [...(aliases.get(a.targetKeyId) ?? []), a.name].sort())
  const keys = usage.map((u): KeyRow => {
    const key = [...kms.keys.values()].find((k) => k.arn === u.keyArn)
    const id = u.keyArn.slice(u.keyArn.lastIndexOf('/') + 1)
    if (!key)
      return {
        arn: u.keyArn,
        id,
        aliases: [],
        description: '',
        state: 'Deleted',
        versions: 0,
        usage: u,
        billed: billed(u),
      }
    const rotated = key.materials.length > 1 ? key.materials[key.materials.length - 1]!.created : undefined
    return {
      arn: key.arn,
      id: key.id,
      aliases: aliases.get(key.id) ?? [],
      description: key.description,
      manager: key.manager,
      state: key.state,
      ...(key.deletion ? { deletionDate: key.deletion.date } : {}),
      rotation: {
        enabled: key.rotation.enabled,
        periodInDays: key.rotation.periodInDays,
        ...(key.rotation.next ? { next: key.rotation.next } : {}),
      },
      versions: key.materials.length,
      ...(rotated ? { lastRotated: rotated } : {}),
      usage: u,
      billed: billed(u),
    }
  })
  // AWS managed keys last, like the console's two tabs; then by first alias.
  keys.sort((a, b) =>
    a.manager === b.manager ? (a.aliases[0] ?? a.id).localeCompare(b.aliases[0] ?? b.id) : a.manager === 'AWS' ? 1 : -1,
  )
  return { keys, account }
}

/** "$0.000030" for tiny request costs, "$1.23" otherwise: a learner should see that 10 requests cost something. */
export function usd(amount: number): string {
  if (amount === 0) return '$0.00'
  return amount < 0.01 ? `$${amount.toFixed(6)}` : `$${amount.toFixed(2)}`
}

/** A short label for a key ARN: its first alias, else the key id. */
export function keyLabel(arn: string, view: KeysView | undefined): string {
  const row = view?.keys.find((k) => k.arn === arn)
  return row?.aliases[0] ?? arn.slice(arn.lastIndexOf('/') + 1)
}
