/** HTTP bindings for PutObjectTagging, GetObjectTagging and DeleteObjectTagging (`?tagging`, with ?versionId). */
import { fromUtf8 } from '../../crypto/bytes'
import { malformedXml } from '../../s3/errors'
import type { Tag } from '../../s3/model'
import {
  deleteObjectTagging,
  getObjectTagging,
  putObjectTagging,
  type TaggingTarget,
} from '../../s3/operations/tagging'
import { versionHeader } from '../../s3/versions'
import { children, parseXml, text, type XmlNode } from '../xml'
import type { S3Route } from './bucket-routes'
import { ok, xml } from './respond'

const targetOf = ({ ctx, bucket, key }: S3Route): TaggingTarget => {
  const versionId = ctx.query.get('versionId') ?? undefined
  return { bucket, key: key!, ...(versionId !== undefined ? { versionId } : {}) }
}

/** <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>; anything else is MalformedXML. */
export function parseTagging(body: Uint8Array): Tag[] {
  const root = children(parseXml(fromUtf8(body)), 'Tagging')[0]
  const set = children(root, 'TagSet')[0]
  if (!root || !set) throw malformedXml()
  return children(set, 'Tag').map((t) => {
    const key = text(t, 'Key')
    const value = text(t, 'Value')
    if (key === undefined || value === undefined) throw malformedXml()
    return { key, value }
  })
}

export function handlePutObjectTagging(route: S3Route): Response {
  const object = putObjectTagging(route.s3, targetOf(route), parseTagging(route.body))
  return ok(route.ctx, versionHeader(route.s3.bucket(route.bucket), object))
}

export function handleGetObjectTagging(route: S3Route): Response {
  const object = getObjectTagging(route.s3, targetOf(route))
  const tags = (object.tags ?? []).map((t): XmlNode => [
    'Tag',
    [
      ['Key', t.key],
      ['Value', t.value],
    ],
  ])
  return xml(route.ctx, 'Tagging', [['TagSet', tags]], versionHeader(route.s3.bucket(route.bucket), object))
}

export function handleDeleteObjectTagging(route: S3Route): Response {
  const object = deleteObjectTagging(route.s3, targetOf(route))
  return ok(route.ctx, versionHeader(route.s3.bucket(route.bucket), object), 204)
}
