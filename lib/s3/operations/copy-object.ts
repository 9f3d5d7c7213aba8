/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 * The destination's encryption comes from the request's headers, else the destination bucket's default;
 * it is never inherited from the source (docs/fidelity.md §6.3). A copy onto itself must change something (§2.5).
 */
import { isChecksumAlgorithm } from '../../crypto/checksums'
import { toBase64 } from '../../crypto/bytes'
import { invalidArgument, invalidRequest, S3Error } from '../errors'
import { findObjectVersion } from '../versions'
import { copyTags } from './tagging'
import type { StoredObject } from '../model'
import { buildObject, guardedStream, objectKeys, plaintextRange, storeObject } from '../object-bodies'
import { streamPayload } from '../payload'
import { checkConditions, type Conditions } from '../preconditions'
import type { CustomerKeyHeaders } from '../sse/customer-key'
import { newDataKey } from '../sse/data-key'
import { checkReadHeaders } from '../sse/read'
import { hasCustomerKey, resolveWriteEncryption, type SseRequest, type WriteTarget } from '../sse/request'
import type { S3State } from '../state'
import { assertKeyLength, transportOf, type RequestInfo } from './put-object'

export interface CopySource {
  bucket: string
  key: string
  versionId?: string
}

export interface CopyObjectInput {
  bucket: string
  key: string
  source: CopySource
  /** Destination encryption headers. */
  sse: SseRequest
  /** x-amz-copy-source-server-side-encryption-customer-*. */
  sourceSse: CustomerKeyHeaders
  metadataDirective?: string
  /** The request's own Content-Type etc. and x-amz-meta-*, used with MetadataDirective REPLACE. */
  system: Record<string, string>
  metadata: Record<string, string>
  storageClass?: string
  websiteRedirect?: string
  checksumAlgorithm?: string
  /** x-amz-copy-source-if-*. */
  conditions: Conditions
  /** x-amz-tagging-directive and x-amz-tagging. */
  taggingDirective?: string
  tagging?: string
}

export interface CopyResult {
  object: StoredObject
  /** The copy's checksum in clear (for KMS objects it is stored encrypted). */
  checksum: { algorithm: string; value: string }
  /** The version copied from. */
  source: StoredObject
}

const ILLEGAL =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."

/** The copy source's version; a delete marker named by id is 400 InvalidRequest, not 405 (docs/fidelity.md). */
function findCopySource(s3: S3State, source: CopySource): StoredObject {
  try {
    return findObjectVersion(s3.bucket(source.bucket), source.key, source.versionId)
  } catch (e) {
    if (e instanceof S3Error && e.code === 'MethodNotAllowed')
      throw invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.')
    throw e
  }
}

/** A source object that is readable with the request's copy-source headers, with its key if SSE-C. */
export async function readCopySource(
  s3: S3State,
  source: CopySource,
  headers: CustomerKeyHeaders,
  req: RequestInfo,
  conditions: Conditions = {},
) {
  const object = findCopySource(s3, source)
  const customerKey = await checkReadHeaders(object.sse, headers, transportOf(s3, req))
  try {
    checkConditions(object, conditions)
  } catch (e) {
    // For a copy source, If-None-Match and If-Modified-Since fail with 412, not 304.
    if (e instanceof S3Error && e.status === 304)
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
        Condition: 'x-amz-copy-source-If-None-Match',
      })
    throw e
  }
  const keys = await objectKeys(s3, source.bucket, object, req, customerKey)
  /** The source's plaintext (or a range of it), decrypted as it is read. */
  const read = (range?: { start: number; end: number }) =>
    guardedStream(plaintextRange(s3, source.bucket, object, keys, range))
  return { object, read }
}

function assertChangesSomething(
  input: CopyObjectInput,
  source: StoredObject,
  target: WriteTarget,
  explicitDefault: boolean,
): void {
  const changed =
    input.metadataDirective === 'REPLACE' ||
    input.storageClass !== undefined ||
    input.websiteRedirect !== undefined ||
    input.sse.algorithm !== undefined ||
    hasCustomerKey(input.sse) ||
    // Header-less copies re-encrypt with the bucket default: legal when that is not what the object has,
    // or when the bucket has an explicit PutBucketEncryption configuration (docs/fidelity.md §2.5).
    explicitDefault ||
    target.algorithm !== source.sse.algorithm
  if (!changed) throw invalidRequest(ILLEGAL)
}

export async function copyObject(s3: S3State, input: CopyObjectInput, req: RequestInfo): Promise<CopyResult> {
  if (
    input.metadataDirective !== undefined &&
    input.metadataDirective !== 'COPY' &&
    input.metadataDirective !== 'REPLACE'
  ) {
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', input.metadataDirective)
  }
  const bucket = s3.bucket(input.bucket)
  assertKeyLength(input.key)
  const target = resolveWriteEncryption(bucket, input.sse, transportOf(s3, req))
  const { object: source, read } = await readCopySource(s3, input.source, input.sourceSse, req, input.conditions)
  if (input.source.bucket === input.bucket && input.source.key === input.key) {
    assertChangesSomething(input, source, target, bucket.encryptionExplicit)
  }
  const replace = input.metadataDirective === 'REPLACE'
  const system = replace ? { ...input.system } : { ...source.system }
  if (input.websiteRedirect !== undefined) system['x-amz-website-redirect-location'] = input.websiteRedirect
  const algorithm = input.checksumAlgorithm?.toUpperCase() ?? source.checksum?.algorithm ?? 'CRC64NVME'
  if (!isChecksumAlgorithm(algorithm))
    throw invalidRequest(
      'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]',
    )
  const tags = copyTags(input.taggingDirective, source, input.tagging)
  const dataKey = await newDataKey(s3, bucket.name, input.key, target, req)
  const payload = streamPayload(read())
  const { object } = await buildObject(
    s3,
    bucket.name,
    input.key,
    payload,
    dataKey,
    {
      system,
      metadata: replace ? input.metadata : { ...source.metadata },
      checksumAlgorithm: algorithm,
      ...(input.storageClass ? { storageClass: input.storageClass } : {}),
      tags,
    },
    req,
  )
  storeObject(s3, bucket.name, object)
  return { object, checksum: { algorithm, value: toBase64(payload.digest(algorithm)) }, source }
}
