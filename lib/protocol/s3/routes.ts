/**
 * The S3 route table: method + addressing scope + sub-resource → operation. Order matters only where
 * a sub-resource route must win over the plain bucket or object route, so those come first.
 */
import { notImplemented, S3Error } from '../../s3/errors'
import type { S3State } from '../../s3/state'
import type { ReceivedBody } from '../body'
import type { RequestContext } from '../context'
import { parseAddress } from './address'
import {
  handleCreateBucket,
  handleDeleteBucket,
  handleGetBucketLocation,
  handleHeadBucket,
  handleListBuckets,
  handleListObjects,
  type S3Route,
} from './bucket-routes'
import { handleDeleteBucketEncryption, handleGetBucketEncryption, handlePutBucketEncryption } from './encryption-routes'
import { handleDeleteObject, handleGetObject, handleHeadObject, handlePutObject } from './object-routes'

type Scope = 'service' | 'bucket' | 'object'

interface RouteSpec {
  operation: string
  method: string
  scope: Scope
  /** A query parameter that selects this route (a sub-resource such as `encryption`). */
  query?: string
  run: (route: S3Route, body: ReceivedBody) => Response | Promise<Response>
}

const ROUTES: RouteSpec[] = [
  { operation: 'ListBuckets', method: 'GET', scope: 'service', run: (r) => handleListBuckets(r.ctx, r.s3) },
  { operation: 'GetBucketEncryption', method: 'GET', scope: 'bucket', query: 'encryption', run: handleGetBucketEncryption },
  { operation: 'PutBucketEncryption', method: 'PUT', scope: 'bucket', query: 'encryption', run: handlePutBucketEncryption },
  { operation: 'DeleteBucketEncryption', method: 'DELETE', scope: 'bucket', query: 'encryption', run: handleDeleteBucketEncryption },
  { operation: 'GetBucketLocation', method: 'GET', scope: 'bucket', query: 'location', run: handleGetBucketLocation },
  { operation: 'ListObjects', method: 'GET', scope: 'bucket', run: handleListObjects },
  { operation: 'CreateBucket', method: 'PUT', scope: 'bucket', run: handleCreateBucket },
  { operation: 'HeadBucket', method: 'HEAD', scope: 'bucket', run: handleHeadBucket },
  { operation: 'DeleteBucket', method: 'DELETE', scope: 'bucket', run: handleDeleteBucket },
  { operation: 'PutObject', method: 'PUT', scope: 'object', run: (r, b) => handlePutObject(r, b) },
  { operation: 'GetObject', method: 'GET', scope: 'object', run: handleGetObject },
  { operation: 'HeadObject', method: 'HEAD', scope: 'object', run: handleHeadObject },
  { operation: 'DeleteObject', method: 'DELETE', scope: 'object', run: handleDeleteObject },
]

/** Sub-resources S3 knows; a request naming one we do not serve yet is answered 501, never misrouted. */
const SUBRESOURCES = [
  'accelerate', 'acl', 'analytics', 'attributes', 'cors', 'delete', 'encryption', 'intelligent-tiering', 'inventory',
  'legal-hold', 'lifecycle', 'location', 'logging', 'metrics', 'notification', 'object-lock', 'ownershipControls',
  'partNumber', 'policy', 'policyStatus', 'publicAccessBlock', 'replication', 'requestPayment', 'restore', 'retention',
  'select', 'tagging', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'website', 'renameObject',
]
// Parameters that look like sub-resources but are plain options of a routed operation.
const PLAIN_OPTIONS: Partial<Record<string, string[]>> = { GetObject: ['partNumber', 'versionId'], HeadObject: ['partNumber', 'versionId'], DeleteObject: ['versionId'] }

export interface Routed {
  operation: string
  bucket?: string
  key?: string
  run: (s3: S3State, body: ReceivedBody) => Response | Promise<Response>
}

export function routeS3(ctx: RequestContext): Routed {
  const { bucket, key } = parseAddress(ctx.url)
  const scope: Scope = key !== undefined ? 'object' : bucket !== undefined ? 'bucket' : 'service'
  const candidates = ROUTES.filter((r) => r.scope === scope && r.method === ctx.method)
  const spec = candidates.find((r) => r.query !== undefined && ctx.query.has(r.query)) ?? candidates.find((r) => r.query === undefined)
  const unserved = SUBRESOURCES.find((s) => ctx.query.has(s) && s !== spec?.query && !PLAIN_OPTIONS[spec?.operation ?? '']?.includes(s))
  if (unserved !== undefined) throw notImplemented(unserved)
  if (!spec) throw methodNotAllowed(ctx.method, scope)
  // CopyObject shares PutObject's method and path; until it is served, say so instead of storing an empty object.
  if (spec.operation === 'PutObject' && ctx.headers.has('x-amz-copy-source')) throw notImplemented('x-amz-copy-source')
  return {
    operation: spec.operation,
    ...(bucket !== undefined ? { bucket } : {}),
    ...(key !== undefined ? { key } : {}),
    run: (s3, body) => spec.run({ ctx, s3, bucket: bucket ?? '', ...(key !== undefined ? { key } : {}), body: body.bytes }, body),
  }
}

const methodNotAllowed = (method: string, scope: Scope) =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: scope === 'object' ? 'OBJECT' : scope === 'bucket' ? 'BUCKET' : 'SERVICE',
  })
