/** The side panels' view models, read straight from a live emulator: buckets and badges, keys and cost, audit events, storage. */
import { describe, expect, it } from 'vitest'
import { auditFacets, auditRows, filterAudit } from '@/lib/inspector/audit-view'
import { badgesFor, bucketRows } from '@/lib/inspector/buckets-view'
import { headerInfo } from '@/lib/inspector/encryption-headers'
import { keyLabel, keysView, usd } from '@/lib/inspector/keys-view'
import { storageView } from '@/lib/inspector/storage-view'
import type { StoredObject } from '@/lib/s3/model'
import { harness } from '../../helpers/handle'
import { kmsHarness } from '../../helpers/kms'
import { memoryBlobs } from '../../helpers/at-rest'

const kmsPost = (h: ReturnType<typeof harness>, op: string, body: unknown) =>
  h.emulator.handle(
    new Request('http://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${op}` },
      body: JSON.stringify(body),
    }),
  )

describe('buckets view', () => {
  it('lists buckets and objects with SSE-S3 and client-side badges', async () => {
    const h = harness()
    await h.send('PUT', '/b-two')
    await h.send('PUT', '/a-one')
    await h.send('PUT', '/a-one/plain.txt', { body: 'hello' })
    await h.send('PUT', '/a-one/cse.bin', {
      body: 'ciphertext from the client',
      headers: {
        'x-amz-meta-x-amz-key-v2': 'AQID',
        'x-amz-meta-x-amz-iv': 'BAUG',
        'x-amz-meta-x-amz-cek-alg': 'AES/GCM/NoPadding',
      },
    })
    const rows = bucketRows(h.emulator.s3)
    expect(rows.map((b) => b.name)).toEqual(['a-one', 'b-two'])
    expect(rows[0]!.defaultBadge).toBe('SSE-S3')
    expect(rows[0]!.objects.map((o) => [o.key, o.badges, o.size])).toEqual([
      ['cse.bin', ['client-side', 'SSE-S3'], 26],
      ['plain.txt', ['SSE-S3'], 5],
    ])
    expect(rows[1]!.objects).toEqual([])
  })

  it('lists every version of a versioned bucket with its own encryption, and delete markers, newest first', async () => {
    const h = harness()
    await h.send('PUT', '/versioned')
    await h.send('PUT', '/versioned/before.txt', { body: 'null version' })
    const on = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'
    await h.send('PUT', '/versioned?versioning', { body: on })
    await h.send('PUT', '/versioned/doc.txt', { body: 'one' })
    await h.send('PUT', '/versioned/doc.txt', { body: 'two', headers: { 'x-amz-server-side-encryption': 'aws:kms' } })
    await h.send('DELETE', '/versioned/before.txt')
    const [bucket] = bucketRows(h.emulator.s3)
    expect(bucket!.versioning).toBe('Enabled')
    expect(
      bucket!.objects.map((o) => [o.key, o.latest, o.deleteMarker ?? false, o.badges, o.versionId === 'null']),
    ).toEqual([
      ['before.txt', true, true, [], false],
      ['before.txt', false, false, ['SSE-S3'], true],
      ['doc.txt', true, false, ['SSE-KMS'], false],
      ['doc.txt', false, false, ['SSE-S3'], false],
    ])
    expect(headerInfo('X-Amz-Delete-Marker')?.lesson).toBe('/learn/versions/')
    expect(headerInfo('x-amz-version-id')?.meaning).toContain('keeps the encryption and key it was written with')
  })

  it('names each server-side mode', () => {
    expect(badgesFor({ algorithm: 'aws:kms' }, {})).toEqual(['SSE-KMS'])
    expect(badgesFor({ algorithm: 'aws:kms:dsse' }, {})).toEqual(['DSSE-KMS'])
    expect(badgesFor({ algorithm: 'SSE-C' }, {})).toEqual(['SSE-C'])
    expect(badgesFor({ algorithm: 'AES256' }, { 'x-amz-key-v2': 'AQID', 'x-amz-wrap-alg': 'kms+context' })).toEqual([
      'client-side',
      'SSE-S3',
    ])
    expect(badgesFor({ algorithm: 'aws:kms' }, { 'x-amz-3': 'AQID', 'x-amz-c': '115' })).toEqual([
      'client-side',
      'SSE-KMS',
    ])
    // Metadata that only looks related is not proof: the encrypted data key must be there.
    expect(badgesFor({ algorithm: 'AES256' }, { 'x-amz-iv': 'AQID' })).toEqual(['SSE-S3'])
  })
})

