/** GetObject, HeadObject and DeleteObject. */
import { invalidArgument, invalidPart, invalidRequest } from '../errors'
import type { StoredObject } from '../model'
import { sizeText, traced } from '../../trace/trace'
import { checkStoredSizes, guardedStream, objectKeys, plaintextRange, releaseVersions } from '../object-bodies'
import { checkConditions, type Conditions } from '../preconditions'
import type { DataKeys } from '../at-rest-format'
import { parseRange, type ByteRange } from '../range'
import { checkReadHeaders, sseHeaderNotSupported } from '../sse/read'
import { customerHeaders, type SseRequest } from '../sse/request'
import type { S3State } from '../state'
import { assertKeyLength, transportOf, type RequestInfo } from './put-object'
import { deleteLatest, deleteVersion, findObjectVersion, type DeleteOutcome } from '../versions'

export interface ReadInput {
  bucket: string
  key: string
  range?: string
  /** GET/HEAD ?partNumber=N. */
  partNumber?: string
  conditions: Conditions
  sse: SseRequest
  /** ?versionId= (validated here). */
  versionId?: string
  /** GET or HEAD: how a delete marker named by id is reported (405 MethodNotAllowed names the method). */
  method?: string
}

export interface ReadChecked {
  object: StoredObject
  /** The SSE-C key, for SSE-C objects. */
  customerKey?: Uint8Array
}

/** Finds the object and checks the request's encryption headers and conditions, as GET and HEAD share them. */
export async function findForRead(s3: S3State, input: ReadInput, req: RequestInfo): Promise<ReadChecked> {
  const object = findObjectVersion(s3.bucket(input.bucket), input.key, input.versionId, input.method)
  if (input.sse.algorithm !== undefined) throw sseHeaderNotSupported()
  const customerKey = await checkReadHeaders(object.sse, customerHeaders(input.sse), transportOf(s3, req))
  checkConditions(object, input.conditions)
  return { object, ...(customerKey ? { customerKey } : {}) }
}

/** findForRead, holding the object's bodies from the moment it is found (no await in between) until `release`. */
async function findAndHold(
  s3: S3State,
  input: ReadInput,
  req: RequestInfo,
): Promise<ReadChecked & { release: () => void }> {
  const found = s3.bucket(input.bucket).objects.get(input.key)
  const release = (found && s3.blobs.retain?.(found.sealed.parts.map((p) => p.blob))) || (() => {})
  try {
    const checked = await findForRead(s3, input, req)
    // Found again after an await: if a PUT replaced it meanwhile, hold the new one instead.
    if (checked.object === found) return { ...checked, release }
    release()
    const again = s3.blobs.retain?.(checked.object.sealed.parts.map((p) => p.blob)) ?? (() => {})
    return { ...checked, release: again }
  } catch (error) {
    release()
    throw error
  }
}

export interface PartSelection {
  number: number
  count: number
  range: ByteRange
}

/**
 * ?partNumber=N: the bytes of part N of a multipart object; part 1 is a whole single-part object.
 * Out of range is 400 InvalidPart (docs/fidelity.md §2.3 R11). Simulation note: the evidence is
 * ceph/s3-tests; AWS may answer 416 InvalidPartNumber instead.
 */
