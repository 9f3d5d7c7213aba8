/** The S3 header vocabulary: what requests carry in, and what object responses carry out. */
import type { StoredObject } from '../../s3/model'
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

/** Headers S3 stores with an object and gives back on GET and HEAD. */
const SYSTEM_HEADERS = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires', 'x-amz-website-redirect-location']

export function systemMetadata(h: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of SYSTEM_HEADERS) {
    const v = h.get(name)
    if (v !== null) out[name] = v
  }
  // S3 strips the aws-chunked coding it used for transport from what it stores.
  if (out['content-encoding']) {
    const kept = out['content-encoding'].split(',').map((s) => s.trim()).filter((s) => s && s !== 'aws-chunked')
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

/** The encryption headers of an object's responses (PutObject, GetObject, HeadObject). */
export function sseResponseHeaders(object: StoredObject): Record<string, string> {
  return { [SSE]: object.sse.algorithm }
}

export const checksumHeaders = (object: StoredObject): Record<string, string> =>
  object.checksum
    ? { [`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`]: object.checksum.value, 'x-amz-checksum-type': object.checksum.type }
    : {}

/** Headers describing a stored object, as GET and HEAD return them. */
export function objectHeaders(object: StoredObject): Record<string, string> {
  const out: Record<string, string> = {
    'accept-ranges': 'bytes',
    'last-modified': object.lastModified.toUTCString(),
    etag: object.etag,
    ...object.system,
    ...sseResponseHeaders(object),
  }
  for (const [k, v] of Object.entries(object.metadata)) out[`x-amz-meta-${k}`] = v
  return out
}
