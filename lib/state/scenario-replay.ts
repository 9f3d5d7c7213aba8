/**
 * Rebuilds a scenario on an emulator by sending it the API calls a learner would (CreateKey, CreateAlias,
 * CreateBucket, PutBucketEncryption, PutObject...) through `emulator.handle`, so every key, data key and
 * ciphertext is made fresh. Key ids change: the old ids are replaced by the new ones wherever the
 * scenario names them (bucket defaults, policies, history, environment).
 *
 * Order matters: keys and buckets first, objects next, then what could refuse a later call (bucket
 * policies, key policies, disabled keys, scheduled deletions). The replay's own CloudTrail events are
 * dropped at the end: a shared scenario starts with an empty audit trail.
 */
import { fromBase64, toBase64, utf8 } from '../crypto/bytes'
import { Vfs } from '../cli/shell/vfs'
import { createEmulator, type Emulator } from '../emulator/create-emulator'
import { xmlDocument, type XmlNode } from '../protocol/xml'
import { rawPathHeader } from '../protocol/raw-path'
import { capturePlayground, type SavedPlayground } from './playground-state'
import { applySession, type SessionShell } from './session'
import { placeholderBody, type Scenario, type ScenarioSse } from './scenario'

const S3 = 'https://s3.emulator.invalid'
const KMS = 'https://kms.emulator.invalid/'
// The emulator does not check signatures; a SigV4-shaped header names the service and the (example) caller.
const auth = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`

export interface ReplayReport {
  /** Old key id → new key id. */
  keyIds: Record<string, string>
  /** Calls that did not succeed, with the emulator's answer. */
  problems: string[]
}

const path = (bucket: string, key?: string) =>
  `/${encodeURIComponent(bucket)}${key === undefined ? '' : '/' + key.split('/').map(encodeURIComponent).join('/')}`

export async function replayScenario(
  scenario: Scenario,
  emulator: Emulator,
  shell: SessionShell,
): Promise<ReplayReport> {
  const problems: string[] = []
  const keyIds: Record<string, string> = {}
  const swap = (text: string) => Object.entries(keyIds).reduce((t, [from, to]) => t.split(from).join(to), text)

  const s3 = async (
    what: string,
    method: string,
    target: string,
    body?: Uint8Array | string,
    headers: Record<string, string> = {},
  ) => {
    const response = await emulator.handle(
      new Request(S3 + target, {
        method,
        // The path as built: `new Request` would resolve a key's `..` segments into another bucket.
        headers: { authorization: auth('s3'), ...rawPathHeader(target), ...headers },
        ...(body !== undefined ? { body: body as BodyInit } : {}),
      }),
    )
    if (response.status >= 300) problems.push(`${what}: HTTP ${response.status} ${await response.text()}`)
    return response
  }
  const kms = async (
    what: string,
    operation: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> => {
    const response = await emulator.handle(
      new Request(KMS, {
        method: 'POST',
        headers: {
          authorization: auth('kms'),
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `TrentService.${operation}`,
        },
        body: JSON.stringify(input),
      }),
    )
    const text = await response.text()
    if (response.status >= 300) {
      problems.push(`${what}: HTTP ${response.status} ${text}`)
      return undefined
    }
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }

  for (const key of scenario.keys) {
    const made = await kms(`create key ${key.ref}`, 'CreateKey', {
      Description: key.description,
      ...(key.tags.length ? { Tags: key.tags } : {}),
    })
    const id = (made?.KeyMetadata as { KeyId?: string } | undefined)?.KeyId
    if (!id) continue
    keyIds[key.ref] = id
    for (const alias of key.aliases) await kms(`alias ${alias}`, 'CreateAlias', { AliasName: alias, TargetKeyId: id })
    if (key.rotation)
      await kms(`rotation of ${alias0(key)}`, 'EnableKeyRotation', {
        KeyId: id,
        RotationPeriodInDays: key.rotation.periodInDays,
      })
    for (let i = 0; i < Math.min(key.onDemandRotations ?? 0, 10); i++)
      await kms(`rotation of ${alias0(key)}`, 'RotateKeyOnDemand', { KeyId: id })
  }

  for (const bucket of scenario.buckets) {
    await s3(`bucket ${bucket.name}`, 'PUT', path(bucket.name))
    if (bucket.encryption) {
      const e = bucket.encryption
      const rule: XmlNode[] = [
        [
          'ApplyServerSideEncryptionByDefault',
          [
            ['SSEAlgorithm', e.algorithm],
            ['KMSMasterKeyID', e.kmsMasterKeyId === undefined ? undefined : swap(e.kmsMasterKeyId)],
          ],
        ],
        ['BucketKeyEnabled', e.bucketKeyEnabled],
        ['BlockedEncryptionTypes', e.blocked?.map((t): XmlNode => ['EncryptionType', t])],
      ]
      await s3(
        `default encryption of ${bucket.name}`,
        'PUT',
        `${path(bucket.name)}?encryption`,
        xmlDocument('ServerSideEncryptionConfiguration', [['Rule', rule]]),
      )
    }
    if (bucket.cors) {
      const rules = bucket.cors.map((r): XmlNode => [
        'CORSRule',
        [
          ['ID', r.id],
          ...r.allowedHeaders.map((h): XmlNode => ['AllowedHeader', h]),
          ...r.allowedMethods.map((h): XmlNode => ['AllowedMethod', h]),
          ...r.allowedOrigins.map((h): XmlNode => ['AllowedOrigin', h]),
          ...r.exposeHeaders.map((h): XmlNode => ['ExposeHeader', h]),
          ['MaxAgeSeconds', r.maxAgeSeconds],
        ],
      ])
      await s3(`CORS of ${bucket.name}`, 'PUT', `${path(bucket.name)}?cors`, xmlDocument('CORSConfiguration', rules))
    }
    if (bucket.versioning) {
      const doc = xmlDocument('VersioningConfiguration', [['Status', bucket.versioning]])
      await s3(`versioning of ${bucket.name}`, 'PUT', `${path(bucket.name)}?versioning`, doc)
    }
    for (const object of bucket.objects) {
      const body = object.base64 !== undefined ? fromBase64(object.base64) : utf8(placeholderBody(object.size))
      if (!body) {
        problems.push(`s3://${bucket.name}/${object.key}: its contents are not valid base64`)
        continue
      }
      const headers: Record<string, string> = {
        ...sseHeaders(object.sse, swap),
        ...(object.contentType ? { 'content-type': object.contentType } : {}),
      }
      for (const [k, v] of Object.entries(object.metadata ?? {})) headers[`x-amz-meta-${k}`] = v
      await s3(`s3://${bucket.name}/${object.key}`, 'PUT', path(bucket.name, object.key), body, headers)
    }
  }

  for (const bucket of scenario.buckets)
    if (bucket.policy) await s3(`policy of ${bucket.name}`, 'PUT', `${path(bucket.name)}?policy`, swap(bucket.policy))
  for (const key of scenario.keys) {
    const id = keyIds[key.ref]
    if (!id) continue
    if (key.policy)
      await kms(`key policy of ${alias0(key)}`, 'PutKeyPolicy', {
        KeyId: id,
        PolicyName: 'default',
        Policy: swap(key.policy),
        BypassPolicyLockoutSafetyCheck: true,
      })
    if (key.state === 'Disabled') await kms(`disable ${alias0(key)}`, 'DisableKey', { KeyId: id })
    if (key.state === 'PendingDeletion')
      await kms(`delete ${alias0(key)}`, 'ScheduleKeyDeletion', {
        KeyId: id,
        PendingWindowInDays: key.deletionWindowInDays ?? 30,
      })
  }
  emulator.cloudtrail.replaceWith([], [])

  const session = scenario.session
  applySession(
    {
      ...session,
      history: session.history.map(swap),
      env: Object.fromEntries(Object.entries(session.env).map(([k, v]) => [k, swap(v)])),
    },
    shell,
  )
  return { keyIds, problems }
}

