/** toSnapshot → JSON → fromSnapshot: what --data-dir stores. Objects stay encrypted, and stay readable. */
import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createEmulator } from '@/lib/emulator/create-emulator'
import { fromSnapshot, SNAPSHOT_VERSION, toSnapshot } from '@/lib/emulator/snapshot'
import { ENDPOINT, errorOf, harness, type Harness } from '../../helpers/handle'
import { unwrapWithRoot } from '@/lib/s3/root-keys'
import { aesGcmEncrypt } from '@/lib/crypto/aes-gcm'
import { decodeValue } from '@/lib/emulator/s3-snapshot'

const BUCKET = 'snapshot-bucket'
const SECRET = 'persisted plaintext that must never appear in the snapshot'

let s3: Harness
beforeEach(async () => {
  s3 = harness({ now: () => new Date('2026-05-01T10:00:00.000Z') })
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

/** Round-trips the state through JSON text, as persistence does, into a fresh emulator. */
function reload(from = s3) {
  const json = JSON.stringify(toSnapshot(from.emulator.s3))
  const state = fromSnapshot(JSON.parse(json), from.emulator.s3.options)
  const emulator = createEmulator({}, state)
  return {
    json,
    emulator,
    send: (method: string, path: string, headers: Record<string, string> = {}) =>
      emulator.handle(new Request(ENDPOINT + path, { method, headers })),
  }
}

describe('snapshot round trip', () => {
  it('keeps objects readable with the same bytes, ETag, metadata, checksum and encryption', async () => {
    await s3.send('PUT', `/${BUCKET}/dir/secret.txt`, {
      body: SECRET,
      headers: { 'content-type': 'text/plain', 'x-amz-meta-owner': 'alice' },
    })
    const binary = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) & 255)
    await s3.send('PUT', `/${BUCKET}/binary.bin`, { body: binary })
    const before = await s3.send('HEAD', `/${BUCKET}/dir/secret.txt`, { headers: { 'x-amz-checksum-mode': 'ENABLED' } })

    const after = reload()
    const got = await after.send('GET', `/${BUCKET}/dir/secret.txt`, { 'x-amz-checksum-mode': 'ENABLED' })
    expect([got.status, await got.text()]).toEqual([200, SECRET])
    for (const h of [
      'etag',
      'last-modified',
      'content-type',
      'x-amz-meta-owner',
      'x-amz-server-side-encryption',
      'x-amz-checksum-crc64nvme',
    ]) {
      expect(got.headers.get(h), h).toBe(before.headers.get(h))
      expect(got.headers.get(h), h).not.toBeNull()
    }
    expect(new Uint8Array(await (await after.send('GET', `/${BUCKET}/binary.bin`)).arrayBuffer())).toEqual(binary)
  })

  it('keeps versions, delete markers, tags and the versioning status; old versions stay readable', async () => {
    const versioning = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'
    expect((await s3.send('PUT', `/${BUCKET}?versioning`, { body: versioning })).status).toBe(200)
    const v1 = await s3.send('PUT', `/${BUCKET}/doc`, { body: SECRET, headers: { 'x-amz-tagging': 'a=1' } })
    await s3.send('PUT', `/${BUCKET}/doc`, { body: 'second' })
    const marker = await s3.send('DELETE', `/${BUCKET}/doc`)
    const id = v1.headers.get('x-amz-version-id')!
    const after = reload()
    expect(after.json).not.toContain(SECRET)
    const old = await after.send('GET', `/${BUCKET}/doc?versionId=${id}`)
    expect([old.status, await old.text(), old.headers.get('x-amz-tagging-count')]).toEqual([200, SECRET, '1'])
    const current = await after.send('GET', `/${BUCKET}/doc`)
    expect([current.status, current.headers.get('x-amz-version-id')]).toEqual([
      404,
      marker.headers.get('x-amz-version-id'),
    ])
    const listed = await (await after.send('GET', `/${BUCKET}?versions`)).text()
    expect(listed.match(/<(Version|DeleteMarker)>/g)).toEqual(['<DeleteMarker>', '<Version>', '<Version>'])
    expect(await (await after.send('GET', `/${BUCKET}?versioning`)).text()).toContain('<Status>Enabled</Status>')
  })

  it('stores ciphertext only: the plaintext is nowhere in the JSON', async () => {
    await s3.send('PUT', `/${BUCKET}/secret.txt`, { body: SECRET })
    const { json } = reload()
    expect(json).not.toContain('persisted plaintext')
    expect(json).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 24))
  })

  it('keeps every root key version: objects from before and after a rotation both open', async () => {
    await s3.send('PUT', `/${BUCKET}/old`, { body: 'old generation' })
    s3.emulator.s3.keyring.rotate()
    await s3.send('PUT', `/${BUCKET}/new`, { body: 'new generation' })
    const after = reload()
    expect(after.emulator.s3.keyring.list().map((k) => k.id)).toEqual(s3.emulator.s3.keyring.list().map((k) => k.id))
    expect(after.emulator.s3.keyring.current().id).toBe(s3.emulator.s3.keyring.current().id)
    expect(await (await after.send('GET', `/${BUCKET}/old`)).text()).toBe('old generation')
    expect(await (await after.send('GET', `/${BUCKET}/new`)).text()).toBe('new generation')
  })

  it('keeps buckets, regions, creation dates and encryption configuration', async () => {
    await s3.send('PUT', `/${BUCKET}?encryption`, {
      body: '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled><BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>',
    })
    await s3.send('PUT', '/eu-bucket', {
      body: '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
    })
    const after = reload()
    const restored = after.emulator.s3.bucket(BUCKET)
    const original = s3.emulator.s3.bucket(BUCKET)
    expect(restored.created).toEqual(original.created)
    expect(restored.created).toBeInstanceOf(Date)
    expect(restored.encryption).toEqual({ algorithm: 'AES256', bucketKeyEnabled: true, blocked: ['NONE'] })
    expect(restored.encryptionExplicit).toBe(true)
    expect(after.emulator.s3.bucket('eu-bucket').region).toBe('eu-west-1')
    expect(await (await after.send('GET', `/${BUCKET}?encryption`)).text()).toContain(
      '<BucketKeyEnabled>true</BucketKeyEnabled>',
    )
  })

  it('the restored state keeps working: writes, lists and rotations', async () => {
    await s3.send('PUT', `/${BUCKET}/a`, { body: 'a' })
    const after = reload()
    after.emulator.s3.keyring.rotate()
    await after.emulator.handle(new Request(`${ENDPOINT}/${BUCKET}/b`, { method: 'PUT', body: 'b' }))
    const list = await (await after.send('GET', `/${BUCKET}?list-type=2`)).text()
    expect(list).toContain('<Key>a</Key>')
    expect(list).toContain('<Key>b</Key>')
    expect(await (await after.send('GET', `/${BUCKET}/a`)).text()).toBe('a')
  })

  it('tampered ciphertext in the snapshot is caught on GET (500), not returned', async () => {
    await s3.send('PUT', `/${BUCKET}/secret.txt`, { body: SECRET })
    const snap = JSON.parse(JSON.stringify(toSnapshot(s3.emulator.s3)))
    const part = snap.buckets[0].objects[0].sealed.parts[0]
    const bytes = Buffer.from(part.sealedBytes.$b64, 'base64')
    bytes[3]! ^= 0x10
    part.sealedBytes.$b64 = bytes.toString('base64')
    const emulator = createEmulator({}, fromSnapshot(snap, s3.emulator.s3.options))
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const e = await errorOf(await emulator.handle(new Request(`${ENDPOINT}/${BUCKET}/secret.txt`)))
      expect([e.status, e.code]).toEqual([500, 'InternalError'])
    } finally {
      spy.mockRestore()
    }
  })

  it('refuses other versions and broken byte fields', async () => {
    await s3.send('PUT', `/${BUCKET}/k`, { body: 'v' })
    const snap = JSON.parse(JSON.stringify(toSnapshot(s3.emulator.s3)))
    expect(snap.version).toBe(SNAPSHOT_VERSION)
    expect(() => fromSnapshot({ ...snap, version: 999 }, s3.emulator.s3.options)).toThrow(/version/)
    expect(() => fromSnapshot(null, s3.emulator.s3.options)).toThrow()
    snap.buckets[0].objects[0].sealed.parts[0].nonceBase = { $b64: 'not base64!' }
    expect(() => fromSnapshot(snap, s3.emulator.s3.options)).toThrow(/base64/)
  })
})

