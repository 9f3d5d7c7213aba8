/** The sentences goals show. Kept apart from goals.ts, which reads the emulator, so a page can show them before the emulator loads. */
import type { Goal, KeyRef } from './types'

export const SSE_NAMES: Record<string, string> = {
  AES256: 'SSE-S3',
  'aws:kms': 'SSE-KMS',
  'aws:kms:dsse': 'DSSE-KMS',
  'SSE-C': 'SSE-C',
}
export const keyName = (ref: KeyRef) =>
  ref === 'aws/s3' ? 'the AWS managed key aws/s3' : ref.startsWith('$') ? `the key in ${ref}` : ref

/** The sentence a goal shows, e.g. "testfile.txt in my-s3-bucket is SSE-KMS under alias/demo". */
export function goalLabel(goal: Goal): string {
  if (goal.label) return goal.label
  switch (goal.kind) {
    case 'bucket':
      return `Bucket ${goal.bucket} exists`
    case 'object': {
      const how = goal.sse
        ? ` is ${SSE_NAMES[goal.sse]}${goal.kmsKey ? ` under ${keyName(goal.kmsKey)}` : ''}${goal.bucketKey ? ' with a Bucket Key' : ''}`
        : ' exists'
      const meta = goal.metadata?.length ? ` and carries ${goal.metadata.join(', ')} metadata` : ''
      return `${goal.key} in ${goal.bucket}${how}${meta}`
    }
    case 'bucket-encryption': {
      const blocked = goal.blocked ? `, blocking ${goal.blocked.join(', ')}` : ''
      return `${goal.bucket} defaults to ${SSE_NAMES[goal.sse]}${goal.kmsKey ? ` under ${keyName(goal.kmsKey)}` : ''}${goal.bucketKey ? ' with Bucket Keys' : ''}${blocked}`
    }
    case 'bucket-policy':
      return `${goal.bucket} has a bucket policy${goal.effect ? ` with a ${goal.effect} statement` : ''}${goal.conditionKey ? ` on ${goal.conditionKey}` : ''}`
    case 'bucket-versioning':
      return `${goal.bucket} has versioning ${goal.status}`
    case 'versions': {
      const n = goal.atLeast ?? 1
      const old = goal.noncurrent
        ? `, an older one still ${goal.noncurrent.sse ? SSE_NAMES[goal.noncurrent.sse] : 'encrypted'}${goal.noncurrent.kmsKey ? ` under ${keyName(goal.noncurrent.kmsKey)}` : ''}`
        : ''
      return `${goal.key} in ${goal.bucket} has ${n > 1 ? `${n} versions` : 'a version'}${old}`
    }
    case 'kms-key': {
      const parts = [
        goal.state && `is ${goal.state}`,
        goal.rotation !== undefined && `has automatic rotation ${goal.rotation ? 'on' : 'off'}`,
      ].filter(Boolean)
      return `${keyName(goal.key)} ${parts.length ? parts.join(' and ') : 'exists'}`
    }
    case 'kms-alias':
      return `Alias ${goal.alias} exists${goal.key ? ` and names ${keyName(goal.key)}` : ''}`
    case 'cloudtrail': {
      const n = goal.atLeast ?? 1
      const by = goal.invokedBy ? ` made by ${goal.invokedBy}` : ''
      const failed = goal.errorCode ? ` failing with ${goal.errorCode}` : ''
      return `CloudTrail has ${n > 1 ? `${n} ` : 'a '}${goal.eventName} event${n > 1 ? 's' : ''}${by}${failed}`
    }
    case 'file':
      return goal.sameAs
        ? `${goal.path} has the same bytes as ${goal.sameAs}`
        : goal.startsWith
          ? `${goal.path} starts with ${goal.startsWith}`
          : `File ${goal.path} exists`
    case 'shell-var':
      return `Shell variable $${goal.name} is set`
    case 'ran':
      return goal.label
  }
}