const alias0 = (key: Scenario['keys'][number]) => key.aliases[0] ?? key.ref

function sseHeaders(sse: ScenarioSse, swap: (s: string) => string): Record<string, string> {
  if (sse.algorithm === 'AES256') return { 'x-amz-server-side-encryption': 'AES256' }
  return {
    'x-amz-server-side-encryption': sse.algorithm,
    ...(sse.key !== 'aws/s3' ? { 'x-amz-server-side-encryption-aws-kms-key-id': swap(sse.key) } : {}),
    ...(sse.bucketKey ? { 'x-amz-server-side-encryption-bucket-key-enabled': 'true' } : {}),
    ...(sse.context ? { 'x-amz-server-side-encryption-context': toBase64(utf8(JSON.stringify(sse.context))) } : {}),
  }
}

/**
 * A scenario rebuilt on a fresh emulator and shell, as save text: the browser puts it in place of the
 * live playground (Persistence.replaceWith), so opening a link goes through the same checked restore as
 * an import.
 */
export async function scenarioToSave(
  scenario: Scenario,
  now = new Date(),
): Promise<{ saved: SavedPlayground; report: ReplayReport }> {
  const emulator = createEmulator()
  const shell = { vfs: new Vfs(), env: {}, history: [], aws: { config: {} } } as unknown as SessionShell
  const report = await replayScenario(scenario, emulator, shell)
  return { saved: capturePlayground(emulator, shell, now), report }
}