describe('snapshots from before segments (the first object format)', () => {
  it('still load: a root-wrapped key and one ciphertext become one segment', async () => {
    await s3.send('PUT', `/${BUCKET}/old.txt`, { body: SECRET })
    const snap = JSON.parse(JSON.stringify(toSnapshot(s3.emulator.s3)))
    const o = snap.buckets[0].objects[0]
    // The first format: one AES-GCM over the whole body, AAD = the object ARN (made here with the same key).
    const { key } = o.sealed
    const dataKey = await unwrapWithRoot(
      s3.emulator.s3.keyring,
      decodeValue(key) as never,
      'arn:aws:s3:::snapshot-bucket/old.txt',
    )
    const iv = new Uint8Array(12).fill(5)
    const ciphertext = await aesGcmEncrypt(
      dataKey,
      iv,
      new TextEncoder().encode(SECRET),
      new TextEncoder().encode('arn:aws:s3:::snapshot-bucket/old.txt'),
    )
    o.lastModified = o.lastModified.$date
    o.sealed = {
      rootKeyId: key.rootKeyId,
      wrappedKeyIv: key.iv.$b64,
      wrappedKey: key.wrapped.$b64,
      iv: Buffer.from(iv).toString('base64'),
      ciphertext: Buffer.from(ciphertext).toString('base64'),
    }
    snap.version = 1
    snap.buckets[0].created = snap.buckets[0].created.$date
    const emulator = createEmulator({}, fromSnapshot(snap, s3.emulator.s3.options))
    const restored = emulator.s3.bucket(BUCKET).objects.get('old.txt')!
    expect(restored.sealed.key.kind).toBe('root')
    expect(restored.sealed.parts.map((p) => p.format)).toEqual(['gcm1'])
    expect(restored.lastModified).toBeInstanceOf(Date)
    const got = await emulator.handle(new Request(`${ENDPOINT}/${BUCKET}/old.txt`))
    expect([got.status, await got.text()]).toEqual([200, SECRET])
  })
})

