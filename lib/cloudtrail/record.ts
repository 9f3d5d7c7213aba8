/**
 * CloudTrail records for KMS calls, in the shape AWS writes them (KMS developer guide, "Logging AWS KMS API
 * calls with AWS CloudTrail"): the playground user's own calls, S3's calls on the user's behalf (invokedBy and
 * sourceIPAddress `s3.amazonaws.com`), and KMS's scheduled RotateKey / DeleteKey service events.
 * Plaintext and ciphertext are never logged; responseElements is null for read-only calls, as on AWS.
 */
import type { KmsAuditRecord } from '../kms/audit'
import { PLAYGROUND_PRINCIPAL_ID, PLAYGROUND_USER_NAME, playgroundUserArn } from '../kms/principal'

export const EVENT_VERSION = '1.11'
export const KMS_EVENT_SOURCE = 'kms.amazonaws.com'

export interface CloudTrailResource {
  accountId: string
  type: string
  ARN: string
}

export interface CloudTrailRecord {
  eventVersion: string
  userIdentity: Record<string, string>
  eventTime: string
  eventSource: string
  eventName: string
  awsRegion: string
  sourceIPAddress: string
  userAgent: string
  errorCode?: string
  errorMessage?: string
  requestParameters: Record<string, unknown> | null
  responseElements: Record<string, unknown> | null
  additionalEventData?: Record<string, unknown>
  requestID: string
  eventID: string
  readOnly: boolean
  resources?: CloudTrailResource[]
  eventType: 'AwsApiCall' | 'AwsServiceEvent'
  managementEvent: boolean
  recipientAccountId: string
  eventCategory: 'Management'
}

/** CloudTrail's eventTime: ISO 8601 to the second. */
export const eventTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

/** API members in CloudTrail's spelling (keyId, encryptionContext); byte fields dropped; context maps kept verbatim. */
function toLogged(value: unknown, verbatim = false): unknown {
  if (value instanceof Uint8Array) return undefined
  if (value instanceof Date) return eventTime(value)
  if (Array.isArray(value)) return value.map((v) => toLogged(v))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [name, member] of Object.entries(value)) {
    const logged = toLogged(member, name.endsWith('EncryptionContext'))
    if (logged !== undefined) out[verbatim ? name : lowerFirst(name)] = logged
  }
  return out
}

export interface RecordSettings {
  region: string
  account: string
  eventId: string
}

export function toCloudTrailRecord(
  audit: KmsAuditRecord,
  { region, account, eventId }: RecordSettings,
): CloudTrailRecord {
  const caller = audit.caller
  const serviceEvent = caller === undefined
  const userIdentity: Record<string, string> = serviceEvent
    ? { accountId: account, invokedBy: KMS_EVENT_SOURCE }
    : {
        type: 'IAMUser',
        principalId: PLAYGROUND_PRINCIPAL_ID,
        arn: playgroundUserArn(account),
        accountId: account,
        ...(caller.accessKeyId ? { accessKeyId: caller.accessKeyId } : {}),
        userName: PLAYGROUND_USER_NAME,
        ...(caller.invokedBy ? { invokedBy: caller.invokedBy } : {}),
      }
  const loggedResponse =
    !serviceEvent && !audit.readOnly && !audit.error && audit.response
      ? (toLogged(audit.response) as Record<string, unknown>)
      : null
  return {
    eventVersion: EVENT_VERSION,
    userIdentity,
    eventTime: eventTime(audit.time),
    eventSource: KMS_EVENT_SOURCE,
    eventName: audit.eventName,
    awsRegion: region,
    sourceIPAddress: serviceEvent ? KMS_EVENT_SOURCE : (caller.sourceIp ?? '127.0.0.1'),
    userAgent: serviceEvent ? KMS_EVENT_SOURCE : (caller.userAgent ?? 'unknown'),
    ...(audit.error
      ? { errorCode: audit.error.code, ...(audit.error.message ? { errorMessage: audit.error.message } : {}) }
      : {}),
    requestParameters: audit.request ? (toLogged(audit.request) as Record<string, unknown>) : null,
    responseElements: loggedResponse && Object.keys(loggedResponse).length ? loggedResponse : null,
    ...(audit.additional ? { additionalEventData: audit.additional } : {}),
    requestID: audit.requestId,
    eventID: eventId,
    readOnly: audit.readOnly,
    ...(audit.keys.length
      ? { resources: audit.keys.map((k) => ({ accountId: account, type: 'AWS::KMS::Key', ARN: k.arn })) }
      : {}),
    eventType: serviceEvent ? 'AwsServiceEvent' : 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
  }
}
