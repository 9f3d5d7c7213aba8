/** HTTP binding for GetObjectAttributes (GET ?attributes). */
import { getObjectAttributes } from '../../s3/operations/get-object-attributes'
import type { XmlNode } from '../xml'
import type { S3Route } from './bucket-routes'
import { sseRequest } from './headers'
import { requestInfo } from './request-info'
import { xml } from './respond'
import { versionHeader } from '../../s3/versions'

export async function handleGetObjectAttributes({ ctx, s3, bucket, key }: S3Route): Promise<Response> {
  const h = ctx.headers
  const maxParts = h.get('x-amz-max-parts') ?? undefined
  const marker = h.get('x-amz-part-number-marker') ?? undefined
  const versionId = ctx.query.get('versionId') ?? undefined
  const result = await getObjectAttributes(
    s3,
    {
      bucket,
      key: key!,
      attributes: (h.get('x-amz-object-attributes') ?? '').split(','),
      sse: sseRequest(h),
      ...(maxParts !== undefined ? { maxParts } : {}),
      ...(marker !== undefined ? { partNumberMarker: marker } : {}),
      ...(versionId !== undefined ? { versionId } : {}),
    },
    requestInfo(ctx),
  )
  const { object, attributes: want, checksum, parts } = result
  const nodes: XmlNode[] = [
    // GetObjectAttributes gives the ETag without quotes (docs/fidelity.md §6.1).
    want.has('ETag') ? ['ETag', object.etag.replace(/"/g, '')] : undefined,
    want.has('Checksum') && checksum
      ? [
          'Checksum',
          [
            [`Checksum${checksum.algorithm}`, checksum.value],
            ['ChecksumType', checksum.type],
          ],
        ]
      : undefined,
    want.has('ObjectParts') && parts
      ? [
          'ObjectParts',
          [
            ['TotalPartsCount', parts.total],
            ['PartNumberMarker', parts.marker],
            ['NextPartNumberMarker', parts.nextMarker],
            ['MaxParts', parts.maxParts],
            ['IsTruncated', parts.isTruncated],
            ...parts.list.map((p): XmlNode => [
              'Part',
              [
                ['PartNumber', p.partNumber],
                ['Size', p.size],
                p.checksum && checksum ? [`Checksum${checksum.algorithm}`, p.checksum] : undefined,
              ],
            ]),
          ],
        ]
      : undefined,
    want.has('StorageClass') ? ['StorageClass', object.storageClass ?? 'STANDARD'] : undefined,
    want.has('ObjectSize') ? ['ObjectSize', object.size] : undefined,
  ]
  return xml(ctx, 'GetObjectAttributesResponse', nodes, {
    'last-modified': object.lastModified.toUTCString(),
    ...versionHeader(s3.bucket(bucket), object),
  })
}
