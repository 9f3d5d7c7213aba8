/**
 * What KMS reports about every call it serves, for lib/cloudtrail to turn into CloudTrail records.
 * Kept in KMS's own terms (PascalCase API members), so KMS does not depend on CloudTrail.
 */
import type { Caller } from './principal'

export interface AuditedKey {
  id: string
  arn: string
}

export interface KmsAuditRecord {
  /** The x-amzn-RequestId of the call (a UUID). */
  requestId: string
  time: Date
  /** The API operation, or RotateKey / DeleteKey for what KMS does by itself when the clock says so. */
  eventName: string
  /** Undefined for KMS's own scheduled events (automatic rotation, deletion at the end of the window). */
  caller?: Caller
  readOnly: boolean
  /** The request as the operation received it (blobs as bytes); CloudTrail drops what it never logs. */
  request?: Record<string, unknown>
  response?: Record<string, unknown>
  error?: { code: string; message: string }
  /** The keys the call used or tried to use, in order. */
  keys: AuditedKey[]
  /** CloudTrail additionalEventData, e.g. keyMaterialId. */
  additional?: Record<string, unknown>
}

export type AuditListener = (record: KmsAuditRecord) => void
