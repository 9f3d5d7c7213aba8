/**
 * CloudTrail over the AWS JSON 1.1 protocol (`X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>`),
 * so `aws cloudtrail lookup-events` and @aws-sdk/client-cloudtrail can read the emulator's KMS audit trail.
 * Only LookupEvents is served.
 */
import { CloudTrailError } from '../../cloudtrail/errors'
import { lookupEvents, type LookupEventsInput } from '../../cloudtrail/lookup-events'
import type { CloudTrail } from '../../cloudtrail/trail'
import { uuidV4 } from '../../crypto/uuid'
import { decodeInput, SerializationError, validationMessage, type StructureShape } from '../json/shapes'
import { jsonError, jsonResponse } from '../json/respond'
import { readJsonObject, type Dispatched } from '../kms/dispatch'

export const CLOUDTRAIL_TARGET_PREFIX = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.'
const SHORT_TARGET_PREFIX = 'CloudTrail_20131101.'

const LOOKUP_EVENTS: StructureShape = {
  type: 'structure',
  members: {
    LookupAttributes: {
      type: 'list',
      member: {
        type: 'structure',
        members: { AttributeKey: { type: 'string' }, AttributeValue: { type: 'string' } },
        required: ['AttributeKey', 'AttributeValue'],
      },
    },
    StartTime: { type: 'timestamp' },
    EndTime: { type: 'timestamp' },
    EventCategory: { type: 'string' },
    MaxResults: { type: 'integer' },
    NextToken: { type: 'string' },
  },
}

export interface CloudTrailDeps {
  trail: CloudTrail
  now: () => Date
  /** Brings the history up to date with the clock first (KMS's scheduled RotateKey / DeleteKey events). */
  catchUp: () => void
  random: (n: number) => Uint8Array
}

export async function handleCloudTrail(deps: CloudTrailDeps, request: Request): Promise<Dispatched> {
  const requestId = uuidV4(deps.random)
  const target = request.headers.get('x-amz-target') ?? ''
  // botocore sends the long target; the JavaScript SDK sends the short `CloudTrail_20131101.<Operation>`.
  const operation = target.startsWith(CLOUDTRAIL_TARGET_PREFIX)
    ? target.slice(CLOUDTRAIL_TARGET_PREFIX.length)
    : target.startsWith(SHORT_TARGET_PREFIX)
      ? target.slice(SHORT_TARGET_PREFIX.length)
      : 'Unknown'
  const fail = (code: string, message: string, status = 400): Dispatched => ({
    response: jsonError(code, message, requestId, status),
    operation,
    requestId,
  })
  if (operation !== 'LookupEvents') {
    return /^[A-Z][A-Za-z]+$/.test(operation) && operation !== 'Unknown'
      ? fail(
          'UnsupportedOperationException',
          `${operation} is not supported by the playground's CloudTrail emulator: only LookupEvents is.`,
        )
      : fail('UnknownOperationException', '')
  }
  try {
    const { input, violations } = decodeInput(LOOKUP_EVENTS, await readJsonObject(request))
    if (violations.length) return fail('ValidationException', validationMessage(violations))
    deps.catchUp()
    return {
      response: jsonResponse(lookupEvents(deps.trail, input as LookupEventsInput, deps.now()), requestId),
      operation,
      requestId,
    }
  } catch (error) {
    if (error instanceof SerializationError) return fail('SerializationException', error.message)
    if (error instanceof CloudTrailError) return fail(error.code, error.message, error.status)
    throw error
  }
}