describe('snapshots of issue 4 state', () => {
  it('keep SSE-C objects (key check only), multipart uploads in progress with their parts, and bucket policies', async () => {
    const TLS = 'https://127.0.0.1:4566'
    const key = Buffer.alloc(32, 3)
    const ssec = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': key.toString('base64'),
      'x-amz-server-side-encryption-customer-key-MD5': createHash('md5').update(key).digest('base64'),
    }
    const unblock =
      '<ServerSideEncryptionConfiguration><Rule><BlockedEncryptionTypes><EncryptionType>NONE</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>'
    await s3.send('PUT', `/${BUCKET}?encryption`, { body: unblock })
    expect((await s3.send('PUT', `${TLS}/${BUCKET}/c`, { body: SECRET, headers: ssec })).status).toBe(200)
    const created = await (await s3.send('POST', `/${BUCKET}/mp?uploads`)).text()
    const uploadId = /<UploadId>([^<]+)</.exec(created)![1]!
    const part = await s3.send('PUT', `/${BUCKET}/mp?partNumber=1&uploadId=${uploadId}`, { body: 'part one' })
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*` }],
    })
    expect((await s3.send('PUT', `/${BUCKET}?policy`, { body: policy })).status).toBe(204)

    const after = reload()
    expect(after.json).not.toContain(key.toString('base64'))
    const tls = (method: string, path: string, headers: Record<string, string> = {}) =>
      after.emulator.handle(new Request(TLS + path, { method, headers }))
    expect(await (await tls('GET', `/${BUCKET}/c`, ssec)).text()).toBe(SECRET)
    expect((await tls('GET', `/${BUCKET}/c`)).status).toBe(400)
    expect(await (await after.send('GET', `/${BUCKET}?policy`)).text()).toBe(policy)
    expect((await after.send('DELETE', `/${BUCKET}/c`)).status).toBe(403)
    const done = await after.emulator.handle(
      new Request(`${ENDPOINT}/${BUCKET}/mp?uploadId=${uploadId}`, {
        method: 'POST',
        body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${part.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`,
      }),
    )
    expect(done.status).toBe(200)
    expect(await (await after.send('GET', `/${BUCKET}/mp`)).text()).toBe('part one')
  })
})
