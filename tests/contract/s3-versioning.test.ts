/**
 * Versioning with encryption per version, DeleteObjects and object tagging, through @aws-sdk/client-s3
 * against the emulator's real HTTP host (docs/fidelity.md, "Versioning", "DeleteObjects", "Tagging").
 */
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeleteObjectTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  CompleteMultipartUploadCommand,
} from '@aws-sdk/client-s3'
import { CreateKeyCommand, DisableKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms'
import { startEmulator, testCredentials, type RunningEmulator } from '../helpers/server'

let running: RunningEmulator
let s3: S3Client
let kms: KMSClient
const Bucket = 'versioned-bucket'

beforeAll(async () => {
  running = await startEmulator()
  const config = { region: 'us-east-1', endpoint: running.endpoint, credentials: testCredentials }
  s3 = new S3Client({ ...config, forcePathStyle: true })
  kms = new KMSClient(config)
  await s3.send(new CreateBucketCommand({ Bucket }))
})
afterAll(() => running.close())

async function failure(p: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await p
  } catch (e) {
    if (e instanceof S3ServiceException) return e
    throw e
  }
  throw new Error('expected the call to fail')
}

const body = async (out: { Body?: { transformToString(): Promise<string> } }) => out.Body!.transformToString()

describe('bucket versioning', () => {
  it('a never-versioned bucket reports no status, and lists its objects as null versions', async () => {
    const status = await s3.send(new GetBucketVersioningCommand({ Bucket }))
    expect(status.Status).toBeUndefined()
    await s3.send(new PutObjectCommand({ Bucket, Key: 'before.txt', Body: 'unversioned' }))
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'before.txt', Body: 'replaced' }))
    expect(put.VersionId).toBeUndefined()
    const list = await s3.send(new ListObjectVersionsCommand({ Bucket }))
    expect(list.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([['before.txt', 'null', true]])
    expect(list.DeleteMarkers).toBeUndefined()
  })

  it('PutBucketVersioning Enabled; GetBucketVersioning reads it back; a bad status is MalformedXML', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }))
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled')
    const bad = await failure(
      s3.send(
        new PutBucketVersioningCommand({
          Bucket,
          VersioningConfiguration: { Status: 'On' as 'Enabled' },
        }),
      ),
    )
    expect(bad.name).toBe('MalformedXML')
  })

  it('each PUT is a new version with its own encryption; the old ones keep theirs', async () => {
    const key = await kms.send(new CreateKeyCommand({}))
    const v1 = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'doc.txt', Body: 'one', ServerSideEncryption: 'AES256' }),
    )
    const v2 = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'doc.txt',
        Body: 'two',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: key.KeyMetadata!.KeyId,
        BucketKeyEnabled: true,
      }),
    )
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    expect(v2.VersionId).not.toBe(v1.VersionId)
    const old = await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt', VersionId: v1.VersionId }))
    expect(await body(old)).toBe('one')
    expect(old.ServerSideEncryption).toBe('AES256')
    expect(old.VersionId).toBe(v1.VersionId)
    const current = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt' }))
    expect(current.ServerSideEncryption).toBe('aws:kms')
    expect(current.SSEKMSKeyId).toBe(key.KeyMetadata!.Arn)
    expect(current.BucketKeyEnabled).toBe(true)
    expect(current.VersionId).toBe(v2.VersionId)
    const oldHead = await s3.send(
      new HeadObjectCommand({ Bucket, Key: 'doc.txt', VersionId: v1.VersionId, ChecksumMode: 'ENABLED' }),
    )
    expect(oldHead.BucketKeyEnabled).toBeUndefined()
    expect(oldHead.ChecksumCRC32 ?? oldHead.ChecksumCRC64NVME).toBeDefined()
    // The object that was there before versioning is the null version, still readable by that id.
    const nullVersion = await s3.send(new GetObjectCommand({ Bucket, Key: 'before.txt', VersionId: 'null' }))
    expect(await body(nullVersion)).toBe('replaced')
  })

  it('a bad version id is InvalidArgument; an unknown one NoSuchVersion', async () => {
    const bad = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt', VersionId: 'not-a-version' })))
    expect([bad.name, bad.$metadata.httpStatusCode, bad.message]).toEqual([
      'InvalidArgument',
      400,
      'Invalid version id specified',
    ])
    const unknown = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt', VersionId: 'A'.repeat(32) })))
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404])
  })

  it('DELETE adds a delete marker: GET is 404 with x-amz-delete-marker, the versions stay', async () => {
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc.txt' }))
    expect(del.DeleteMarker).toBe(true)
    expect(del.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
    const gone = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))
    expect([gone.name, gone.$response?.headers['x-amz-delete-marker']]).toEqual(['NoSuchKey', 'true'])
    const marker = await failure(s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt', VersionId: del.VersionId })))
    expect(marker.$metadata.httpStatusCode).toBe(405)
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((o) => o.Key)).toEqual(['before.txt'])
    const list = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'doc' }))
    expect(list.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[del.VersionId, true]])
    expect(list.Versions?.map((v) => v.IsLatest)).toEqual([false, false])
    // Deleting the marker by id brings the newest version back.
    const undo = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'doc.txt', VersionId: del.VersionId }))
    expect([undo.DeleteMarker, undo.VersionId]).toEqual([true, del.VersionId])
    expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' })))).toBe('two')
  })

  it('ListObjectVersions pages with key and version-id markers, MaxKeys, delimiter and url encoding', async () => {
    for (const k of ['p/a', 'p/a', 'p/b', 'q/c d']) await s3.send(new PutObjectCommand({ Bucket, Key: k, Body: k }))
    const seen: string[] = []
    let KeyMarker: string | undefined
    let VersionIdMarker: string | undefined
    for (let page = 0; page < 10; page++) {
      const out = await s3.send(
        new ListObjectVersionsCommand({ Bucket, Prefix: 'p/', MaxKeys: 2, KeyMarker, VersionIdMarker }),
      )
      seen.push(...(out.Versions ?? []).map((v) => `${v.Key}:${v.IsLatest}`))
      if (!out.IsTruncated) break
      KeyMarker = out.NextKeyMarker
      VersionIdMarker = out.NextVersionIdMarker
    }
    expect(seen).toEqual(['p/a:true', 'p/a:false', 'p/b:true'])
    const grouped = await s3.send(new ListObjectVersionsCommand({ Bucket, Delimiter: '/', EncodingType: 'url' }))
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['p%2F', 'q%2F'])
    const encoded = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'q/', EncodingType: 'url' }))
    expect(encoded.Versions?.[0]?.Key).toBe('q%2Fc%20d')
    const orphan = await failure(s3.send(new ListObjectVersionsCommand({ Bucket, VersionIdMarker: 'null' })))
    expect(orphan.name).toBe('InvalidArgument')
  })

  it('copy in place re-encrypts into a new version and leaves the old one as it was', async () => {
    const before = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt' }))
    const copy = await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'doc.txt',
        CopySource: `${Bucket}/doc.txt`,
        ServerSideEncryption: 'AES256',
      }),
    )
    expect(copy.VersionId).toBeDefined()
    expect(copy.VersionId).not.toBe(before.VersionId)
    expect(copy.ServerSideEncryption).toBe('AES256')
    const kept = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt', VersionId: before.VersionId }))
    expect(kept.ServerSideEncryption).toBe('aws:kms')
    // Copying a named old version out, with x-amz-copy-source-version-id in the answer.
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'doc.txt' }))
    const oldest = versions.Versions!.at(-1)!.VersionId!
    const out = await s3.send(
      new CopyObjectCommand({ Bucket, Key: 'restored.txt', CopySource: `${Bucket}/doc.txt?versionId=${oldest}` }),
    )
    expect(out.CopySourceVersionId).toBe(oldest)
    expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'restored.txt' })))).toBe('one')
  })

  it('CompleteMultipartUpload answers the new version id', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big.bin' }))
    const part = await s3.send(new UploadPartCommand({ Bucket, Key: 'big.bin', UploadId, PartNumber: 1, Body: 'mp' }))
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'big.bin',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    )
    expect(done.VersionId).toMatch(/^[A-Za-z0-9._]{32}$/)
  })

  it('a version under a disabled or deleted KMS key is unreadable; the newer ones stay readable', async () => {
    const old = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const other = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!
    const sse = (KeyId: string) => ({ ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: KeyId })
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'stranded.txt', Body: 'v1', ...sse(old.KeyId!) }))
    await s3.send(new PutObjectCommand({ Bucket, Key: 'stranded.txt', Body: 'v2', ...sse(other.KeyId!) }))
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: old.KeyId, PendingWindowInDays: 7 }))
    const error = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'stranded.txt', VersionId: v1.VersionId })))
    expect(error.name).toBe('KMS.KMSInvalidStateException')
    expect(await body(await s3.send(new GetObjectCommand({ Bucket, Key: 'stranded.txt' })))).toBe('v2')
    await kms.send(new DisableKeyCommand({ KeyId: other.KeyId }))
    const disabled = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'stranded.txt' })))
    expect(disabled.name).toBe('KMS.DisabledException')
  })

  it('Suspended: new writes are the null version, replacing the previous null one; deletes add a null marker', async () => {
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }))
    await s3.send(new PutObjectCommand({ Bucket, Key: 'before.txt', Body: 'suspended write' }))
    const list = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'before.txt' }))
    expect(list.Versions?.map((v) => v.VersionId)).toEqual(['null'])
    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'before.txt' }))
    expect([del.DeleteMarker, del.VersionId]).toEqual([true, 'null'])
    const after = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'before.txt' }))
    expect(after.Versions).toBeUndefined()
    expect(after.DeleteMarkers?.map((m) => m.VersionId)).toEqual(['null'])
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }))
  })
})

