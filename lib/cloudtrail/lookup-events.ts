/** CloudTrail LookupEvents over the emulator's event history. */
import { fromBase64, fromUtf8, toBase64, utf8 } from '../crypto/bytes'
import { DAY_MS } from '../kms/model'
import { CloudTrailError } from './errors'
import type { CloudTrailRecord } from './record'
import type { CloudTrail, TrailEntry } from './trail'

export interface LookupAttribute {
  AttributeKey: string
  AttributeValue: string
}

export interface LookupEventsInput {
  LookupAttributes?: LookupAttribute[]
  StartTime?: Date
  EndTime?: Date
  EventCategory?: string
  MaxResults?: number
  NextToken?: string
}

/** Event history covers the last 90 days. */
export const HISTORY_DAYS = 90

const MATCHERS: Record<string, (r: CloudTrailRecord, value: string) => boolean> = {
  EventId: (r, v) => r.eventID === v,
  EventName: (r, v) => r.eventName === v,
  ReadOnly: (r, v) => String(r.readOnly) === v,
  Username: (r, v) => r.userIdentity.userName === v,
  ResourceType: (r, v) => (r.resources ?? []).some((res) => res.type === v),
  ResourceName: (r, v) => (r.resources ?? []).some((res) => res.ARN === v),
  EventSource: (r, v) => r.eventSource === v,
  AccessKeyId: (r, v) => r.userIdentity.accessKeyId === v,
}

const token = (e: TrailEntry) => toBase64(utf8(`${e.at}:${e.seq}`))

function afterToken(text: string): { at: number; seq: number } {
  const decoded = fromBase64(text)
  const match = decoded && /^(\d+):(\d+)$/.exec(fromUtf8(decoded))
  if (!match) throw new CloudTrailError('InvalidNextTokenException', 'The NextToken is not valid.')
  return { at: Number(match[1]), seq: Number(match[2]) }
}

function filterFor(input: LookupEventsInput): (r: CloudTrailRecord) => boolean {
  const attributes = input.LookupAttributes ?? []
  if (attributes.length > 1)
    throw new CloudTrailError('InvalidLookupAttributesException', 'LookupAttributes can contain only one attribute.')
  const attribute = attributes[0]
  if (!attribute) return () => true
  const matcher = MATCHERS[attribute.AttributeKey]
  if (!matcher) {
    throw new CloudTrailError(
      'InvalidLookupAttributesException',
      `AttributeKey must be one of: ${Object.keys(MATCHERS).join(', ')}.`,
    )
  }
  if (attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > 2000) {
    throw new CloudTrailError('InvalidLookupAttributesException', 'AttributeValue must be 1 to 2000 characters long.')
  }
  return (r) => matcher(r, attribute.AttributeValue)
}

/**
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 * Newest first; at most one lookup attribute; MaxResults 1-50 (default 50); NextToken pages on.
 */
export function lookupEvents(trail: CloudTrail, input: LookupEventsInput, now: Date) {
  const max = input.MaxResults ?? 50
  if (!Number.isInteger(max) || max < 1 || max > 50)
    throw new CloudTrailError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.')
  if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
    throw new CloudTrailError('InvalidEventCategoryException', 'EventCategory must be insight.')
  }
  const oldest = now.getTime() - HISTORY_DAYS * DAY_MS
  const start = Math.max(input.StartTime?.getTime() ?? oldest, oldest)
  const end = input.EndTime?.getTime() ?? now.getTime()
  if (input.StartTime && input.EndTime && input.StartTime.getTime() > input.EndTime.getTime()) {
    throw new CloudTrailError('InvalidTimeRangeException', 'StartTime must be before EndTime.')
  }
  const matches = filterFor(input)
  const after = input.NextToken !== undefined ? afterToken(input.NextToken) : undefined
  // Insights events are not simulated: the playground has none.
  const candidates = input.EventCategory === 'insight' ? [] : trail.newestFirst()
  const selected = candidates.filter(
    (e) =>
      e.at >= start &&
      e.at <= end &&
      (!after || e.at < after.at || (e.at === after.at && e.seq < after.seq)) &&
      matches(e.record),
  )
  const page = selected.slice(0, max)
  return {
    Events: page.map(({ record: r }) => ({
      EventId: r.eventID,
      EventName: r.eventName,
      ReadOnly: String(r.readOnly),
      ...(r.userIdentity.accessKeyId ? { AccessKeyId: r.userIdentity.accessKeyId } : {}),
      EventTime: new Date(r.eventTime),
      EventSource: r.eventSource,
      ...(r.userIdentity.userName ? { Username: r.userIdentity.userName } : {}),
      Resources: (r.resources ?? []).map((res) => ({ ResourceType: res.type, ResourceName: res.ARN })),
      CloudTrailEvent: JSON.stringify(r),
    })),
    ...(selected.length > max ? { NextToken: token(page[page.length - 1]!) } : {}),
  }
}
