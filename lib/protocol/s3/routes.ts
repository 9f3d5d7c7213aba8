/**
 * The S3 route table: method + addressing scope + sub-resource → operation. Order matters only where
 * a sub-resource route must win over the plain bucket or object route, so those come first.
 */
import { notImplemented, S3Error } from '../../s3/errors'
import { authorize, type PolicyTrace } from '../../s3/policy/authorize'
import type { S3State } from '../../s3/state'
import { RequestBody, type ReceivedBody } from '../request-body'
import type { RequestContext } from '../context'
import { parseAddress } from './address'
import { sseRequest } from './headers'
import { checkSignedHeaders } from './signed-headers'
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
  { operation: 'PutBucketPolicy', method: 'PUT', scope: 'bucket', query: ['policy'], run: handlePutBucketPolicy },
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

export function routeS3(ctx: RequestContext): Routed {
  const { bucket, key } = parseAddress(ctx.url)
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
      const body: ReceivedBody = spec.streams
        ? { bytes: new Uint8Array(0) }
        : { bytes: await ctx.trace.span('Read the request body', undefined, () => payload.bytes()) }
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