describe('object tagging', () => {
  it('x-amz-tagging on PUT, Put/Get/DeleteObjectTagging per version, TagCount on GET', async () => {
    const v1 = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'tagged.txt', Body: 'a', Tagging: 'team=blue&tier=1' }),
    )
    const got = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))
    expect(got.TagSet).toEqual([
      { Key: 'team', Value: 'blue' },
      { Key: 'tier', Value: '1' },
    ])
    expect(got.VersionId).toBe(v1.VersionId)
    expect((await s3.send(new GetObjectCommand({ Bucket, Key: 'tagged.txt' }))).TagCount).toBe(2)
    await s3.send(new PutObjectCommand({ Bucket, Key: 'tagged.txt', Body: 'b' }))
    const put = await s3.send(
      new PutObjectTaggingCommand({
        Bucket,
        Key: 'tagged.txt',
        VersionId: v1.VersionId,
        Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] },
      }),
    )
    expect(put.VersionId).toBe(v1.VersionId)
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toEqual([])
    await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'tagged.txt', VersionId: v1.VersionId }))
    const none = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt', VersionId: v1.VersionId }))
    expect(none.TagSet).toEqual([])
  })

  it('copy keeps tags (COPY) or takes the header (REPLACE); limits are InvalidTag/BadRequest', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'src.txt', Body: 's', Tagging: 'a=1' }))
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'c1.txt', CopySource: `${Bucket}/src.txt` }))
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'c1.txt' }))).TagSet).toEqual([
      { Key: 'a', Value: '1' },
    ])
    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'c2.txt',
        CopySource: `${Bucket}/src.txt`,
        TaggingDirective: 'REPLACE',
        Tagging: 'b=2',
      }),
    )
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'c2.txt' }))).TagSet).toEqual([
      { Key: 'b', Value: '2' },
    ])
    const dup = await failure(
      s3.send(
        new PutObjectTaggingCommand({
          Bucket,
          Key: 'src.txt',
          Tagging: {
            TagSet: [
              { Key: 'x', Value: '1' },
              { Key: 'x', Value: '2' },
            ],
          },
        }),
      ),
    )
    expect(dup.name).toBe('InvalidTag')
    const many = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    const tooMany = await failure(
      s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'src.txt', Tagging: { TagSet: many } })),
    )
    expect(tooMany.name).toBe('BadRequest')
  })
})

