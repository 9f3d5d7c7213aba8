/** GetObject, HeadObject and DeleteObject. */
import { invalidArgument, invalidPart, invalidRequest, noSuchKey } from '../errors'
import type { StoredObject } from '../model'
import { objectKeys, readPlaintext } from '../object-data'
import type { DataKeys } from '../seal'
import { checkConditions, type Conditions } from '../preconditions'
import { parseRange, type ByteRange } from '../range'
import { checkReadHeaders, sseHeaderNotSupported } from '../sse/read'
import { customerHeaders, type SseRequest } from '../sse/request'
import type { S3State } from '../state'
import { transportOf, type RequestInfo } from './put-object'

export interface ReadInput {
  bucket: string
  key: string
  range?: string
  /** GET/HEAD ?partNumber=N. */
  partNumber?: string
  conditions: Conditions
  sse: SseRequest
}

export interface ReadChecked {
  object: StoredObject
  /** The SSE-C key, for SSE-C objects. */
  customerKey?: Uint8Array
}

/** Finds the object and checks the request's encryption headers and conditions, as GET and HEAD share them. */
export async function findForRead(s3: S3State, input: ReadInput, req: RequestInfo): Promise<ReadChecked> {
  const object = s3.bucket(input.bucket).objects.get(input.key)
  if (!object) throw noSuchKey(input.key)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported()
  const customerKey = await checkReadHeaders(object.sse, customerHeaders(input.sse), transportOf(s3, req))
  checkConditions(object, input.conditions)
  return { object, ...(customerKey ? { customerKey } : {}) }
}

export interface PartSelection {
  number: number
  count: number
  range: ByteRange
}

/**
 * ?partNumber=N: the bytes of part N of a multipart object; part 1 is a whole single-part object.
 * Out of range is 400 InvalidPart (reference §2.3 R11). Simulation note: the reference's evidence is
 * ceph/s3-tests; AWS may answer 416 InvalidPartNumber instead.
 */
export function selectPart(object: StoredObject, partNumber: string | undefined): PartSelection | undefined {
  if (partNumber === undefined) return undefined
  const n = Number(partNumber)
  if (!/^\d+$/.test(partNumber) || n < 1 || n > 10000) throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', partNumber)
  const parts = object.parts ?? [{ partNumber: 1, size: object.size }]
  if (n > parts.length) throw invalidPart({ PartNumber: partNumber })
  const start = parts.slice(0, n - 1).reduce((sum, p) => sum + p.size, 0)
  return { number: n, count: parts.length, range: { start, end: start + parts[n - 1]!.size - 1 } }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
export async function headObject(s3: S3State, input: ReadInput, req: RequestInfo): Promise<ReadChecked & { part?: PartSelection }> {
  const checked = await findForRead(s3, input, req)
  const part = selectPart(checked.object, input.partNumber)
  return { ...checked, ...(part ? { part } : {}) }
}

export interface GetObjectResult {
  object: StoredObject
  body: Uint8Array
  /** The object's opened data keys: reading its encrypted checksum reuses them instead of asking KMS again. */
  keys: DataKeys
  range?: ByteRange
  part?: PartSelection
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export async function getObject(s3: S3State, input: ReadInput, req: RequestInfo): Promise<GetObjectResult> {
  const { object, customerKey } = await findForRead(s3, input, req)
  if (input.partNumber !== undefined && input.range !== undefined) throw invalidRequest('Cannot specify both Range header and partNumber query parameter')
  const part = selectPart(object, input.partNumber)
  const range = part ? undefined : parseRange(input.range, object.size)
  // One GetObject is one KMS Decrypt for a KMS object, whatever else the response carries.
  const keys = await objectKeys(s3, input.bucket, object, req, customerKey)
  const plain = await readPlaintext(s3, input.bucket, object, req, customerKey, keys)
  const slice = part?.range ?? range
  return { object, keys, body: slice ? plain.subarray(slice.start, slice.end + 1) : plain, ...(range ? { range } : {}), ...(part ? { part } : {}) }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html (204 whether or not the key existed) */
export function deleteObject(s3: S3State, bucket: string, key: string): void {
  s3.bucket(bucket).objects.delete(key)
}
