/**
 * Lesson goals, checked against the emulator's state, the learner's files and shell variables. The same
 * function runs in the page (ticking goals as the learner works) and in Node (the content test proves each
 * lesson's solution meets its goals). Checks read state directly and never call KMS, so checking a goal
 * never adds a CloudTrail event or creates the `aws/s3` key.
 */
import { fromUtf8 } from '../crypto/bytes'
import type { Emulator } from '../emulator/create-emulator'
import { resolveKey } from '../kms/identifiers'
import type { KmsKey } from '../kms/model'
import type { FileSystem } from '../cli/shell/vfs'
import { goalLabel, keyName, SSE_NAMES } from './goal-labels'
import { meetsRanGoal, parseAwsCommands } from './ran-command'
import type { Goal, KeyRef } from './types'
import { isDeleteMarker, type StoredObject } from '../s3/model'
import { versionsOf } from '../s3/versions'

export { goalLabel }

/** What goals look at: the emulator's services, and the learner's shell. */
export interface GoalWorld {
  emulator: Pick<Emulator, 's3' | 'kms' | 'cloudtrail'>
  files: Pick<FileSystem, 'isFile' | 'read'>
  env: Record<string, string | undefined>
  /** The terminal's history, oldest first. */
  history: readonly string[]
}

export interface GoalResult {
  met: boolean
  label: string
  /** Why it is not met yet, in the learner's terms. */
  detail?: string
}

/** The KMS key a reference names now, or why none: never creates the AWS managed key. */
export function findKey(world: GoalWorld, ref: KeyRef): KmsKey | string {
  let given = ref === 'aws/s3' ? 'alias/aws/s3' : ref
  if (given.startsWith('$')) {
    const value = world.env[given.slice(1)]
    if (!value) return `$${given.slice(1)} is not set in the terminal`
    given = value.trim()
  }
  try {
    return resolveKey(world.emulator.kms.state, given, 'any')
  } catch {
    return `no KMS key ${keyName(ref)} (yet)`
  }
}

function checkKey(world: GoalWorld, ref: KeyRef | undefined, arn: string | undefined): string | undefined {
  if (!ref) return undefined
  const key = findKey(world, ref)
  if (typeof key === 'string') return key
  if (arn === key.arn || arn === key.id) return undefined
  if (!arn) return `no KMS key is set (expected ${keyName(ref)})`
  // A default set as an alias counts when the alias names the expected key.
  const other = findKey(world, arn)
  return typeof other !== 'string' && other.arn === key.arn ? undefined : `it uses ${arn}, not ${keyName(ref)}`
}

const result = (goal: Goal, detail?: string): GoalResult => ({
  met: detail === undefined,
  label: goalLabel(goal),
  ...(detail ? { detail } : {}),
})

export function evaluateGoal(goal: Goal, world: GoalWorld): GoalResult {
  return result(goal, problem(goal, world))
}

export const evaluateGoals = (goals: Goal[], world: GoalWorld): GoalResult[] => goals.map((g) => evaluateGoal(g, world))

