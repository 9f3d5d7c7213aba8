/**
 * The S3 route table: method + addressing scope + sub-resource → operation. Order matters only where
 * a sub-resource route must win over the plain bucket or object route, so those come first.
 */
import { invalidArgument, notImplemented, S3Error } from '../../s3/errors'
import { authorize, type PolicyTrace } from '../../s3/policy/authorize'
import type { S3State } from '../../s3/state'
import { RequestBody, type ReceivedBody } from '../request-body'
import type { RequestContext } from '../context'
import { parseAddress } from './address'
import { sseRequest } from './headers'
import { checkSignedHeaders } from './signed-headers'
import {
  checkMetadataSize,
  MAX_DOCUMENT_BYTES,
  MAX_POLICY_BYTES,
  maxMessageLengthExceeded,
  policyTooLarge,
  readDocument,
} from './document-limits'
import {
  handleCreateBucket,
  handleDeleteBucket,
  handleGetBucketLocation,
  handleHeadBucket,
  handleListBuckets,
  handleListObjects,
  type S3Route,
} from './bucket-routes'
import { handleGetObjectAttributes } from './attributes-routes'
import { copySourceOf, handleCopyObject } from './copy-routes'
import { handleDeleteBucketEncryption, handleGetBucketEncryption, handlePutBucketEncryption } from './encryption-routes'
import {
  handleAbortMultipartUpload,
  handleCompleteMultipartUpload,
  handleCreateMultipartUpload,
  handleListMultipartUploads,
  handleListParts,
  handleUploadPart,
  handleUploadPartCopy,
} from './multipart-routes'
import { handleDeleteObject, handleGetObject, handleHeadObject, handlePutObject } from './object-routes'
import { handleDeleteBucketPolicy, handleGetBucketPolicy, handlePutBucketPolicy } from './policy-routes'
import { handleDeleteObjects } from './delete-objects-routes'
import { handleDeleteObjectTagging, handleGetObjectTagging, handlePutObjectTagging } from './tagging-routes'
import { handleGetBucketVersioning, handleListObjectVersions, handlePutBucketVersioning } from './version-routes'
import { handlePostObject } from './post-object-routes'
import { handleDeleteBucketCors, handleGetBucketCors, handlePutBucketCors } from './cors-routes'

type Scope = 'service' | 'bucket' | 'object'

/** Operations that store user metadata (x-amz-meta-*): refused past 2 KB before the body is read. */
const METADATA_OPERATIONS = new Set(['PutObject', 'CopyObject', 'CreateMultipartUpload'])

interface RouteSpec {
  operation: string
  method: string
  scope: Scope
  /** Query parameters that select this route (a sub-resource such as `encryption`); all must be present. */
  query?: string[]
  /** A header that selects this route (x-amz-copy-source). */
  header?: string
  /** Reads the body itself, as it streams in (PutObject, UploadPart); other routes get it whole and verified. */
  streams?: boolean
  /** The most a document body may hold (default MAX_DOCUMENT_BYTES) and the error past it: document-limits.ts. */
  maxBody?: { bytes: number; error: () => S3Error }
  run: (route: S3Route, body: ReceivedBody, payload: RequestBody) => Response | Promise<Response>
}