describe('DeleteObjects', () => {
  it('verbose: deleted keys, markers created, version ids removed; quiet: errors only', async () => {
    const v = await s3.send(new PutObjectCommand({ Bucket, Key: 'x1', Body: 'x' }))
    await s3.send(new PutObjectCommand({ Bucket, Key: 'x2', Body: 'x' }))
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        BypassGovernanceRetention: true,
        Delete: { Objects: [{ Key: 'x1', VersionId: v.VersionId }, { Key: 'x2' }, { Key: 'x3', VersionId: 'bad' }] },
      }),
    )
    expect(out.Deleted).toEqual([
      { Key: 'x1', VersionId: v.VersionId },
      { Key: 'x2', DeleteMarker: true, DeleteMarkerVersionId: expect.stringMatching(/^[A-Za-z0-9._]{32}$/) },
    ])
    expect(out.Errors).toEqual([
      { Key: 'x3', VersionId: 'bad', Code: 'InvalidArgument', Message: 'Invalid version id specified' },
    ])
    // A key S3 could never store gets no delete marker.
    const long = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'k'.repeat(1025) }] } }))
    expect(long.Errors?.map((e) => e.Code)).toEqual(['KeyTooLongError'])
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'x2' }] } }))
    expect(quiet.Deleted).toBeUndefined()
    expect(quiet.Errors).toBeUndefined()
  })

  it('without Content-MD5 or a checksum it is InvalidRequest; a bad Delete document is MalformedXML', async () => {
    const post = (doc: string, headers: Record<string, string> = {}) =>
      fetch(`${running.endpoint}/${Bucket}?delete`, { method: 'POST', body: doc, headers })
    const doc = '<Delete><Object><Key>x1</Key></Object></Delete>'
    const missing = await post(doc)
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain(
      '<Code>InvalidRequest</Code><Message>Missing required header for this request: Content-MD5</Message>',
    )
    const md5 = (s: string) => createHash('md5').update(s).digest('base64')
    for (const bad of [
      '<Delete>',
      '<Delete></Delete>',
      '<Remove><Object><Key>a</Key></Object></Remove>',
      '<Delete><Object/></Delete>',
    ]) {
      const answer = await post(bad, { 'content-md5': md5(bad) })
      expect([bad, answer.status, await answer.text()]).toEqual([
        bad,
        400,
        expect.stringContaining('<Code>MalformedXML</Code>'),
      ])
    }
    const good = await post(doc, { 'content-md5': md5(doc), 'x-amz-bypass-governance-retention': 'true' })
    expect(good.status).toBe(200)
    expect(await good.text()).toContain('<Deleted><Key>x1</Key><DeleteMarker>true</DeleteMarker>')
  })

  it('bucket policies see version actions: s3:GetObjectVersion, and s3:DeleteObject key by key', async () => {
    const PolicyBucket = 'versioned-policy'
    await s3.send(new CreateBucketCommand({ Bucket: PolicyBucket }))
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: PolicyBucket, VersioningConfiguration: { Status: 'Enabled' } }),
    )
    const v = await s3.send(new PutObjectCommand({ Bucket: PolicyBucket, Key: 'a', Body: 'a' }))
    await s3.send(new PutObjectCommand({ Bucket: PolicyBucket, Key: 'keep', Body: 'k' }))
    const deny = (Action: string, Resource: string) => ({ Effect: 'Deny', Principal: '*', Action, Resource })
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: PolicyBucket,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            deny('s3:GetObjectVersion', `arn:aws:s3:::${PolicyBucket}/*`),
            deny('s3:DeleteObject', `arn:aws:s3:::${PolicyBucket}/keep`),
          ],
        }),
      }),
    )
    expect(await body(await s3.send(new GetObjectCommand({ Bucket: PolicyBucket, Key: 'a' })))).toBe('a')
    const denied = await failure(
      s3.send(new GetObjectCommand({ Bucket: PolicyBucket, Key: 'a', VersionId: v.VersionId })),
    )
    expect([denied.name, denied.message]).toEqual(['AccessDenied', expect.stringContaining('s3:GetObjectVersion')])
    const out = await s3.send(
      new DeleteObjectsCommand({ Bucket: PolicyBucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'keep' }] } }),
    )
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['a'])
    expect(out.Errors?.map((e) => [e.Key, e.Code])).toEqual([['keep', 'AccessDenied']])
  })

  it('more than 1,000 keys is MalformedXML', async () => {
    const Objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }))
    const error = await failure(s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } })))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['MalformedXML', 400])
  })

  it('empties a versioned bucket (list-object-versions then delete-objects), so DeleteBucket succeeds', async () => {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    )
    const notEmpty = await failure(s3.send(new DeleteBucketCommand({ Bucket })))
    expect(notEmpty.name).toBe('BucketNotEmpty')
    for (let i = 0; i < 10; i++) {
      const list = await s3.send(new ListObjectVersionsCommand({ Bucket }))
      const Objects = [...(list.Versions ?? []), ...(list.DeleteMarkers ?? [])].map((v) => ({
        Key: v.Key!,
        VersionId: v.VersionId!,
      }))
      if (Objects.length === 0) break
      const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }))
      expect(out.Errors).toBeUndefined()
    }
    await s3.send(new DeleteBucketCommand({ Bucket }))
    expect(running.emulator.s3.buckets.has(Bucket)).toBe(false)
  })
})