describe('keys and audit views', () => {
  it('shows keys with aliases, rotation, use counts and cost, and filters CloudTrail by key and event', async () => {
    const { emulator, ok } = kmsHarness()
    const app = (await ok('CreateKey', { Description: 'app data' })).KeyMetadata as { KeyId: string; Arn: string }
    const other = (await ok('CreateKey', {})).KeyMetadata as { KeyId: string; Arn: string }
    await ok('CreateAlias', { AliasName: 'alias/app', TargetKeyId: app.KeyId })
    await ok('EnableKeyRotation', { KeyId: app.KeyId })
    for (let i = 0; i < 3; i++)
      await ok('GenerateDataKey', { KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: { tenant: 'a' } })
    await ok('Encrypt', { KeyId: other.KeyId, Plaintext: btoa('x') })
    await ok('DisableKey', { KeyId: other.KeyId })

    const view = keysView(emulator.kms.state, emulator.cloudtrail)
    const appRow = view.keys.find((k) => k.arn === app.Arn)!
    expect(appRow).toMatchObject({
      aliases: ['alias/app'],
      description: 'app data',
      manager: 'CUSTOMER',
      state: 'Enabled',
      versions: 1,
    })
    expect(appRow.rotation).toMatchObject({ enabled: true, periodInDays: 365 })
    expect(appRow.usage.byOperation.GenerateDataKey).toBe(3)
    expect(appRow.usage.estimatedCostUsd).toBeGreaterThan(0)
    // The cards add up to the account's figure: within the free tier, requests cost nothing on either.
    const cards = view.keys.reduce((n, k) => n + k.billed.estimatedCostUsd, 0)
    expect(cards).toBeCloseTo(view.account.estimatedCostUsd, 12)
    expect(appRow.billed.requestCostUsd).toBe(0)
    expect(appRow.billed.estimatedCostUsd).toBe(appRow.usage.keyStorageCostUsd)
    expect(view.keys.find((k) => k.arn === other.Arn)!.state).toBe('Disabled')
    expect(view.account.billableRequests).toBeGreaterThanOrEqual(5)
    expect(keyLabel(app.Arn, view)).toBe('alias/app')
    expect(keyLabel(other.Arn, view)).toBe(other.KeyId)
    expect(usd(0)).toBe('$0.00')
    expect(usd(0.00003)).toBe('$0.000030')
    expect(usd(1.5)).toBe('$1.50')

    const rows = auditRows(emulator.cloudtrail)
    expect(rows[0]!.eventName).toBe('DisableKey')
    const gdk = filterAudit(rows, { keyArn: app.Arn, eventName: 'GenerateDataKey' })
    expect(gdk).toHaveLength(3)
    expect(gdk[0]).toMatchObject({ actor: 'you', context: { tenant: 'a' } })
    expect(filterAudit(rows, { keyArn: other.Arn }).map((r) => r.eventName)).toEqual([
      'DisableKey',
      'Encrypt',
      'CreateKey',
    ])
    const facets = auditFacets(rows)
    expect(facets.eventNames).toEqual(
      expect.arrayContaining([
        'CreateAlias',
        'CreateKey',
        'DisableKey',
        'Encrypt',
        'EnableKeyRotation',
        'GenerateDataKey',
      ]),
    )
    expect(facets.keyArns).toEqual([app.Arn, other.Arn].sort())
  })
})

