/** What the schemas need from the emulator's state: the account, the region and the customer managed keys. */
import type { Emulator } from '../emulator/create-emulator'
import type { SchemaContext } from './bucket-encryption-schema'

export function schemaContextOf(emulator: Emulator): SchemaContext {
  const kms = emulator.kms.state
  const aliases = new Map<string, string[]>()
  for (const a of kms.aliases.values())
    aliases.set(a.targetKeyId, [...(aliases.get(a.targetKeyId) ?? []), a.name].sort())
  const keys = [...kms.keys.values()]
    .filter((k) => k.manager !== 'AWS' && k.state !== 'PendingDeletion')
    .map((k) => ({ keyId: k.id, arn: k.arn, aliases: aliases.get(k.id) ?? [] }))
  return { account: emulator.s3.options.account, region: emulator.s3.options.region, keys }
}
