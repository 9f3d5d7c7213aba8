/**
 * Issue 14, item 4, through the real HTTP server and the real SDK: a bucket policy and a key policy whose
 * wildcards were crafted to make a backtracking regular expression run for an exponential time (`a*a*a*…b`
 * against a long run of `a`) are evaluated at once, with the right answer, and the server keeps answering
 * other requests. Before the one linear-time matcher (lib/policy/glob.ts) the GET below never returned.
 */
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { DecryptCommand, EncryptCommand, KMSClient, PutKeyPolicyCommand, CreateKeyCommand } from '@aws-sdk/client-kms'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

const BUCKET = 'crafted-policy'
const RUN = 'a'.repeat(1000)
/** 400 stars: a regular expression built from it backtracks through about C(1000, 400) ways to split the key. */
const crafted = (tail: string) => `${'a*'.repeat(400)}${tail}`

let server: RunningEmulator
let s3: S3Client
let kms: KMSClient

beforeAll(async () => {
  server = await startEmulator()
  const config = { region: 'us-east-1', endpoint: server.endpoint, credentials: testCredentials }
  s3 = new S3Client({ ...config, forcePathStyle: true })
  kms = new KMSClient(config)
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }))
  await s3.send(new CreateBucketCommand({ Bucket: 'bystander' }))
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: RUN, Body: 'readable' }))
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `denied/${RUN}`, Body: 'secret' }))
})
afterAll(async () => {
  s3?.destroy()
  kms?.destroy()
  await server?.close()
})

describe('a bucket policy crafted against backtracking', () => {
  it('answers the GET it governs, both ways, and the server answers the next request', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        // Never matches the 1000-a key (it wants a final b): the object stays readable.
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/${crafted('b')}`,
        },
        // Matches denied/aaa…: an explicit deny.
        {
          Sid: 'CraftedDeny',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${BUCKET}/denied/${crafted('a')}`,
          Condition: { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::*:user/${'*'.repeat(50)}play*ground` } },
        },
        // A condition the caller's ARN fails, crafted the same way: this Deny never applies.
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringLike: { 'aws:PrincipalArn': `${'*a'.repeat(200)}*z` } },
        },
      ],
    }
    const text = JSON.stringify(policy)
    expect(text.length).toBeLessThan(20 * 1024) // within S3's bucket policy size limit
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: text }))

    const [readable, denied, other] = await Promise.all([
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: RUN })),
      s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `denied/${RUN}` })).catch((e: unknown) => e),
      s3.send(new HeadBucketCommand({ Bucket: 'bystander' })),
    ])
    expect(await readable.Body!.transformToString()).toBe('readable')
    expect(denied).toBeInstanceOf(S3ServiceException)
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    expect(other.$metadata.httpStatusCode).toBe(200)
    // The next request is not stalled behind the evaluation either.
    const again = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: RUN }))
    expect(await again.Body!.transformToString()).toBe('readable')
  })
})

describe('a key policy crafted against backtracking', () => {
  it('Encrypt and Decrypt are evaluated through it at once', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}))
    const keyId = KeyMetadata!.KeyId!
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringLike: { [`kms:EncryptionContext:k`]: crafted('b') } },
        },
      ],
    }
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: keyId,
        PolicyName: 'default',
        Policy: JSON.stringify(policy),
        BypassPolicyLockoutSafetyCheck: true,
      }),
    )
    const sealed = async (value: string) =>
      (
        await kms.send(
          new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x'), EncryptionContext: { k: value } }),
        )
      ).CiphertextBlob!
    const allowed = await kms.send(
      new DecryptCommand({ CiphertextBlob: await sealed(RUN), EncryptionContext: { k: RUN } }),
    )
    expect(Buffer.from(allowed.Plaintext!).toString()).toBe('x')
    const deniedBlob = await sealed(`${RUN}b`)
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob: deniedBlob, EncryptionContext: { k: `${RUN}b` } })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    })
  })
})
