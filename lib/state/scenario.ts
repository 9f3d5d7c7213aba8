/**
 * A scenario: what a share link carries. It describes the playground (buckets and their configuration,
 * customer managed KMS keys and their settings, objects with their encryption and, when small enough,
 * their plaintext, files, history) so that it can be rebuilt on a fresh emulator by replaying API calls
 * (scenario-replay.ts): fresh keys are made there.
 *
 * It never holds key material or a credential: no S3 root key, no KMS key material, no data key, no SSE-C
 * key (SSE-C objects are listed as not shared), no AWS secret or session token, and no history; what a
 * link may carry at all is an allow-list (scenario-schema.ts).
 */
import { concat } from '../crypto/bytes'
import { createEmulator, type Emulator } from '../emulator/create-emulator'
import { restoreKmsSnapshot } from '../emulator/snapshot'
import { kmsToSnapshot } from '../emulator/kms-snapshot'
import { defaultKeyPolicy } from '../kms/key-policy'
import type { KmsKey } from '../kms/model'
import { objectArn, type CorsRule, type StoredObject } from '../s3/model'
import { plaintextRange } from '../s3/object-bodies'
import { openDataKey } from '../s3/sse/data-key'
import { S3State } from '../s3/state'
import { allowedScenario } from './scenario-schema'
import { captureSession, type SavedSession, type SessionShell } from './session'

export const SCENARIO_VERSION = 1

export interface ScenarioKey {
  /** The key id in the playground it came from: bucket settings, policies and history name it. */
  ref: string
  description: string
  aliases: string[]
  tags: { TagKey: string; TagValue: string }[]
  /** Only when it is not KMS's default key policy. */
  policy?: string
  rotation?: { periodInDays: number }
  onDemandRotations?: number
  state: 'Enabled' | 'Disabled' | 'PendingDeletion'
  deletionWindowInDays?: number
}

export type ScenarioSse =
  | { algorithm: 'AES256' }
  /** `key` is a ScenarioKey ref, or `aws/s3` for the AWS managed key. */
  | { algorithm: 'aws:kms' | 'aws:kms:dsse'; key: string; bucketKey: boolean; context?: Record<string, string> }

export interface ScenarioObject {
  key: string
  size: number
  sse: ScenarioSse
  contentType?: string
  metadata?: Record<string, string>
  /** The plaintext, base64; absent when too large for a link (the object comes back with a placeholder text). */
  base64?: string
}

export interface ScenarioBucket {
  name: string
  /** The default encryption, when PutBucketEncryption set one. */
  encryption?: { algorithm: string; kmsMasterKeyId?: string; bucketKeyEnabled: boolean; blocked?: string[] }
  policy?: string
  cors?: CorsRule[]
  /** PutBucketVersioning's status. A link carries each key's current object only (older versions are named in notShared). */
  versioning?: 'Enabled' | 'Suspended'
  objects: ScenarioObject[]
}

export interface Scenario {
  format: 's3-encryption-playground-scenario'
  version: number
  keys: ScenarioKey[]
  buckets: ScenarioBucket[]
  session: SavedSession
  /** What was left out, in words a learner understands ("s3://b/k: SSE-C, its key is never shared"). */
  notShared: string[]
}

export interface ScenarioLimits {
  /** Largest object or file whose bytes go into the link. */
  perItem: number
  /** All object and file bytes together. */
  total: number
}

export const DEFAULT_LIMITS: ScenarioLimits = { perItem: 64 * 1024, total: 256 * 1024 }