/** Undefined when the goal holds; otherwise what is missing. */
function problem(goal: Goal, world: GoalWorld): string | undefined {
  const { s3, kms, cloudtrail } = world.emulator
  switch (goal.kind) {
    case 'bucket':
      return s3.buckets.has(goal.bucket) ? undefined : `there is no bucket ${goal.bucket} yet`
    case 'object': {
      const bucket = s3.buckets.get(goal.bucket)
      if (!bucket) return `there is no bucket ${goal.bucket} yet`
      const object = bucket.objects.get(goal.key)
      if (!object) return `there is no object ${goal.key} in ${goal.bucket} yet`
      if (goal.sse && object.sse.algorithm !== goal.sse)
        return `it is ${SSE_NAMES[object.sse.algorithm]}, not ${SSE_NAMES[goal.sse]}`
      if (goal.kmsKey || goal.bucketKey !== undefined) {
        if (object.sse.algorithm !== 'aws:kms' && object.sse.algorithm !== 'aws:kms:dsse')
          return 'it is not encrypted under a KMS key'
        const wrong = checkKey(world, goal.kmsKey, object.sse.keyArn)
        if (wrong) return wrong
        if (goal.bucketKey !== undefined && object.sse.bucketKey !== goal.bucketKey)
          return goal.bucketKey ? 'it was written without a Bucket Key' : 'it was written with a Bucket Key'
      }
      const missing = goal.metadata?.filter((m) => !(m.toLowerCase() in object.metadata))
      return missing?.length ? `it has no ${missing.join(', ')} metadata` : undefined
    }
    case 'bucket-encryption': {
      const bucket = s3.buckets.get(goal.bucket)
      if (!bucket) return `there is no bucket ${goal.bucket} yet`
      const rule = bucket.encryption
      if (rule.algorithm !== goal.sse) return `its default is ${SSE_NAMES[rule.algorithm]}`
      const wrong = checkKey(world, goal.kmsKey, rule.kmsMasterKeyId)
      if (wrong) return `the default key: ${wrong}`
      if (goal.bucketKey !== undefined && rule.bucketKeyEnabled !== goal.bucketKey)
        return `BucketKeyEnabled is ${rule.bucketKeyEnabled}`
      if (goal.blocked && [...(rule.blocked ?? [])].sort().join() !== [...goal.blocked].sort().join())
        return `BlockedEncryptionTypes is ${rule.blocked?.join(', ') ?? 'absent'}`
      return undefined
    }
    case 'bucket-policy': {
      const bucket = s3.buckets.get(goal.bucket)
      if (!bucket) return `there is no bucket ${goal.bucket} yet`
      if (!bucket.policy) return `${goal.bucket} has no bucket policy yet`
      const wanted = goal.conditionKey?.toLowerCase()
      const ok = bucket.policy.statements.some(
        (s) => (!goal.effect || s.effect === goal.effect) && (!wanted || s.conditions.some((c) => c.key === wanted)),
      )
      return ok ? undefined : 'the policy has no such statement'
    }
    case 'bucket-versioning': {
      const bucket = s3.buckets.get(goal.bucket)
      if (!bucket) return `there is no bucket ${goal.bucket} yet`
      return bucket.versioning === goal.status ? undefined : `its versioning is ${bucket.versioning ?? 'never enabled'}`
    }
    case 'versions': {
      const bucket = s3.buckets.get(goal.bucket)
      if (!bucket) return `there is no bucket ${goal.bucket} yet`
      const all = versionsOf(bucket, goal.key).filter((v): v is StoredObject => !isDeleteMarker(v))
      if (all.length < (goal.atLeast ?? 1)) return `it has ${all.length} version${all.length === 1 ? '' : 's'}`
      const want = goal.noncurrent
      if (!want) return undefined
      const current = bucket.objects.get(goal.key)
      const older = all.filter((v) => v !== current)
      const match = older.some(
        (v) =>
          (!want.sse || v.sse.algorithm === want.sse) &&
          (!want.kmsKey || ('keyArn' in v.sse && checkKey(world, want.kmsKey, v.sse.keyArn) === undefined)),
      )
      return match ? undefined : 'no older version is encrypted that way'
    }
    case 'kms-key': {
      const key = findKey(world, goal.key)
      if (typeof key === 'string') return key
      if (goal.state && key.state !== goal.state) return `it is ${key.state}`
      if (goal.rotation !== undefined && key.rotation.enabled !== goal.rotation)
        return `automatic rotation is ${key.rotation.enabled ? 'on' : 'off'}`
      return undefined
    }
    case 'kms-alias': {
      const alias = kms.state.aliases.get(goal.alias)
      if (!alias) return `there is no alias ${goal.alias} yet`
      if (!goal.key) return undefined
      const key = findKey(world, goal.key)
      if (typeof key === 'string') return key
      return alias.targetKeyId === key.id ? undefined : `it names ${alias.targetKeyId}`
    }
    case 'cloudtrail': {
      const n = cloudtrail
        .records()
        .filter(
          (r) =>
            r.eventName === goal.eventName &&
            (!goal.invokedBy || r.userIdentity.invokedBy === goal.invokedBy) &&
            (goal.errorCode ? r.errorCode === goal.errorCode : true),
        ).length
      const want = goal.atLeast ?? 1
      return n >= want ? undefined : `${n} so far`
    }
    case 'file': {
      if (!world.files.isFile(goal.path)) return `there is no file ${goal.path} yet`
      const bytes = world.files.read(goal.path)
      if (goal.sameAs) {
        if (!world.files.isFile(goal.sameAs)) return `there is no file ${goal.sameAs} yet`
        const other = world.files.read(goal.sameAs)
        return other.length === bytes.length && other.every((b, i) => b === bytes[i]) ? undefined : 'the files differ'
      }
      if (goal.startsWith && fromUtf8(bytes.subarray(0, goal.startsWith.length)) !== goal.startsWith)
        return `it does not start with ${goal.startsWith}`
      return undefined
    }
    case 'shell-var':
      return world.env[goal.name] ? undefined : `$${goal.name} is not set`
    case 'ran':
      return world.history.some((line) =>
        parseAwsCommands(line, world.env, world.files).some((c) => meetsRanGoal(c, goal, world.files)),
      )
        ? undefined
        : 'not run yet'
  }
}