// More specific routes (sub-resources, the copy header) come before the plain route of the same method.
const ROUTES: RouteSpec[] = [
  { operation: 'ListBuckets', method: 'GET', scope: 'service', run: (r) => handleListBuckets(r.ctx, r.s3) },
  {
    operation: 'GetBucketEncryption',
    method: 'GET',
    scope: 'bucket',
    query: ['encryption'],
    run: handleGetBucketEncryption,
  },
  {
    operation: 'PutBucketEncryption',
    method: 'PUT',
    scope: 'bucket',
    query: ['encryption'],
    run: handlePutBucketEncryption,
  },
  {
    operation: 'DeleteBucketEncryption',
    method: 'DELETE',
    scope: 'bucket',
    query: ['encryption'],
    run: handleDeleteBucketEncryption,
  },
  { operation: 'GetBucketPolicy', method: 'GET', scope: 'bucket', query: ['policy'], run: handleGetBucketPolicy },
  { operation: 'GetBucketCors', method: 'GET', scope: 'bucket', query: ['cors'], run: handleGetBucketCors },
  { operation: 'PutBucketCors', method: 'PUT', scope: 'bucket', query: ['cors'], run: handlePutBucketCors },
  { operation: 'DeleteBucketCors', method: 'DELETE', scope: 'bucket', query: ['cors'], run: handleDeleteBucketCors },
  {
    operation: 'PutBucketPolicy',
    method: 'PUT',
    scope: 'bucket',
    query: ['policy'],
    maxBody: { bytes: MAX_POLICY_BYTES, error: policyTooLarge },
    run: handlePutBucketPolicy,
  },
  {
    operation: 'DeleteBucketPolicy',
    method: 'DELETE',
    scope: 'bucket',
    query: ['policy'],
    run: handleDeleteBucketPolicy,
  },
  {
    operation: 'GetBucketVersioning',
    method: 'GET',
    scope: 'bucket',
    query: ['versioning'],
    run: handleGetBucketVersioning,
  },
  {
    operation: 'PutBucketVersioning',
    method: 'PUT',
    scope: 'bucket',
    query: ['versioning'],
    run: handlePutBucketVersioning,
  },
  {
    operation: 'ListObjectVersions',
    method: 'GET',
    scope: 'bucket',
    query: ['versions'],
    run: handleListObjectVersions,
  },
  { operation: 'DeleteObjects', method: 'POST', scope: 'bucket', query: ['delete'], run: handleDeleteObjects },
  { operation: 'GetBucketLocation', method: 'GET', scope: 'bucket', query: ['location'], run: handleGetBucketLocation },
  {
    operation: 'ListMultipartUploads',
    method: 'GET',
    scope: 'bucket',
    query: ['uploads'],
    run: handleListMultipartUploads,
  },
  { operation: 'ListObjects', method: 'GET', scope: 'bucket', run: handleListObjects },
  { operation: 'CreateBucket', method: 'PUT', scope: 'bucket', run: handleCreateBucket },
  { operation: 'HeadBucket', method: 'HEAD', scope: 'bucket', run: handleHeadBucket },
  { operation: 'DeleteBucket', method: 'DELETE', scope: 'bucket', run: handleDeleteBucket },
  {
    operation: 'UploadPartCopy',
    method: 'PUT',
    scope: 'object',
    query: ['partNumber', 'uploadId'],
    header: 'x-amz-copy-source',
    run: handleUploadPartCopy,
  },
  {
    operation: 'UploadPart',
    method: 'PUT',
    scope: 'object',
    query: ['partNumber', 'uploadId'],
    streams: true,
    run: handleUploadPart,
  },
  { operation: 'PutObjectTagging', method: 'PUT', scope: 'object', query: ['tagging'], run: handlePutObjectTagging },
  { operation: 'CopyObject', method: 'PUT', scope: 'object', header: 'x-amz-copy-source', run: handleCopyObject },
  { operation: 'PutObject', method: 'PUT', scope: 'object', streams: true, run: handlePutObject },
  {
    operation: 'CreateMultipartUpload',
    method: 'POST',
    scope: 'object',
    query: ['uploads'],
    run: handleCreateMultipartUpload,
  },
  {
    operation: 'CompleteMultipartUpload',
    method: 'POST',
    scope: 'object',
    query: ['uploadId'],
    run: handleCompleteMultipartUpload,
  },
  {
    operation: 'GetObjectAttributes',
    method: 'GET',
    scope: 'object',
    query: ['attributes'],
    run: handleGetObjectAttributes,
  },
  { operation: 'GetObjectTagging', method: 'GET', scope: 'object', query: ['tagging'], run: handleGetObjectTagging },
  { operation: 'ListParts', method: 'GET', scope: 'object', query: ['uploadId'], run: handleListParts },
  { operation: 'GetObject', method: 'GET', scope: 'object', run: handleGetObject },
  { operation: 'HeadObject', method: 'HEAD', scope: 'object', run: handleHeadObject },
  {
    operation: 'AbortMultipartUpload',
    method: 'DELETE',
    scope: 'object',
    query: ['uploadId'],
    run: handleAbortMultipartUpload,
  },
  {
    operation: 'DeleteObjectTagging',
    method: 'DELETE',
    scope: 'object',
    query: ['tagging'],
    run: handleDeleteObjectTagging,
  },
  { operation: 'DeleteObject', method: 'DELETE', scope: 'object', run: handleDeleteObject },
  // Last: a bucket POST with a sub-resource (?delete, ?uploads...) belongs to the routes above.
  { operation: 'PostObject', method: 'POST', scope: 'bucket', streams: true, run: handlePostObject },
]