describe('storage view', () => {
  it('splits a real SSE-S3 object into wrapped key, IV, ciphertext and tag, under the S3 root key', async () => {
    const h = harness()
    await h.send('PUT', '/disk')
    await h.send('PUT', '/disk/note.txt', { body: 'top secret plaintext' })
    const stored = h.emulator.s3.buckets.get('disk')!.objects.get('note.txt')!
    const view = storageView('disk', stored, undefined, memoryBlobs(h.emulator))
    expect(view.badge).toBe('SSE-S3')
    const rootId = h.emulator.s3.keyring.current().id
    expect(view.chains).toEqual([
      [
        expect.objectContaining({ kind: 'root', label: rootId }),
        expect.objectContaining({ kind: 'data-key' }),
        expect.objectContaining({ kind: 'object', label: 'note.txt' }),
      ],
    ])
    expect(view.wrappedKeys).toHaveLength(1)
    expect(view.wrappedKeys[0]!.bytes.length).toBe(48) // 32-byte key + 16-byte tag
    const layer = view.layers[0]!
    expect([layer.iv.length, layer.ciphertext.length, layer.tag.length, layer.segments, layer.format]).toEqual([
      12,
      20,
      16,
      1,
      'seg1',
    ])
    expect(new TextDecoder().decode(layer.ciphertext)).not.toContain('secret')
    expect(view.customerKey).toBeUndefined()
  })

  it('shows KMS blobs with their key and version, Bucket Keys, DSSE layers, and only the HMAC for SSE-C', async () => {
    const h = harness()
    const created = (await (await kmsPost(h, 'CreateKey', {})).json()) as {
      KeyMetadata: { KeyId: string; Arn: string }
    }
    const key = created.KeyMetadata
    const blob = async () =>
      Uint8Array.from(
        atob(
          (
            (await (await kmsPost(h, 'GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_256' })).json()) as {
              CiphertextBlob: string
            }
          ).CiphertextBlob,
        ),
        (c) => c.charCodeAt(0),
      )
    const segment = {
      format: 'seg1',
      partNumber: 1,
      size: 4,
      blob: 'none',
      segmentBytes: 1 << 20,
      nonceBase: new Uint8Array(12).fill(1),
    }
    const object = (sse: unknown, wrap: unknown, extra = {}) =>
      ({
        key: 'k',
        size: 4,
        etag: '"e"',
        lastModified: new Date(),
        system: {},
        metadata: {},
        sse,
        sealed: { key: wrap, parts: [{ ...segment, ...extra }] },
      }) as unknown as StoredObject
    const kmsSse = (algorithm: string, bucketKey = false) => ({
      algorithm,
      keyArn: key.Arn,
      bucketKey,
      context: { 'aws:s3:arn': 'arn:aws:s3:::b/k' },
    })
    const name = (id: string) => (key.Arn.endsWith(id) ? 'alias/app' : id)

    const kms = storageView('b', object(kmsSse('aws:kms'), { kind: 'kms', blob: await blob() }), name)
    expect(kms.badge).toBe('SSE-KMS')
    expect(kms.chains[0]![0]).toMatchObject({
      kind: 'kms',
      label: 'alias/app',
      detail: expect.stringContaining('material version 0'),
    })
    expect(kms.wrappedKeys[0]!.fields.map((f) => f.name)).toEqual([
      'KMS key',
      'key material version',
      'IV',
      'encrypted data key + GCM tag',
    ])

    const bk = storageView(
      'b',
      object(kmsSse('aws:kms', true), {
        kind: 'bucket-key',
        blob: await blob(),
        iv: new Uint8Array(12),
        wrapped: new Uint8Array(48),
      }),
      name,
    )
    expect(bk.chains[0]!.map((n) => n.kind)).toEqual(['kms', 'bucket-key', 'data-key', 'object'])
    expect(bk.wrappedKeys).toHaveLength(2)

    const dsse = storageView(
      'b',
      object(
        kmsSse('aws:kms:dsse'),
        { kind: 'dsse', outerBlob: await blob(), innerBlob: await blob() },
        { innerNonceBase: new Uint8Array(12).fill(3) },
      ),
      name,
    )
    expect(dsse.badge).toBe('DSSE-KMS')
    expect(dsse.chains).toHaveLength(2)
    expect(dsse.layers[0]!.innerIv).toEqual(new Uint8Array(12).fill(3))

    const salt = new Uint8Array(16).fill(9)
    const mac = new Uint8Array(32).fill(8)
    const ssec = storageView(
      'b',
      object({ algorithm: 'SSE-C', customerKeyMd5: 'bWQ1', keyCheck: { salt, mac } }, { kind: 'customer' }),
    )
    expect(ssec.badge).toBe('SSE-C')
    expect(ssec.wrappedKeys).toEqual([])
    expect(ssec.chains[0]!.map((n) => n.kind)).toEqual(['customer', 'object'])
    expect(ssec.customerKey).toEqual({ md5: 'bWQ1', salt, mac })
  })
})