const CREDENTIAL_SETTING = /secret|token|password|credential|session/i
const b64 = (bytes: Uint8Array) => {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}
const sizeText = (n: number) =>
  n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`

/**
 * Reads objects' plaintext with a copy of KMS (every key enabled, default policies), so sharing never
 * adds a Decrypt to the learner's audit trail and works for disabled keys too. The S3 root keys are
 * the live ones; nothing here leaves this function but plaintext.
 */
function plaintextReader(live: Emulator): (bucket: string, object: StoredObject) => Promise<Uint8Array> {
  const scratch = createEmulator({
    now: () => live.clock.now(),
    region: live.s3.options.region,
    account: live.s3.options.account,
  })
  restoreKmsSnapshot({ kms: kmsToSnapshot(live) }, scratch)
  for (const key of scratch.kms.state.keys.values()) {
    key.state = 'Enabled'
    delete key.deletion
    key.policy = defaultKeyPolicy(live.s3.options.account)
  }
  const s3 = new S3State(live.s3.options, live.s3.keyring, live.s3.blobs)
  s3.kms = scratch.kms.port
  return async (bucket, object) => {
    const arn = objectArn(bucket, object.key)
    const keys = await openDataKey(s3, object.sse, object.sealed.key, arn, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' })
    const parts: Uint8Array[] = []
    for await (const piece of plaintextRange(s3, bucket, object, keys)) parts.push(piece)
    return concat(...parts)
  }
}

function keyOf(k: KmsKey, aliases: string[], account: string): ScenarioKey {
  return {
    ref: k.id,
    description: k.description,
    aliases,
    tags: k.tags.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })),
    ...(k.policy !== defaultKeyPolicy(account) ? { policy: k.policy } : {}),
    ...(k.rotation.enabled ? { rotation: { periodInDays: k.rotation.periodInDays } } : {}),
    ...(k.onDemandRotations ? { onDemandRotations: k.onDemandRotations } : {}),
    state: k.state,
    ...(k.deletion ? { deletionWindowInDays: k.deletion.windowInDays } : {}),
  }
}

/** Describes the live playground as a scenario. Reads plaintexts (for objects small enough) without side effects. */
export async function captureScenario(
  emulator: Emulator,
  shell: SessionShell,
  limits: ScenarioLimits = DEFAULT_LIMITS,
): Promise<Scenario> {
  const notShared: string[] = []
  let budget = limits.total
  const account = emulator.s3.options.account
  const kmsKeys = [...emulator.kms.state.keys.values()]
  const aliases = [...emulator.kms.state.aliases.values()]
  const customer = kmsKeys.filter((k) => k.manager === 'CUSTOMER')
  const awsManaged = new Set(kmsKeys.filter((k) => k.manager === 'AWS').map((k) => k.arn))
  const keys = customer.map((k) =>
    keyOf(
      k,
      aliases.filter((a) => a.targetKeyId === k.id).map((a) => a.name),
      account,
    ),
  )
  const refOf = (arn: string) => (awsManaged.has(arn) ? 'aws/s3' : (customer.find((k) => k.arn === arn)?.id ?? arn))
  const read = plaintextReader(emulator)

  const buckets: ScenarioBucket[] = []
  for (const bucket of [...emulator.s3.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const objects: ScenarioObject[] = []
    for (const object of [...bucket.objects.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      const where = `s3://${bucket.name}/${object.key}`
      if (object.sse.algorithm === 'SSE-C') {
        notShared.push(`${where}: SSE-C, and its key is never put in a link`)
        continue
      }
      const sse: ScenarioSse =
        object.sse.algorithm === 'AES256'
          ? { algorithm: 'AES256' }
          : (() => {
              const extra = Object.fromEntries(Object.entries(object.sse.context).filter(([k]) => k !== 'aws:s3:arn'))
              return {
                algorithm: object.sse.algorithm,
                key: refOf(object.sse.keyArn),
                bucketKey: object.sse.bucketKey,
                ...(Object.keys(extra).length ? { context: extra } : {}),
              }
            })()
      const entry: ScenarioObject = {
        key: object.key,
        size: object.size,
        sse,
        ...(object.system['content-type'] ? { contentType: object.system['content-type'] } : {}),
        ...(Object.keys(object.metadata).length ? { metadata: { ...object.metadata } } : {}),
      }
      if (object.size <= limits.perItem && object.size <= budget) {
        try {
          entry.base64 = b64(await read(bucket.name, object))
          budget -= object.size
        } catch (error) {
          notShared.push(
            `${where}: its contents could not be read (${error instanceof Error ? error.message : String(error)}); it comes back with a placeholder`,
          )
        }
      } else
        notShared.push(
          `${where}: ${sizeText(object.size)} is too large for a link; it comes back with a placeholder text`,
        )
      objects.push(entry)
    }
    for (const upload of bucket.uploads.values())
      notShared.push(`s3://${bucket.name}/${upload.key}: a multipart upload in progress is not shared`)
    // A link rebuilds by replaying PUTs, which cannot recreate old versions with their own keys and dates: left out, and said so.
    for (const [key, older] of [...(bucket.history ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)))
      notShared.push(
        `s3://${bucket.name}/${key}: ${older.length} older version${older.length === 1 ? '' : 's'} or delete marker${older.length === 1 ? '' : 's'} not shared (a link carries current objects)`,
      )
    buckets.push({
      name: bucket.name,
      ...(bucket.encryptionExplicit
        ? {
            encryption: {
              algorithm: bucket.encryption.algorithm,
              ...(bucket.encryption.kmsMasterKeyId !== undefined
                ? { kmsMasterKeyId: bucket.encryption.kmsMasterKeyId }
                : {}),
              bucketKeyEnabled: bucket.encryption.bucketKeyEnabled,
              ...(bucket.encryption.blocked ? { blocked: [...bucket.encryption.blocked] } : {}),
            },
          }
        : {}),
      ...(bucket.policy ? { policy: bucket.policy.text } : {}),
      ...(bucket.cors ? { cors: bucket.cors.map((r) => ({ ...r })) } : {}),
      ...(bucket.versioning ? { versioning: bucket.versioning } : {}),
      objects,
    })
  }

  const session = captureSession(shell)
  for (const path of session.omitted) notShared.push(`${path}: a key file, never shared`)
  session.omitted = []
  session.awsConfig = Object.fromEntries(Object.entries(session.awsConfig).filter(([k]) => !CREDENTIAL_SETTING.test(k)))
  session.env = Object.fromEntries(
    Object.entries(session.env).filter(([k]) => !/^AWS_(SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN)$/.test(k)),
  )
  session.files = session.files.filter((f) => {
    const size = 'base64' in f ? Math.floor((f.base64.length * 3) / 4) : Infinity // captureSession without a store keeps every file inline
    if (size <= limits.perItem && size <= budget) {
      budget -= size
      return true
    }
    notShared.push(`${f.path}: ${sizeText(size)} is too large for a link`)
    return false
  })
  return allowedScenario({
    format: 's3-encryption-playground-scenario',
    version: SCENARIO_VERSION,
    keys,
    buckets,
    session,
    notShared,
  })
}

/** The placeholder body of an object whose bytes were too large for the link. */
export const placeholderBody = (size: number) =>
  `[placeholder: the shared object held ${sizeText(size)}, too large for a share link]\n`
