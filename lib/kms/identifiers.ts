/**
 * Key identifiers, each accepted exactly where KMS accepts it:
 * - key id (`1234abcd-12ab-34cd-56ef-1234567890ab`) and key ARN: every operation that takes a key;
 * - alias name (`alias/my-key`) and alias ARN: additionally DescribeKey, Encrypt, Decrypt, ReEncrypt and
 *   GenerateDataKey* (the `any` form); management calls take only `key` forms.
 */
import { AWS_S3_ALIAS, awsManagedS3Key } from './aws-managed'
import { aliasNotFound, invalidArnRegion, invalidKeyId, keyNotFound } from './errors'
import type { KmsKey } from './model'
import type { KmsState } from './state'

export type IdForms = 'key' | 'any'

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i
const ARN = /^arn:aws[a-z-]*:kms:([^:]*):([^:]*):((?:key|alias)\/.+)$/

export interface ResolveOptions {
  /** Create `aws/s3` when its alias is named before S3 has used it (DescribeKey and the S3 port do). */
  createAwsManaged?: boolean
}

export function resolveKey(state: KmsState, given: string, forms: IdForms, options: ResolveOptions = {}): KmsKey {
  const arn = ARN.exec(given)
  if (arn) {
    const [, region, account, resource] = arn as unknown as [string, string, string, string]
    if (region !== state.region) throw invalidArnRegion(region)
    if (resource.startsWith('alias/')) {
      if (forms === 'key') throw invalidKeyId(given)
      if (account !== state.account) throw aliasNotFound(given)
      return viaAlias(state, resource, options)
    }
    const key = account === state.account ? state.keys.get(resource.slice('key/'.length)) : undefined
    if (!key) throw keyNotFound(given)
    return key
  }
  if (given.startsWith('alias/')) {
    if (forms === 'key') throw invalidKeyId(given)
    return viaAlias(state, given, options)
  }
  if (!KEY_ID.test(given)) throw invalidKeyId(given)
  const key = state.keys.get(given)
  if (!key) throw keyNotFound(state.keyArn(given))
  return key
}

function viaAlias(state: KmsState, name: string, options: ResolveOptions): KmsKey {
  if (name === AWS_S3_ALIAS && options.createAwsManaged) return awsManagedS3Key(state)
  const alias = state.aliases.get(name)
  const key = alias && state.keys.get(alias.targetKeyId)
  if (!key) throw aliasNotFound(state.aliasArn(name))
  return key
}
