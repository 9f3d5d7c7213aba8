/**
 * The journal's entities (lib/emulator/state-entities.ts): replaying a compaction plus the ops of every
 * change since gives exactly the snapshot of the live state, for S3, KMS and CloudTrail changes, and for
 * model fields this file has never heard of (a new map on a bucket, a field set in place on an object).
 */
import { describe, expect, it } from 'vitest'
import { applyOp, ChangeTracker, composeSnapshot, type Op } from '@/lib/emulator/state-entities'
import { toSnapshot } from '@/lib/emulator/snapshot'
import { harness } from '../../helpers/handle'

const kms = (send: ReturnType<typeof harness>['send'], operation: string, body: object) =>
  send('POST', '/', {
    headers: { 'x-amz-target': `TrentService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  })

function replayer() {
  const h = harness()
  const tracker = new ChangeTracker(h.emulator)
  const entities = tracker.captureAll()
  const ops: Op[] = []
  return {
    ...h,
    /** Takes the ops since the last call, as a journal batch would, and applies them. */
    batch() {
      const batch = tracker.changes()
      ops.push(...batch)
      for (const op of batch) applyOp(entities, op)
      return batch
    },
    replayed: () => composeSnapshot(entities, 10_000),
    live: () => toSnapshot(h.emulator.s3, h.emulator, 'blobs'),
    ops,
  }
}

describe('ChangeTracker and composeSnapshot', () => {
  it('compaction plus the ops since it is exactly the live state', async () => {
    const r = replayer()
    expect((await r.send('PUT', '/entities')).status).toBe(200)
    r.batch()
    for (const key of ['a', 'b', 'c']) expect((await r.send('PUT', `/entities/${key}`, { body: key })).status).toBe(200)
    r.batch()
    const key = JSON.parse(await (await kms(r.send, 'CreateKey', {})).text()).KeyMetadata.KeyId as string
    await r.send('PUT', '/entities/b', {
      body: 'again',
      headers: { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': key },
    })
    await r.send('DELETE', '/entities/a')
    const created = await (await r.send('POST', '/entities/upload?uploads')).text()
    const uploadId = /<UploadId>([^<]+)</.exec(created)![1]!
    r.batch()
    // A part added to an upload in progress changes the upload in place (its parts map).
    expect((await r.send('PUT', `/entities/upload?partNumber=1&uploadId=${uploadId}`, { body: 'part' })).status).toBe(
      200,
    )
    await r.send('PUT', '/entities?encryption', {
      body: '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>',
    })
    await kms(r.send, 'DisableKey', { KeyId: key })
    r.batch()
    expect(r.replayed()).toEqual(r.live())
    // Only what changed: the last batch names the upload, the bucket header, KMS and its trail records.
    const changedBuckets = r.ops.filter((op) => 'field' in op).map((op) => (op as { key: unknown }).key)
    expect(changedBuckets).toContain(uploadId)
  })

  it('a map or a field the model gains later is journalled as the snapshot encodes it', async () => {
    const r = replayer()
    await r.send('PUT', '/entities')
    await r.send('PUT', '/entities/tagged', { body: 'x' })
    r.batch()
    const bucket = r.emulator.s3.buckets.get('entities')! as unknown as Record<string, unknown>
    // A new map on the bucket (say, object versions), filled after the tracker first saw the bucket.
    bucket.versions = new Map([['tagged', [{ versionId: 'v1', note: 'first' }]]])
    // A new field set in place on a stored object, by a request that names its key.
    const object = r.emulator.s3.buckets.get('entities')!.objects.get('tagged')! as unknown as Record<string, unknown>
    object.laterField = { set: 'in place' }
    const tagged = await r.send('PUT', '/entities/tagged?tagging', {
      body: '<Tagging><TagSet><Tag><Key>project</Key><Value>journal</Value></Tag></TagSet></Tagging>',
    })
    expect(tagged.status).toBe(200)
    const ops = r.batch()
    expect(ops.some((op) => 'field' in op && op.field === 'versions')).toBe(true)
    expect(r.replayed()).toEqual(r.live())
    ;(bucket.versions as Map<string, unknown>).delete('tagged')
    r.batch()
    expect(r.replayed()).toEqual(r.live())
  })

  it('versioned buckets: versions, delete markers and the version counter replay exactly', async () => {
    const r = replayer()
    await r.send('PUT', '/versioned')
    r.batch()
    const enabled = await r.send('PUT', '/versioned?versioning', {
      body: '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
    })
    expect(enabled.status).toBe(200)
    for (const body of ['v1', 'v2', 'v3']) await r.send('PUT', '/versioned/doc', { body })
    r.batch()
    await r.send('DELETE', '/versioned/doc')
    await r.send('PUT', '/versioned/other', { body: 'x' })
    r.batch()
    const listing = await (await r.send('GET', '/versioned?versions')).text()
    expect(listing.match(/<Version>/g)?.length).toBe(4)
    expect(listing).toContain('<DeleteMarker>')
    expect(r.replayed()).toEqual(r.live())
  })

  it('a batch with no change is empty', async () => {
    const r = replayer()
    await r.send('PUT', '/entities')
    r.batch()
    await r.send('GET', '/entities?list-type=2')
    expect(r.batch()).toEqual([])
  })
})
