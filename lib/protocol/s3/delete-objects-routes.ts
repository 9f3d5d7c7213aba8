/** HTTP binding for DeleteObjects (POST ?delete). */
import { fromUtf8 } from '../../crypto/bytes'
import { invalidRequest, malformedXml } from '../../s3/errors'
import { deleteObjects, MAX_DELETE_KEYS, type DeleteTarget } from '../../s3/operations/delete-objects'
import { authorize } from '../../s3/policy/authorize'
import type { ReceivedBody } from '../request-body'
import { children, parseXml, text, type XmlNode } from '../xml'
import type { S3Route } from './bucket-routes'
import { sseRequest } from './headers'
import { xml } from './respond'

/** <Delete><Quiet/>?<Object><Key/><VersionId/>?</Object>{1,1000}</Delete>; anything else is MalformedXML. */
function parseDelete(body: Uint8Array): { quiet: boolean; targets: DeleteTarget[] } {
  const root = children(parseXml(fromUtf8(body)), 'Delete')[0]
  if (!root) throw malformedXml()
  const quiet = text(root, 'Quiet')
  if (quiet !== undefined && quiet !== 'true' && quiet !== 'false') throw malformedXml()
  const objects = children(root, 'Object')
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw malformedXml()
  const targets = objects.map((o): DeleteTarget => {
    const key = text(o, 'Key')
    const versionId = text(o, 'VersionId')
    if (key === undefined) throw malformedXml()
    return { key, ...(versionId !== undefined ? { versionId } : {}) }
  })
  return { quiet: quiet === 'true', targets }
}

export async function handleDeleteObjects(route: S3Route, received: ReceivedBody): Promise<Response> {
  const { ctx, s3, bucket, body } = route
  // S3 wants an integrity check on this request: Content-MD5 or an x-amz-checksum-* (verified by the body reader).
  if (ctx.headers.get('content-md5') === null && !received.checksum)
    throw invalidRequest('Missing required header for this request: Content-MD5')
  const { quiet, targets } = parseDelete(body)
  const results = await deleteObjects(s3, bucket, targets, async (t) => {
    await authorize(s3, {
      operation: 'DeleteObject',
      bucket,
      key: t.key,
      ...(t.versionId !== undefined ? { versionId: t.versionId } : {}),
      sse: sseRequest(ctx.headers),
      secure: ctx.secure,
    })
  })
  const nodes = results.map((r): XmlNode => {
    if ('error' in r)
      return [
        'Error',
        [
          ['Key', r.key],
          ['VersionId', r.versionId],
          ['Code', r.error.code],
          ['Message', r.error.message],
        ],
      ]
    if (quiet) return undefined
    return [
      'Deleted',
      [
        ['Key', r.key],
        ['VersionId', r.versionId],
        ['DeleteMarker', r.deleteMarker],
        ['DeleteMarkerVersionId', r.deleteMarkerVersionId],
      ],
    ]
  })
  return xml(ctx, 'DeleteResult', nodes)
}
