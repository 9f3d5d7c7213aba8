/**
 * Per-key request counts from the event history, and an estimated cost from public KMS pricing
 * (pricing.ts). This is what a learner's choices cost: e.g. SSE-KMS without S3 Bucket Keys makes one
 * KMS request per object PUT and GET.
 *
 * Simulation note: an estimate, not a bill. Only successful API requests are counted as billable; the
 * free tier (20,000 requests a month, account-wide) is shown for the account, not per key; key-months run
 * from creation to now (or to when deletion was scheduled) by the emulator's clock.
 */
import type { KmsKey } from '../kms/model'
import type { KmsState } from '../kms/state'
import { KMS_PRICING } from './pricing'
import type { CloudTrail } from './trail'

export interface KeyUsage {
  keyArn: string
  /** undefined once the key has been deleted. */
  keyManager?: 'AWS' | 'CUSTOMER'
  /** API calls naming this key, successful or not (service events excluded). */
  requests: number
  billableRequests: number
  /** Of those, made by S3 on the user's behalf. */
  requestsByS3: number
  byOperation: Record<string, number>
  requestCostUsd: number
  keyStorageCostUsd: number
  estimatedCostUsd: number
}

const HOUR_MS = 3_600_000

function storageCost(key: KmsKey | undefined, now: Date): number {
  if (!key || key.manager !== 'CUSTOMER') return 0
  const end = (key.deletion?.scheduled ?? now).getTime()
  const months = (from: Date) => Math.max(0, end - from.getTime()) / HOUR_MS / KMS_PRICING.hoursPerMonth
  const rotations = key.materials.filter((m) => m.rotationType).slice(0, KMS_PRICING.chargedRotations)
  return (
    months(key.created) * KMS_PRICING.keyPerMonthUsd +
    rotations.reduce((sum, m) => sum + months(m.created) * KMS_PRICING.rotationPerMonthUsd, 0)
  )
}

/** One row per key that exists or appears in the event history. */
export function keyUsage(trail: CloudTrail, kms: KmsState, now: Date = kms.now()): KeyUsage[] {
  const rows = new Map<string, KeyUsage>()
  const row = (arn: string): KeyUsage => {
    let r = rows.get(arn)
    if (!r) {
      r = {
        keyArn: arn,
        requests: 0,
        billableRequests: 0,
        requestsByS3: 0,
        byOperation: {},
        requestCostUsd: 0,
        keyStorageCostUsd: 0,
        estimatedCostUsd: 0,
      }
      rows.set(arn, r)
    }
    return r
  }
  for (const key of kms.keys.values()) row(key.arn)
  for (const record of trail.records()) {
    if (record.eventType !== 'AwsApiCall') continue
    for (const resource of record.resources ?? []) {
      const r = row(resource.ARN)
      r.requests++
      if (!record.errorCode) r.billableRequests++
      if (record.userIdentity.invokedBy === 's3.amazonaws.com') r.requestsByS3++
      r.byOperation[record.eventName] = (r.byOperation[record.eventName] ?? 0) + 1
    }
  }
  const byArn = new Map([...kms.keys.values()].map((k) => [k.arn, k]))
  return [...rows.values()].map((r) => {
    const key = byArn.get(r.keyArn)
    const requestCostUsd = (r.billableRequests / 10_000) * KMS_PRICING.requestsUsdPer10k
    const keyStorageCostUsd = storageCost(key, now)
    return {
      ...r,
      ...(key ? { keyManager: key.manager } : {}),
      requestCostUsd,
      keyStorageCostUsd,
      estimatedCostUsd: requestCostUsd + keyStorageCostUsd,
    }
  })
}

/** The account view: total billable requests, those beyond the monthly free tier, and the estimate. */
export function accountUsage(rows: readonly KeyUsage[]) {
  const billableRequests = rows.reduce((n, r) => n + r.billableRequests, 0)
  const beyondFreeTier = Math.max(0, billableRequests - KMS_PRICING.freeRequestsPerMonth)
  const keyStorageCostUsd = rows.reduce((n, r) => n + r.keyStorageCostUsd, 0)
  const requestCostUsd = (beyondFreeTier / 10_000) * KMS_PRICING.requestsUsdPer10k
  return {
    billableRequests,
    beyondFreeTier,
    requestCostUsd,
    keyStorageCostUsd,
    estimatedCostUsd: requestCostUsd + keyStorageCostUsd,
  }
}
