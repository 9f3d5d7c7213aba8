/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
import { utf8 } from '../../crypto/bytes'
import { S3Error } from '../errors'
import { buildObject, storeObject, type BuiltObject, type ObjectInput } from '../object-bodies'
import type { Payload } from '../payload'
import { newDataKey } from '../sse/data-key'
import type { Requester } from '../sse/kms'
import { resolveWriteEncryption, type SseRequest, type Transport } from '../sse/request'
import type { S3State } from '../state'

/** Who sent a request and how: what SSE-C (TLS) and KMS (the requester) need to know. */
export interface RequestInfo extends Requester {
  secure: boolean
}

export const transportOf = (s3: S3State, req: RequestInfo): Transport => ({
  secure: req.secure,
  allowSseCOverHttp: s3.options.allowSseCOverHttp ?? false,
})

export interface PutObjectInput extends ObjectInput {
  bucket: string
  key: string
  /** Read (and encrypted) as it arrives; its claims are verified when it ends. */
  body: Payload
  sse: SseRequest
}

const MAX_KEY_BYTES = 1024

export function assertKeyLength(key: string): void {
  const size = utf8(key).length
  if (size > MAX_KEY_BYTES)
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, {
      MaxSizeAllowed: String(MAX_KEY_BYTES),
      Size: String(size),
    })
}

/**
 * Validates the headers first, then encrypts the body as it streams in; the object appears only once the
 * body has ended and verified, so a failed PUT (BadDigest, IncompleteBody...) leaves nothing behind.
 */
export async function putObject(s3: S3State, input: PutObjectInput, req: RequestInfo): Promise<BuiltObject> {
  const bucket = s3.bucket(input.bucket)
  assertKeyLength(input.key)
  const target = resolveWriteEncryption(bucket, input.sse, transportOf(s3, req))
  const dataKey = await newDataKey(s3, bucket.name, input.key, target, req)
  const built = await buildObject(s3, bucket.name, input.key, input.body, dataKey, input, req)
  storeObject(s3, bucket.name, built.object)
  return built
}
