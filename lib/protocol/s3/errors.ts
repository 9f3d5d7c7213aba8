/** The one place S3 errors become HTTP: an XML <Error> body, or no body at all for HEAD and 304. */
import { S3Error } from '../../s3/errors'
import { idHeaders, type RequestContext } from '../context'
import { xmlDocument } from '../xml'
import { bounded } from '../bounded'

export function renderS3Error(error: S3Error, ctx: RequestContext): Response {
  const headers = { ...idHeaders(ctx), 'content-type': 'application/xml', ...error.headers }
  if (ctx.method === 'HEAD' || error.status === 304) return new Response(null, { status: error.status, headers })
  const body = xmlDocument(
    'Error',
    [
      ['Code', error.code],
      ['Message', bounded(error.message, 4 * 1024)],
      // Fields echo what the client sent (a key, a header value): never unbounded.
      ...Object.entries(error.fields).map(([k, v]): [string, string] => [k, bounded(v)]),
      ['RequestId', ctx.requestId],
      ['HostId', ctx.hostId],
    ],
    '', // S3's <Error> carries no namespace
  )
  return new Response(body, { status: error.status, headers })
}
