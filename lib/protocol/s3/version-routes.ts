/** HTTP bindings for PutBucketVersioning, GetBucketVersioning (`?versioning`) and ListObjectVersions (`?versions`). */
import { fromUtf8 } from '../../crypto/bytes'
import { invalidArgument, malformedXml } from '../../s3/errors'
import { isDeleteMarker } from '../../s3/model'
import { getBucketVersioning, listObjectVersions, putBucketVersioning } from '../../s3/operations/versioning'
import { versionIdOf } from '../../s3/versions'
import { children, parseXml, text, type XmlNode } from '../xml'
import { ownerId, parseMaxKeys, type S3Route } from './bucket-routes'
import { isoDate, ok, xml } from './respond'

export function handlePutBucketVersioning({ ctx, s3, bucket, body }: S3Route): Response {
  const root = children(parseXml(fromUtf8(body)), 'VersioningConfiguration')[0]
  if (!root) throw malformedXml()
  putBucketVersioning(s3, bucket, text(root, 'Status'))
  return ok(ctx)
}

/** A never-versioned bucket answers an empty configuration: no Status element at all. */
export function handleGetBucketVersioning({ ctx, s3, bucket }: S3Route): Response {
  const status = getBucketVersioning(s3, bucket)
  return xml(ctx, 'VersioningConfiguration', [['Status', status]])
}

export function handleListObjectVersions({ ctx, s3, bucket }: S3Route): Response {
  const q = ctx.query
  const encode = q.get('encoding-type') === 'url'
  if (q.has('encoding-type') && !encode)
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', q.get('encoding-type')!)
  const enc = (s: string | undefined) => (s !== undefined && encode ? encodeURIComponent(s) : s)
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') || undefined
  const maxKeys = parseMaxKeys(q.get('max-keys'))
  const keyMarker = q.get('key-marker') || undefined
  const versionIdMarker = q.get('version-id-marker') || undefined
  const result = listObjectVersions(s3, {
    bucket,
    prefix,
    maxKeys,
    ...(delimiter ? { delimiter } : {}),
    ...(keyMarker !== undefined ? { keyMarker } : {}),
    ...(versionIdMarker !== undefined ? { versionIdMarker } : {}),
  })
  const owner: XmlNode = ['Owner', [['ID', ownerId(s3.options.account)]]]
  // Versions and delete markers come in one sequence, in list order (ListObjectVersions API reference).
  const entries = result.entries.map(({ version: v, isLatest }): XmlNode => {
    const common: XmlNode[] = [
      ['Key', enc(v.key)],
      ['VersionId', versionIdOf(v)],
      ['IsLatest', isLatest],
      ['LastModified', isoDate(v.lastModified)],
    ]
    if (isDeleteMarker(v)) return ['DeleteMarker', [...common, owner]]
    return [
      'Version',
      [
        ...common,
        ['ETag', v.etag],
        ...(v.checksum
          ? ([
              ['ChecksumAlgorithm', v.checksum.algorithm],
              ['ChecksumType', v.checksum.type],
            ] as XmlNode[])
          : []),
        ['Size', v.size],
        owner,
        ['StorageClass', v.storageClass ?? 'STANDARD'],
      ],
    ]
  })
  return xml(ctx, 'ListVersionsResult', [
    ['Name', bucket],
    ['Prefix', enc(prefix)],
    ['KeyMarker', enc(keyMarker ?? '')],
    ['VersionIdMarker', versionIdMarker ?? ''],
    ['NextKeyMarker', enc(result.nextKeyMarker)],
    ['NextVersionIdMarker', result.nextVersionIdMarker],
    ['MaxKeys', maxKeys],
    ['Delimiter', enc(delimiter)],
    ['IsTruncated', result.isTruncated],
    ...entries,
    ...result.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
    ['EncodingType', encode ? 'url' : undefined],
  ])
}
