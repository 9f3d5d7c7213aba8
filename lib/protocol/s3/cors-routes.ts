/** HTTP bindings for PutBucketCors, GetBucketCors and DeleteBucketCors (`?cors`). */
import { fromUtf8 } from '../../crypto/bytes'
import { malformedXml } from '../../s3/errors'
import type { CorsRule } from '../../s3/model'
import { deleteBucketCors, getBucketCors, putBucketCors } from '../../s3/operations/bucket-cors'
import { children, parseXml, text, texts, type XmlNode } from '../xml'
import type { S3Route } from './bucket-routes'
import { ok, xml } from './respond'

function parseRules(body: Uint8Array): CorsRule[] {
  const root = children(parseXml(fromUtf8(body)), 'CORSConfiguration')[0]
  if (!root) throw malformedXml()
  return children(root, 'CORSRule').map((r) => {
    const id = text(r, 'ID')
    const maxAge = text(r, 'MaxAgeSeconds')
    if (maxAge !== undefined && !/^\d+$/.test(maxAge)) throw malformedXml()
    return {
      ...(id !== undefined ? { id } : {}),
      allowedHeaders: texts(r, 'AllowedHeader'),
      allowedMethods: texts(r, 'AllowedMethod'),
      allowedOrigins: texts(r, 'AllowedOrigin'),
      exposeHeaders: texts(r, 'ExposeHeader'),
      ...(maxAge !== undefined ? { maxAgeSeconds: Number(maxAge) } : {}),
    }
  })
}

export function handlePutBucketCors({ ctx, s3, bucket, body }: S3Route): Response {
  putBucketCors(s3, bucket, parseRules(body))
  return ok(ctx)
}

export function handleGetBucketCors({ ctx, s3, bucket }: S3Route): Response {
  const rules = getBucketCors(s3, bucket).map((r): XmlNode => [
    'CORSRule',
    [
      ['ID', r.id],
      ...r.allowedHeaders.map((h): XmlNode => ['AllowedHeader', h]),
      ...r.allowedMethods.map((m): XmlNode => ['AllowedMethod', m]),
      ...r.allowedOrigins.map((o): XmlNode => ['AllowedOrigin', o]),
      ...r.exposeHeaders.map((h): XmlNode => ['ExposeHeader', h]),
      ['MaxAgeSeconds', r.maxAgeSeconds],
    ],
  ])
  return xml(ctx, 'CORSConfiguration', rules)
}

export function handleDeleteBucketCors({ ctx, s3, bucket }: S3Route): Response {
  deleteBucketCors(s3, bucket)
  return ok(ctx, {}, 204)
}
