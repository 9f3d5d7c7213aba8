/** The page's presigned POST: SSE fields pinned by the policy, and a form the emulator accepts. */
import { describe, expect, it } from 'vitest'
import { S3Client } from '@aws-sdk/client-s3'
import { buildBrowserPost, encryptionFields } from '@/lib/sdk/browser-post'
import { createBucket } from '@/lib/s3/operations/buckets'
import { ENDPOINT, harness } from '../../helpers/handle'

const client = new S3Client({
  region: 'us-east-1',
  endpoint: ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
})

describe('buildBrowserPost', () => {
  it('pins every SSE field with a condition, with the length range and the key', async () => {
    const post = await buildBrowserPost(client, {
      bucket: 'forms',
      key: 'uploads/${filename}',
      encryption: { kind: 'aws:kms', keyId: 'alias/forms' },
      maxBytes: 1024,
      expiresSeconds: 300,
      successStatus: '201',
    })
    expect(post.url).toBe(`${ENDPOINT}/forms`)
    expect(post.policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1024],
        { 'x-amz-server-side-encryption': 'aws:kms' },
        { 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/forms' },
        { success_action_status: '201' },
        ['starts-with', '$key', 'uploads/'],
      ]),
    )
    expect(post.fields.map(([k]) => k)).toEqual(expect.arrayContaining(['key', 'Policy', 'X-Amz-Signature']))
  })

  it('SSE-C fields: the key in base64 and its MD5', () => {
    const key = new Uint8Array(32).fill(1)
    expect(encryptionFields({ kind: 'SSE-C', key })).toEqual({
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
      'x-amz-server-side-encryption-customer-key-MD5': '4Funlf7OsLF0HL+vKU+fkg==' /* node:crypto's MD5 */,
    })
  })

  it('the form it makes is one the emulator stores, encrypted as chosen', async () => {
    const h = harness()
    createBucket(h.emulator.s3, 'forms')
    const post = await buildBrowserPost(client, {
      bucket: 'forms',
      key: 'uploads/${filename}',
      encryption: { kind: 'AES256' },
      maxBytes: 100,
      expiresSeconds: 60,
    })
    const form = new FormData()
    for (const [k, v] of post.fields) form.append(k, v)
    form.append('file', new Blob(['hello']), 'note.txt')
    const r = await h.emulator.handle(new Request(post.url, { method: 'POST', body: form }))
    expect([r.status, r.headers.get('x-amz-server-side-encryption')]).toEqual([204, 'AES256'])
    expect(h.emulator.s3.bucket('forms').objects.has('uploads/note.txt')).toBe(true)
  })
})
