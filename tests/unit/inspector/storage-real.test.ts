/** The Buckets and Storage views on objects the emulator really stored in each SSE mode, SSE-C's key nowhere to be found. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { bucketRows } from '@/lib/inspector/buckets-view'
import { storageView } from '@/lib/inspector/storage-view'
import { toBase64 } from '@/lib/crypto/bytes'
import { toSnapshot } from '@/lib/emulator/snapshot'
import { harness } from '../../helpers/handle'

const CUSTOMER_KEY = new Uint8Array(32).fill(7)

describe('storage view of real objects', () => {
  it('shows each mode as stored: KMS blobs, a Bucket Key, two DSSE layers, and SSE-C with only its HMAC', async () => {
    const h = harness({ blockSseCOnNewBuckets: false })
    await h.send('PUT', '/modes')
    const put = async (key: string, headers: Record<string, string>) => {
      const r = await h.send('PUT', `https://s3.emulator.invalid/modes/${key}`, { body: `body of ${key}`, headers })
      expect(r.status, `${key}: ${await r.clone().text()}`).toBe(200)
    }
    await put('kms.txt', { 'x-amz-server-side-encryption': 'aws:kms' })
    await put('bk.txt', {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-bucket-key-enabled': 'true',
    })
    await put('dsse.txt', { 'x-amz-server-side-encryption': 'aws:kms:dsse' })
    await put('ssec.txt', {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': toBase64(CUSTOMER_KEY),
      'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update(CUSTOMER_KEY).digest('base64'),
    })
    await put('s3.txt', {})

    const rows = bucketRows(h.emulator.s3)[0]!.objects
    expect(rows.map((o) => [o.key, o.badges[0], o.bucketKey])).toEqual([
      ['bk.txt', 'SSE-KMS', true],
      ['dsse.txt', 'DSSE-KMS', false],
      ['kms.txt', 'SSE-KMS', false],
      ['s3.txt', 'SSE-S3', undefined],
      ['ssec.txt', 'SSE-C', undefined],
    ])

    const objects = h.emulator.s3.buckets.get('modes')!.objects
    const view = (key: string) => storageView('modes', objects.get(key)!)
    expect(view('kms.txt').chains[0]!.map((n) => n.kind)).toEqual(['kms', 'data-key', 'object'])
    expect(view('bk.txt').chains[0]!.map((n) => n.kind)).toEqual(['kms', 'bucket-key', 'data-key', 'object'])
    const dsse = view('dsse.txt')
    expect([dsse.chains.length, dsse.wrappedKeys.length, dsse.layers[0]!.innerIv?.length]).toEqual([2, 2, 12])
    const ssec = view('ssec.txt')
    expect(ssec.wrappedKeys).toEqual([])
    expect([ssec.customerKey?.salt.length, ssec.customerKey?.mac.length]).toEqual([32, 32])

    // The key is in no stored byte and in no snapshot.
    const hex = Buffer.from(CUSTOMER_KEY).toString('hex')
    expect(JSON.stringify(toSnapshot(h.emulator.s3, h.emulator))).not.toContain(toBase64(CUSTOMER_KEY))
    for (const bytes of [ssec.customerKey!.salt, ssec.customerKey!.mac, ssec.layers[0]!.ciphertext])
      expect(Buffer.from(bytes).toString('hex')).not.toContain(hex)
  })
})
