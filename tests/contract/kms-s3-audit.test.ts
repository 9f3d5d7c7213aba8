/**
 * The audit trail of S3's calls to KMS (issue 3): an SSE-KMS PUT and GET show up in CloudTrail as
 * GenerateDataKey and Decrypt invoked by s3.amazonaws.com with the object ARN as context; with an S3
 * Bucket Key, 100 PUTs cost only a few GenerateDataKey calls; and a key policy that denies kms:Decrypt
 * makes S3 GETs fail with AccessDenied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { CreateKeyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms'
import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let s3: S3Client
let kms: KMSClient
let trail: CloudTrailClient

beforeAll(async () => {
  running = await startEmulator()
  const common = { region: 'us-east-1', endpoint: running.endpoint, credentials: testCredentials }
  s3 = new S3Client({ ...common, forcePathStyle: true })
  kms = new KMSClient(common)
  trail = new CloudTrailClient(common)
})
afterAll(() => running.close())

async function events(name: string): Promise<Event[]> {
  const out: Event[] = []
  let token: string | undefined
  do {
    const page = await trail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
        NextToken: token,
      }),
    )
    out.push(...(page.Events ?? []))
    token = page.NextToken
  } while (token)
  return out
}

describe("S3 calls KMS on the user's behalf, and CloudTrail shows it", () => {
  it('PUT and GET of an SSE-KMS object: GenerateDataKey then Decrypt, invoked by s3.amazonaws.com, object ARN as context', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'audit' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'audit-bucket' }))
    await s3.send(
      new PutObjectCommand({
        Bucket: 'audit-bucket',
        Key: 'doc.txt',
        Body: 'audited',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KeyMetadata!.KeyId,
      }),
    )
    const got = await s3.send(new GetObjectCommand({ Bucket: 'audit-bucket', Key: 'doc.txt' }))
    expect(await got.Body!.transformToString()).toBe('audited')

    for (const [name, readOnly] of [
      ['GenerateDataKey', true],
      ['Decrypt', true],
    ] as const) {
      const [event] = await events(name)
      expect(event, `${name} is in the trail`).toBeDefined()
      const record = JSON.parse(event!.CloudTrailEvent!)
      expect(record.eventSource).toBe('kms.amazonaws.com')
      expect(record.userIdentity.invokedBy).toBe('s3.amazonaws.com')
      expect(record.sourceIPAddress).toBe('s3.amazonaws.com')
      expect(record.requestParameters.encryptionContext).toEqual({ 'aws:s3:arn': 'arn:aws:s3:::audit-bucket/doc.txt' })
      expect(record.resources[0].ARN).toBe(KeyMetadata!.Arn)
      expect(record.readOnly).toBe(readOnly)
    }
  })

  it('one GET is one Decrypt, even when the response also carries the (encrypted) stored checksum', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'one decrypt per get' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'one-decrypt-bucket' }))
    await s3.send(
      new PutObjectCommand({
        Bucket: 'one-decrypt-bucket',
        Key: 'c.txt',
        Body: 'checked',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KeyMetadata!.KeyId,
        ChecksumAlgorithm: 'CRC32',
      }),
    )
    const ours = async () =>
      (await events('Decrypt')).filter((e) => e.CloudTrailEvent!.includes('one-decrypt-bucket/c.txt')).length
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'one-decrypt-bucket', Key: 'c.txt', ChecksumMode: 'ENABLED' }),
    )
    expect(got.ChecksumCRC32).toBeDefined()
    expect(await got.Body!.transformToString()).toBe('checked')
    expect(await ours()).toBe(1)
  })

  it('with a Bucket Key, 100 PUTs make at most a few GenerateDataKey calls, with the bucket ARN as context', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'bucket key' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-key-bucket' }))
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'bucket-key-bucket',
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KeyMetadata!.Arn },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    )
    const before = (await events('GenerateDataKey')).length
    for (let i = 0; i < 100; i++)
      await s3.send(new PutObjectCommand({ Bucket: 'bucket-key-bucket', Key: `obj-${i}`, Body: `object ${i}` }))
    const all = await events('GenerateDataKey') // newest first
    const calls = all.slice(0, all.length - before)
    console.info(`Bucket Key: 100 PUTs made ${calls.length} GenerateDataKey call(s)`)
    expect(calls.length).toBeGreaterThanOrEqual(1)
    expect(calls.length).toBeLessThanOrEqual(3)
    expect(JSON.parse(calls[0]!.CloudTrailEvent!).requestParameters.encryptionContext).toEqual({
      'aws:s3:arn': 'arn:aws:s3:::bucket-key-bucket',
    })
  })

  it('a key policy that denies kms:Decrypt makes S3 GETs fail with AccessDenied', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'deny decrypt' }))
    await s3.send(new CreateBucketCommand({ Bucket: 'deny-bucket' }))
    await s3.send(
      new PutObjectCommand({
        Bucket: 'deny-bucket',
        Key: 'k',
        Body: 'x',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KeyMetadata!.Arn,
      }),
    )
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Root',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'kms:*',
          Resource: '*',
        },
        { Sid: 'NoDecrypt', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' },
      ],
    }
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: KeyMetadata!.KeyId,
        PolicyName: 'default',
        Policy: JSON.stringify(policy),
        BypassPolicyLockoutSafetyCheck: true,
      }),
    )
    const error = await s3.send(new GetObjectCommand({ Bucket: 'deny-bucket', Key: 'k' })).then(
      () => undefined,
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
    )
    expect(error?.name).toMatch(/AccessDenied/)
    expect(error?.$metadata?.httpStatusCode).toBe(403)
  })
})
