/**
 * POST Object: a browser form upload to a bucket's URL (S3 API reference, "POST Object" and "Browser-Based
 * Uploads Using POST"). The form's fields stand in for PutObject's headers, SSE fields included; a signed
 * policy document says which values the form may carry. Errors and answers: docs/fidelity.md §7.
 */
import { authorize } from '../../s3/policy/authorize'
import { invalidArgument, S3Error } from '../../s3/errors'
import { checkPostPolicy, lengthOutOfRange, type LengthRange } from '../../s3/operations/post-policy'
import { putObject } from '../../s3/operations/put-object'
import { streamPayload } from '../../s3/payload'
import { checkTags } from '../../s3/operations/tagging'
import { utf8 } from '../../crypto/bytes'
import { parseTagging } from './tagging-routes'
import { writtenVersionHeader } from '../../s3/versions'
import type { ReceivedBody, RequestBody } from '../request-body'
import { verifyPostSignature } from '../auth/post-signature'
import { idHeaders } from '../context'
import { formBoundary, readPostForm } from '../form-data'
import { xmlDocument } from '../xml'
import type { S3Route } from './bucket-routes'
import { sseRequest, sseResponseHeaders, systemMetadata, userMetadata } from './headers'
import { requestInfo } from './request-info'

const notMultipart = () =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: 'Bucket POST must be of the enclosure-type-multipart/form-data',
  })

const ORDER = 'If it is specified, please check the order of the fields.'
const missingField = (name: string) =>
  invalidArgument(`Bucket POST must contain a field named '${name}'.  ${ORDER}`, name, '')

/** SigV4 form fields, in the capitalisation S3 names them when one is missing. */
const V4_FIELDS: [field: string, shown: string][] = [
  ['x-amz-algorithm', 'X-Amz-Algorithm'],
  ['x-amz-credential', 'X-Amz-Credential'],
  ['x-amz-date', 'X-Amz-Date'],
  ['x-amz-signature', 'X-Amz-Signature'],
]

/** Form fields that act as PutObject's request headers. */
const HEADER_FIELDS = new Set([
  'content-type',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
])
const isHeaderField = (name: string) =>
  HEADER_FIELDS.has(name) || name.startsWith('x-amz-meta-') || name.startsWith('x-amz-server-side-encryption')

/** A POST Object file may be up to 5 GiB, as a PutObject body (the S3 API reference, "POST Object"). */
const MAX_FILE_BYTES = 5 * 1024 ** 3

/** The file as it arrives, refused once it passes the policy's maximum or 5 GiB (counted on, never held). */
async function* withinRange(chunks: AsyncIterable<Uint8Array>, policyRange: LengthRange | undefined) {
  const range = { min: policyRange?.min ?? 0, max: Math.min(policyRange?.max ?? MAX_FILE_BYTES, MAX_FILE_BYTES) }
  let size = 0
  let over = false
  for await (const chunk of chunks) {
    size += chunk.length
    if (size > range.max) over = true
    if (!over) yield chunk
  }
  const refused = lengthOutOfRange(size, range, true)
  if (refused) throw refused
}

export async function handlePostObject(route: S3Route, _: ReceivedBody, payload: RequestBody): Promise<Response> {
  const { ctx, s3, bucket } = route
  const boundary = formBoundary(ctx.headers.get('content-type'))
  if (!boundary) throw notMultipart()
  s3.bucket(bucket) // NoSuchBucket before the body is read
  const form = await ctx.trace.span('Read the form fields', undefined, () => readPostForm(payload.chunks(), boundary))
  const fields = new Map<string, string>()
  for (const { name, value } of form.fields) if (!fields.has(name.toLowerCase())) fields.set(name.toLowerCase(), value)

  const rawKey = fields.get('key')
  if (!rawKey) throw missingField('key')
  const key = rawKey.replaceAll('${filename}', form.file?.filename.replace(/^.*[\\/]/, '') ?? '')
  fields.set('key', key)
  // Simulation note: a form without a policy is an anonymous upload, which needs a bucket open to the world.
  if (!fields.has('policy')) throw new S3Error('AccessDenied', 'Access Denied', 403)
  for (const [field, shown] of V4_FIELDS) if (!fields.has(field)) throw missingField(shown)
  const { lengthRange } = checkPostPolicy({ policy: fields.get('policy')!, fields, bucket, now: s3.options.now() })
  if (ctx.credentials) verifyPostSignature(fields, ctx.credentials)
  if (!form.file) throw invalidArgument('POST requires exactly one file upload per request.', 'file', '0')

  const headers = new Headers()
  for (const [name, value] of fields) if (isHeaderField(name)) headers.set(name, value)
  const sse = sseRequest(headers)
  await authorize(s3, { operation: 'PutObject', bucket, key, sse, secure: ctx.secure }, route.trace)
  const accessKeyId = fields.get('x-amz-credential')!.split('/')[0]
  const storageClass = headers.get('x-amz-storage-class') ?? undefined
  // The tagging field holds a <Tagging> document (PutObjectTagging's body), not x-amz-tagging's query string.
  const tagging = fields.get('tagging')
  const tags = tagging !== undefined ? checkTags(parseTagging(utf8(tagging))) : undefined
  const { object } = await putObject(
    s3,
    {
      bucket,
      key,
      body: streamPayload(withinRange(form.file.chunks, lengthRange)),
      sse,
      system: systemMetadata(headers),
      metadata: userMetadata(headers),
      ...(storageClass ? { storageClass } : {}),
      ...(tags ? { tags } : {}),
    },
    { ...requestInfo(ctx), ...(accessKeyId ? { accessKeyId } : {}) },
  )
  const written = { ...sseResponseHeaders(object.sse, { withContext: true }), ...writtenVersionHeader(object) }
  return answer(route, key, object.etag, written, fields)
}

/** success_action_redirect (303 to it), else success_action_status: 200 or 201 (a PostResponse), 204 otherwise. */
function answer(
  { ctx, bucket }: S3Route,
  key: string,
  etag: string,
  sse: Record<string, string>,
  fields: Map<string, string>,
): Response {
  const pathStyle = ctx.url.pathname === `/${bucket}` || ctx.url.pathname.startsWith(`/${bucket}/`)
  const encodedKey = key.split('/').map(encodeURIComponent).join('/')
  const location = `${ctx.url.origin}/${pathStyle ? `${bucket}/` : ''}${encodedKey}`
  const headers = { ...idHeaders(ctx), etag, location, ...sse }
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect')
  const target = redirect && /^https?:\/\//i.test(redirect) && URL.canParse(redirect) ? redirect : undefined
  if (target) {
    const query = new URLSearchParams({ bucket, key, etag }).toString()
    const to = `${target}${target.includes('?') ? '&' : '?'}${query}`
    return new Response(null, { status: 303, headers: { ...headers, location: to } })
  }
  const status = fields.get('success_action_status')
  if (status === '201') {
    const body = xmlDocument(
      'PostResponse',
      [
        ['Location', location],
        ['Bucket', bucket],
        ['Key', key],
        ['ETag', etag],
      ],
      '',
    )
    return new Response(body, { status: 201, headers: { ...headers, 'content-type': 'application/xml' } })
  }
  return new Response(null, { status: status === '200' ? 200 : 204, headers })
}