export function selectPart(object: StoredObject, partNumber: string | undefined): PartSelection | undefined {
  if (partNumber === undefined) return undefined
  const n = Number(partNumber)
  if (!/^\d+$/.test(partNumber) || n < 1 || n > 10000)
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', partNumber)
  const parts = object.parts ?? [{ partNumber: 1, size: object.size }]
  if (n > parts.length) throw invalidPart({ PartNumber: partNumber })
  const start = parts.slice(0, n - 1).reduce((sum, p) => sum + p.size, 0)
  return { number: n, count: parts.length, range: { start, end: start + parts[n - 1]!.size - 1 } }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
export async function headObject(
  s3: S3State,
  input: ReadInput,
  req: RequestInfo,
): Promise<ReadChecked & { part?: PartSelection }> {
  const checked = await findForRead(s3, input, req)
  const part = selectPart(checked.object, input.partNumber)
  return { ...checked, ...(part ? { part } : {}) }
}

export interface GetObjectResult {
  object: StoredObject
  /** The plaintext, streamed; `length` bytes in all. */
  body: AsyncIterable<Uint8Array>
  length: number
  /** The object's opened data keys: reading its encrypted checksum reuses them instead of asking KMS again. */
  keys: DataKeys
  range?: ByteRange
  part?: PartSelection
}

/**
 * How much plaintext GetObject decrypts before it answers. Damage found in it is a clean 500 InternalError;
 * damage further on can only cut the response short (the status is sent by then), never yield wrong bytes.
 * Objects up to this size are therefore always answered whole or with a 500.
 */
export const READ_AHEAD_BYTES = 2 * 1024 * 1024

/** How many stored segments a read of `range` (the whole object when undefined) decrypts. */
function segmentsIn(object: StoredObject, range?: ByteRange): number {
  let count = 0
  let offset = 0
  for (const part of object.sealed.parts) {
    const size = part.size
    const per = part.format === 'seg1' ? part.segmentBytes : Math.max(1, size)
    const from = range ? Math.max(range.start - offset, 0) : 0
    const to = range ? Math.min(range.end - offset, size - 1) : size - 1
    if (!range) count += Math.max(1, Math.ceil(size / per))
    else if (to >= from && from < size) count += Math.floor(to / per) - Math.floor(from / per) + 1
    offset += size
  }
  return count
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export async function getObject(s3: S3State, input: ReadInput, req: RequestInfo): Promise<GetObjectResult> {
  const { object, customerKey, release } = await findAndHold(s3, input, req)
  try {
    return await readHeld(s3, input, req, object, customerKey, release)
  } catch (error) {
    release()
    throw error
  }
}

async function readHeld(
  s3: S3State,
  input: ReadInput,
  req: RequestInfo,
  object: StoredObject,
  customerKey: Uint8Array | undefined,
  release: () => void,
): Promise<GetObjectResult> {
  if (input.partNumber !== undefined && input.range !== undefined)
    throw invalidRequest('Cannot specify both Range header and partNumber query parameter')
  const part = selectPart(object, input.partNumber)
  const range = part ? undefined : parseRange(input.range, object.size)
  const slice = part?.range ?? range
  const keys = await objectKeys(s3, input.bucket, object, req, customerKey)
  // One GetObject is one KMS Decrypt for a KMS object, whatever else the response carries.
  // Missing, truncated or extended blobs are found before answering, wherever they are in the object.
  await checkStoredSizes(s3, object, keys)
  const iterator = guardedStream(plaintextRange(s3, input.bucket, object, keys, slice))[Symbol.asyncIterator]()
  const ahead: Uint8Array[] = []
  let aheadBytes = 0
  let done = false
  const length = slice ? slice.end - slice.start + 1 : object.size
  const layers = keys.inner ? ' · two layers (DSSE)' : ''
  const n = segmentsIn(object, slice)
  const streamed =
    length > READ_AHEAD_BYTES ? `: ${sizeText(READ_AHEAD_BYTES)} before answering, the rest as the client reads` : ''
  await traced(
    req.trace,
    'AES-256-GCM decrypt',
    `${n} segment${n === 1 ? '' : 's'} · ${sizeText(length)}${streamed}${layers}`,
    async () => {
      while (!done && aheadBytes < READ_AHEAD_BYTES) {
        const step = await iterator.next()
        if (step.done) done = true
        else {
          ahead.push(step.value)
          aheadBytes += step.value.length
        }
      }
    },
  )
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      let i = 0
      return {
        next: async () => {
          if (i < ahead.length) return { done: false, value: ahead[i++]! }
          try {
            const step = done ? { done: true as const, value: undefined } : await iterator.next()
            if (step.done) release()
            return step
          } catch (error) {
            release()
            throw error
          }
        },
        return: async () => {
          release()
          await iterator.return?.(undefined)
          return { done: true, value: undefined }
        },
      }
    },
  }
  return { object, body, length, keys, ...(range ? { range } : {}), ...(part ? { part } : {}) }
}

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html (204 whether or not the key existed).
 * Without a versionId a versioned bucket gets a delete marker; with one, that version is removed for good.
 */
export function deleteObject(s3: S3State, bucket: string, key: string, versionId?: string): DeleteOutcome {
  const b = s3.bucket(bucket)
  // A delete marker is a write: a key S3 could never store is refused, not marked.
  if (versionId === undefined && b.versioning !== undefined) assertKeyLength(key)
  const outcome =
    versionId === undefined
      ? deleteLatest(s3.options.random, b, key, s3.options.now())
      : deleteVersion(b, key, versionId)
  releaseVersions(s3, outcome.removed)
  return outcome
}
