/** Object operations: PutObject, GetObject, HeadObject, DeleteObject. */
import { md5Hex } from '../../crypto/md5'
import { DecryptionFailed } from '../../crypto/aes-gcm'
import { internalError, invalidArgument, invalidRequest, noSuchKey, S3Error } from '../errors'
import { objectArn, type StoredChecksum, type StoredObject } from '../model'
import { checkConditions, type Conditions } from '../preconditions'
import { parseRange, type ByteRange } from '../range'
import { seal, unseal } from '../seal'
import { hasCustomerKey, resolveWriteEncryption, type SseRequest } from '../sse/request'
import type { S3State } from '../state'
import { utf8 } from '../../crypto/bytes'

export interface PutObjectInput {
  bucket: string
  key: string
  body: Uint8Array
  sse: SseRequest
  system: Record<string, string>
  metadata: Record<string, string>
  /** Already verified against the body by the protocol layer. */
  checksum: StoredChecksum
}

const MAX_KEY_BYTES = 1024

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
export async function putObject(s3: S3State, input: PutObjectInput): Promise<StoredObject> {
  const bucket = s3.bucket(input.bucket)
  if (utf8(input.key).length > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { MaxSizeAllowed: String(MAX_KEY_BYTES), Size: String(utf8(input.key).length) })
  }
  const sse = resolveWriteEncryption(bucket, input.sse)
  const sealed = await seal(input.body, objectArn(bucket.name, input.key), s3.keyring, s3.options.random)
  const object: StoredObject = {
    key: input.key,
    size: input.body.length,
    // SSE-S3: the ETag is the MD5 of the plaintext (S3 API reference, Object.ETag).
    etag: `"${md5Hex(input.body)}"`,
    lastModified: s3.options.now(),
    system: input.system,
    metadata: input.metadata,
    checksum: input.checksum,
    sse,
    sealed,
  }
  bucket.objects.set(input.key, object)
  return object
}

export interface ReadInput {
  bucket: string
  key: string
  range?: string
  conditions: Conditions
  sse: SseRequest
}

function findForRead(s3: S3State, input: ReadInput): StoredObject {
  const object = s3.bucket(input.bucket).objects.get(input.key)
  if (!object) throw noSuchKey(input.key)
  if (input.sse.algorithm !== undefined) {
    throw invalidArgument('x-amz-server-side-encryption header is not supported for this operation.')
  }
  // R5: SSE-C parameters on an object that is not SSE-C.
  if (hasCustomerKey(input.sse)) throw invalidRequest('The encryption parameters are not applicable to this object.')
  checkConditions(object, input.conditions)
  return object
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html */
export const headObject = (s3: S3State, input: ReadInput): StoredObject => findForRead(s3, input)

export interface GetObjectResult {
  object: StoredObject
  body: Uint8Array
  range?: ByteRange
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html */
export async function getObject(s3: S3State, input: ReadInput): Promise<GetObjectResult> {
  const object = findForRead(s3, input)
  const range = parseRange(input.range, object.size)
  let plain: Uint8Array
  try {
    plain = await unseal(object.sealed, objectArn(input.bucket, input.key), s3.keyring)
  } catch (e) {
    // Tampered or unreadable bytes at rest: never return wrong data.
    if (e instanceof DecryptionFailed) throw internalError()
    throw e
  }
  return { object, body: range ? plain.subarray(range.start, range.end + 1) : plain, ...(range ? { range } : {}) }
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html (204 whether or not the key existed) */
export function deleteObject(s3: S3State, bucket: string, key: string): void {
  s3.bucket(bucket).objects.delete(key)
}
