/** HTTP bindings for PutBucketEncryption, GetBucketEncryption and DeleteBucketEncryption (`?encryption`). */
import { fromUtf8 } from '../../crypto/bytes'
import { malformedXml } from '../../s3/errors'
import {
  deleteBucketEncryption,
  getBucketEncryption,
  putBucketEncryption,
  type RuleInput,
} from '../../s3/operations/bucket-encryption'
import { children, parseXml, text, texts, type XmlNode } from '../xml'
import type { S3Route } from './bucket-routes'
import { ok, xml } from './respond'

function parseRules(body: Uint8Array): RuleInput[] {
  const root = children(parseXml(fromUtf8(body)), 'ServerSideEncryptionConfiguration')[0]
  if (!root) throw malformedXml()
  return children(root, 'Rule').map((rule) => {
    const byDefault = children(rule, 'ApplyServerSideEncryptionByDefault')[0]
    const blocked = children(rule, 'BlockedEncryptionTypes')[0]
    const bucketKey = text(rule, 'BucketKeyEnabled')
    if (bucketKey !== undefined && bucketKey !== 'true' && bucketKey !== 'false') throw malformedXml()
    const input: RuleInput = { hasDefault: byDefault !== undefined }
    const algorithm = text(byDefault, 'SSEAlgorithm')
    const keyId = text(byDefault, 'KMSMasterKeyID')
    if (algorithm !== undefined) input.algorithm = algorithm
    if (keyId !== undefined) input.kmsMasterKeyId = keyId
    if (bucketKey !== undefined) input.bucketKeyEnabled = bucketKey === 'true'
    if (blocked) input.blocked = texts(blocked, 'EncryptionType')
    return input
  })
}

export function handlePutBucketEncryption({ ctx, s3, bucket, body }: S3Route): Response {
  putBucketEncryption(s3, bucket, parseRules(body))
  return ok(ctx)
}

export function handleGetBucketEncryption({ ctx, s3, bucket }: S3Route): Response {
  const rule = getBucketEncryption(s3, bucket)
  const nodes: XmlNode[] = [
    [
      'ApplyServerSideEncryptionByDefault',
      [
        ['SSEAlgorithm', rule.algorithm],
        ['KMSMasterKeyID', rule.kmsMasterKeyId],
      ],
    ],
    ['BucketKeyEnabled', rule.bucketKeyEnabled],
    ['BlockedEncryptionTypes', rule.blocked?.map((t): XmlNode => ['EncryptionType', t])],
  ]
  return xml(ctx, 'ServerSideEncryptionConfiguration', [['Rule', nodes]])
}

export function handleDeleteBucketEncryption({ ctx, s3, bucket }: S3Route): Response {
  deleteBucketEncryption(s3, bucket)
  return ok(ctx, {}, 204)
}
