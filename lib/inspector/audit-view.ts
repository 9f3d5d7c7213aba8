/** The Audit panel: CloudTrail's KMS events, newest first, filterable by key and by event name. */
import type { CloudTrailRecord } from '../cloudtrail/record'
import type { CloudTrail } from '../cloudtrail/trail'

export type Actor = 'S3 for you' | 'you' | 'KMS'

export interface AuditRow {
  id: string
  time: string
  eventName: string
  keyArns: string[]
  actor: Actor
  error?: string
  /** The encryption context KMS saw (S3 sets aws:s3:arn: the object ARN, or the bucket ARN with a Bucket Key). */
  context?: Record<string, string>
  record: CloudTrailRecord
}

export interface AuditFilter {
  keyArn?: string
  eventName?: string
}

function actorOf(record: CloudTrailRecord): Actor {
  if (record.eventType === 'AwsServiceEvent') return 'KMS'
  return record.userIdentity.invokedBy === 's3.amazonaws.com' ? 'S3 for you' : 'you'
}

export function auditRows(trail: CloudTrail): AuditRow[] {
  return trail.newestFirst().map(({ record }) => {
    const context = record.requestParameters?.encryptionContext as Record<string, string> | undefined
    return {
      id: record.eventID,
      time: record.eventTime,
      eventName: record.eventName,
      keyArns: (record.resources ?? []).map((r) => r.ARN),
      actor: actorOf(record),
      ...(record.errorCode ? { error: record.errorCode } : {}),
      ...(context && typeof context === 'object' ? { context } : {}),
      record,
    }
  })
}

export const filterAudit = (rows: AuditRow[], f: AuditFilter) =>
  rows.filter((r) => (!f.keyArn || r.keyArns.includes(f.keyArn)) && (!f.eventName || r.eventName === f.eventName))

/** The choices for the two filters: every key and event name that occurs. */
export function auditFacets(rows: AuditRow[]): { keyArns: string[]; eventNames: string[] } {
  return {
    keyArns: [...new Set(rows.flatMap((r) => r.keyArns))].sort(),
    eventNames: [...new Set(rows.map((r) => r.eventName))].sort(),
  }
}
