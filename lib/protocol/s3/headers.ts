/** The S3 header vocabulary: what requests carry in, and what object responses carry out. */
import type { ObjectEncryption, StoredObject } from '../../s3/model'
import type { CustomerKeyHeaders } from '../../s3/sse/customer-key'
import type { SseRequest } from '../../s3/sse/request'

export const SSE = 'x-amz-server-side-encryption'

/** Every SSE header of a request, raw. Header names match case-insensitively (Fetch Headers do). */
export function sseRequest(h: Headers): SseRequest {
  const get = (name: string) => h.get(name) ?? undefined
  const r: SseRequest = {}
  const set = (field: keyof SseRequest, name: string) => {
    const v = get(name)
    if (v !== undefined) r[field] = v
  }
  set('algorithm', SSE)
  set('kmsKeyId', `${SSE}-aws-kms-key-id`)
  set('context', `${SSE}-context`)
  set('bucketKeyEnabled', `${SSE}-bucket-key-enabled`)
  set('customerAlgorithm', `${SSE}-customer-algorithm`)
  set('customerKey', `${SSE}-customer-key`)
  set('customerKeyMd5', `${SSE}-customer-key-md5`)
  return r
}

/** x-amz-copy-source-server-side-encryption-customer-*: the key of an SSE-C copy source. */
export function copySourceSse(h: Headers): CustomerKeyHeaders {
  const out: CustomerKeyHeaders = {}
  const prefix = 'x-amz-copy-source-server-side-encryption-customer-'
  const algorithm = h.get(`${prefix}algorithm`)
  const key = h.get(`${prefix}key`)
  const md5 = h.get(`${prefix}key-md5`)
  if (algorithm !== null) out.algorithm = algorithm
  if (key !== null) out.key = key
  if (md5 !== null) out.keyMd5 = md5
  return out
}

/** Headers S3 stores with an object and gives back on GET and HEAD. */
const SYSTEM_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'cache-control',
  'expires',
  'x-amz-website-redirect-location',
]

export function systemMetadata(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of SYSTEM_HEADERS) {
    const v = h.get(name)
    if (v !== null) out[name] = v
  }
  // S3 strips the aws-chunked coding it used for transport from what it stores.
  if (out['content-encoding']) {
    const kept = out['content-encoding']
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s !== 'aws-chunked')
    if (kept.length) out['content-encoding'] = kept.join(', ')
    else delete out['content-encoding']
  }
  if (!out['content-type']) out['content-type'] = 'binary/octet-stream'
  return out
}

export function userMetadata(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  h.forEach((value, name) => {
    if (name.startsWith('x-amz-meta-')) out[name.slice('x-amz-meta-'.length)] = value
  })
  return out
}

export interface SseResponseOptions {
  /** PutObject, CopyObject and CreateMultipartUpload echo the request's context header "if present". */
  withContext?: boolean
}

/**
 * The encryption headers of a response, by the object's encryption (docs/fidelity.md §1.2): SSE-C answers only
 * the algorithm and key MD5; KMS answers the key ARN, and the Bucket Key header only when one is used.
 */
export function sseResponseHeaders(sse: ObjectEncryption, options: SseResponseOptions = {}): Record<string, string> {
  if (sse.algorithm === 'SSE-C') {
    return { [`${SSE}-customer-algorithm`]: 'AES256', [`${SSE}-customer-key-MD5`]: sse.customerKeyMd5 }
  }
  if (sse.algorithm === 'AES256') return { [SSE]: 'AES256' }
  return {
    [SSE]: sse.algorithm,
    [`${SSE}-aws-kms-key-id`]: sse.keyArn,
    ...(sse.bucketKey ? { [`${SSE}-bucket-key-enabled`]: 'true' } : {}),
    ...(options.withContext && sse.contextHeader !== undefined ? { [`${SSE}-context`]: sse.contextHeader } : {}),
  }
}

export const checksumHeaders = (
  checksum: { algorithm: string; value: string; type: string } | undefined,
): Record<string, string> =>
  checksum
    ? { [`x-amz-checksum-${checksum.algorithm.toLowerCase()}`]: checksum.value, 'x-amz-checksum-type': checksum.type }
    : {}

/** Headers describing a stored object, as GET and HEAD return them. */
export function objectHeaders(object: StoredObject): Record<string, string> {
  const out: Record<string, string> = {
    'accept-ranges': 'bytes',
    'last-modified': object.lastModified.toUTCString(),
    etag: object.etag,
    ...object.system,
    ...sseResponseHeaders(object.sse),
    ...(object.storageClass && object.storageClass !== 'STANDARD'
      ? { 'x-amz-storage-class': object.storageClass }
      : {}),
  }
  for (const [k, v] of Object.entries(object.metadata)) out[`x-amz-meta-${k}`] = v
  return out
}
