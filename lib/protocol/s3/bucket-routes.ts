/** HTTP bindings for service- and bucket-level operations. */
import { createBucket, deleteBucket, headBucket, listBuckets } from '../../s3/operations/buckets'
import { listObjectsV2, type ListResult } from '../../s3/operations/list-objects'
import { invalidArgument, malformedXml } from '../../s3/errors'
import type { PolicyTrace } from '../../s3/policy/authorize'
import type { S3State } from '../../s3/state'
import { fromUtf8, toHex, utf8 } from '../../crypto/bytes'
import { idHeaders, type RequestContext } from '../context'
import { children, needsUrlEncoding, parseXml, text, xmlDocument, type XmlNode } from '../xml'
import { isoDate, ok, xml } from './respond'

export interface S3Route {
  ctx: RequestContext
  s3: S3State
  bucket: string
  key?: string
  body: Uint8Array
  /** Where authorize leaves its decisions (routes that authorize once their body says what they write: POST Object). */
  trace?: PolicyTrace
}

/** The canonical user id S3 shows as Owner.ID (64 hex digits). Simulation note: derived from the account id. */
export const ownerId = (account: string) => toHex(utf8(account.padEnd(32, '0'))).slice(0, 64)

export function handleListBuckets(ctx: RequestContext, s3: S3State): Response {
  return xml(ctx, 'ListAllMyBucketsResult', [
    ['Owner', [['ID', ownerId(s3.options.account)]]],
    [
      'Buckets',
      listBuckets(s3).map((b): XmlNode => [
        'Bucket',
        [
          ['Name', b.name],
          ['CreationDate', isoDate(b.created)],
          ['BucketRegion', b.region],
        ],
      ]),
    ],
  ])
}

export function handleCreateBucket({ ctx, s3, bucket, body }: S3Route): Response {
  let constraint: string | undefined
  if (body.length > 0) {
    const doc = parseXml(fromUtf8(body))
    const config = children(doc, 'CreateBucketConfiguration')[0]
    if (!config) throw malformedXml()
    constraint = text(config, 'LocationConstraint')
  }
  createBucket(s3, bucket, constraint)
  return ok(ctx, { location: `/${bucket}` })
}

export function handleHeadBucket({ ctx, s3, bucket }: S3Route): Response {
  const b = headBucket(s3, bucket)
  return ok(ctx, { 'x-amz-bucket-region': b.region, 'x-amz-access-point-alias': 'false' })
}

export function handleDeleteBucket({ ctx, s3, bucket }: S3Route): Response {
  deleteBucket(s3, bucket)
  return ok(ctx, {}, 204)
}

export function handleGetBucketLocation({ ctx, s3, bucket }: S3Route): Response {
  const region = s3.bucket(bucket).region
  // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
  const body = xmlDocument('LocationConstraint', []).replace(
    '></LocationConstraint>',
    `>${region === 'us-east-1' ? '' : region}</LocationConstraint>`,
  )
  return new Response(body, { headers: { ...idHeaders(ctx), 'content-type': 'application/xml' } })
}

export function parseMaxKeys(value: string | null): number {
  if (value === null) return 1000
  if (!/^\d+$/.test(value) || Number(value) > 2147483647) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value)
  }
  return Math.min(Number(value), 1000)
}

/** ListObjectsV2 (list-type=2) and the original ListObjects, which shares the walk. */
export function handleListObjects({ ctx, s3, bucket }: S3Route): Response {
  const q = ctx.query
  const v2 = q.get('list-type') === '2'
  const asked = q.get('encoding-type') === 'url'
  if (q.has('encoding-type') && !asked)
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', q.get('encoding-type')!)
  const prefix = q.get('prefix') ?? ''
  const delimiter = q.get('delimiter') || undefined
  const maxKeys = parseMaxKeys(q.get('max-keys'))
  const startAfter = (v2 ? q.get('start-after') : q.get('marker')) ?? undefined
  const token = v2 ? (q.get('continuation-token') ?? undefined) : undefined
  const result: ListResult = listObjectsV2(s3, {
    bucket,
    prefix,
    maxKeys,
    ...(delimiter ? { delimiter } : {}),
    ...(startAfter ? { startAfter } : {}),
    ...(token !== undefined ? { continuationToken: token } : {}),
  })
  // A key XML 1.0 cannot carry (a control character) makes S3 url-encode the whole listing, and say so.
  const encode =
    asked ||
    [prefix, delimiter ?? '', startAfter ?? '', ...result.contents.map((o) => o.key), ...result.commonPrefixes].some(
      needsUrlEncoding,
    )
  const enc = (s: string) => (encode ? encodeURIComponent(s) : s)
  const owner: XmlNode = ['Owner', [['ID', ownerId(s3.options.account)]]]
  const contents = result.contents.map((o): XmlNode => [
    'Contents',
    [
      ['Key', enc(o.key)],
      ['LastModified', isoDate(o.lastModified)],
      ['ETag', o.etag],
      ...(o.checksum
        ? ([
            ['ChecksumAlgorithm', o.checksum.algorithm],
            ['ChecksumType', o.checksum.type],
          ] as XmlNode[])
        : []),
      ['Size', o.size],
      ...(!v2 || q.get('fetch-owner') === 'true' ? [owner] : []),
      ['StorageClass', 'STANDARD'],
    ],
  ])
  const lastKey = result.contents.at(-1)?.key
  const nodes: XmlNode[] = [
    ['Name', bucket],
    ['Prefix', enc(prefix)],
    ...(v2
      ? ([
          ['ContinuationToken', token],
          ['NextContinuationToken', result.nextContinuationToken],
          ['StartAfter', startAfter !== undefined ? enc(startAfter) : undefined],
          ['KeyCount', result.contents.length + result.commonPrefixes.length],
        ] as XmlNode[])
      : ([
          ['Marker', enc(startAfter ?? '')],
          ['NextMarker', result.isTruncated && delimiter && lastKey ? enc(lastKey) : undefined],
        ] as XmlNode[])),
    ['MaxKeys', maxKeys],
    ['Delimiter', delimiter !== undefined ? enc(delimiter) : undefined],
    ['IsTruncated', result.isTruncated],
    ...contents,
    ...result.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
    ['EncodingType', encode ? 'url' : undefined],
  ]
  return xml(ctx, 'ListBucketResult', nodes)
}