/** Sub-resources S3 knows; a request naming one we do not serve yet is answered 501, never misrouted. */
const SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  'renameObject',
]
// Parameters that look like sub-resources but are plain options of a routed operation.
const PLAIN_OPTIONS: Partial<Record<string, string[]>> = {
  GetObject: ['partNumber', 'versionId'],
  HeadObject: ['partNumber', 'versionId'],
  DeleteObject: ['versionId'],
  GetObjectAttributes: ['versionId'],
  PutObjectTagging: ['versionId'],
  GetObjectTagging: ['versionId'],
  DeleteObjectTagging: ['versionId'],
}

export interface Routed {
  operation: string
  bucket?: string
  key?: string
  /** The bucket policy decisions taken for this request (with their explanations), once run has started. */
  trace: PolicyTrace
  run: (s3: S3State, body: RequestBody) => Promise<Response>
}

function copySourceFor(ctx: RequestContext, operation: string) {
  if (operation !== 'CopyObject' && operation !== 'UploadPartCopy') return undefined
  try {
    return copySourceOf(ctx)
  } catch {
    return undefined // the operation itself reports the malformed header
  }
}

/** What x-amz-content-sha256 may say (docs/fidelity.md §10.7): anything else is refused. */
const PAYLOAD_HASHES = new Set([
  'UNSIGNED-PAYLOAD',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
])

function checkPayloadHash(headers: Headers): void {
  const value = headers.get('x-amz-content-sha256')
  if (value === null || PAYLOAD_HASHES.has(value) || /^[0-9a-f]{64}$/i.test(value)) return
  throw invalidArgument(
    `x-amz-content-sha256 must be ${[...PAYLOAD_HASHES].join(', ')} or a valid sha256 value.`,
    'x-amz-content-sha256',
    value,
  )
}

export function routeS3(ctx: RequestContext): Routed {
  checkPayloadHash(ctx.headers)
  const { bucket, key } = parseAddress(ctx.url, ctx.path)
  const scope: Scope = key !== undefined ? 'object' : bucket !== undefined ? 'bucket' : 'service'
  const candidates = ROUTES.filter((r) => r.scope === scope && r.method === ctx.method)
  const spec = candidates.find(
    (r) => (r.query ?? []).every((q) => ctx.query.has(q)) && (r.header === undefined || ctx.headers.has(r.header)),
  )
  const unserved = SUBRESOURCES.find(
    (s) => ctx.query.has(s) && !spec?.query?.includes(s) && !PLAIN_OPTIONS[spec?.operation ?? '']?.includes(s),
  )
  if (unserved !== undefined) throw notImplemented(unserved)
  if (!spec) throw methodNotAllowed(ctx.method, scope)
  const trace: PolicyTrace = {}
  return {
    operation: spec.operation,
    ...(bucket !== undefined ? { bucket } : {}),
    ...(key !== undefined ? { key } : {}),
    trace,
    run: async (s3, payload) => {
      // Bodies that are documents (XML, JSON) are read and verified first, as before any other check.
      // Documents are read only up to their limit, so a 600 MB "policy" is refused, not buffered.
      const limit = spec.maxBody ?? { bytes: MAX_DOCUMENT_BYTES, error: maxMessageLengthExceeded }
      if (METADATA_OPERATIONS.has(spec.operation)) checkMetadataSize(ctx.headers)
      const body: ReceivedBody = spec.streams
        ? { bytes: new Uint8Array(0) }
        : {
            bytes: await ctx.trace.span('Read the request body', undefined, () =>
              readDocument(payload, ctx.headers, limit.bytes, limit.error),
            ),
          }
      if (!spec.streams && payload.checksum) body.checksum = payload.checksum
      checkSignedHeaders(ctx)
      if (bucket !== undefined) {
        const copySource = copySourceFor(ctx, spec.operation)
        const input = { operation: spec.operation, bucket, sse: sseRequest(ctx.headers), secure: ctx.secure }
        const uploadId = ctx.query.get('uploadId') ?? undefined
        const versionId = ctx.query.get('versionId') ?? undefined
        await authorize(
          s3,
          {
            ...input,
            ...(key !== undefined ? { key } : {}),
            ...(copySource ? { copySource } : {}),
            ...(uploadId !== undefined ? { uploadId } : {}),
            ...(versionId !== undefined ? { versionId } : {}),
          },
          trace,
        )
      }
      return spec.run(
        { ctx, s3, bucket: bucket ?? '', ...(key !== undefined ? { key } : {}), body: body.bytes, trace },
        body,
        payload,
      )
    },
  }
}

const methodNotAllowed = (method: string, scope: Scope) =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: scope === 'object' ? 'OBJECT' : scope === 'bucket' ? 'BUCKET' : 'SERVICE',
  })
