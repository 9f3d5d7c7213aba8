/** The step-by-step decryption of real stored objects in every mode, with the emulator's own calls; and how it fails. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from '@/lib/crypto/bytes'
import { decryptWalkthrough, type WalkDeps } from '@/lib/inspector/walkthrough'
import { harness } from '../../helpers/handle'
import { damage } from '../../helpers/at-rest'

const CUSTOMER_KEY = new Uint8Array(32).fill(9)
const text = (b?: Uint8Array) => (b ? new TextDecoder().decode(b) : undefined)

async function setUp() {
  const h = harness({ blockSseCOnNewBuckets: false })
  const kms = async (op: string, body: unknown) => {
    const r = await h.emulator.handle(
      new Request('https://kms.emulator.invalid/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${op}` },
        body: JSON.stringify(body),
      }),
    )
    const json = (await r.json()) as Record<string, unknown>
    if (r.status !== 200)
      throw Object.assign(new Error(String(json.message ?? json.Message)), { name: String(json.__type) })
    return json
  }
  const key = ((await kms('CreateKey', {})).KeyMetadata as { KeyId: string }).KeyId
  await h.send('PUT', '/walk')
  const put = async (name: string, headers: Record<string, string>) =>
    expect(
      (await h.send('PUT', `https://s3.emulator.invalid/walk/${name}`, { body: `secret of ${name}`, headers })).status,
    ).toBe(200)
  const kmsHeaders = (algorithm: string, extra: Record<string, string> = {}) => ({
    'x-amz-server-side-encryption': algorithm,
    'x-amz-server-side-encryption-aws-kms-key-id': key,
    ...extra,
  })
  await put('s3.txt', {})
  await put('kms.txt', kmsHeaders('aws:kms'))
  await put('bk.txt', kmsHeaders('aws:kms', { 'x-amz-server-side-encryption-bucket-key-enabled': 'true' }))
  await put('dsse.txt', kmsHeaders('aws:kms:dsse'))
  await put('ssec.txt', {
    'x-amz-server-side-encryption-customer-algorithm': 'AES256',
    'x-amz-server-side-encryption-customer-key': toBase64(CUSTOMER_KEY),
    'x-amz-server-side-encryption-customer-key-md5': createHash('md5').update(CUSTOMER_KEY).digest('base64'),
  })
  const deps: WalkDeps = {
    kmsDecrypt: async (blob, context) =>
      fromBase64(
        String((await kms('Decrypt', { CiphertextBlob: toBase64(blob), EncryptionContext: context })).Plaintext),
      )!,
  }
  const walk = (name: string, extra: Partial<WalkDeps> = {}) =>
    decryptWalkthrough(h.emulator.s3, 'walk', h.emulator.s3.buckets.get('walk')!.objects.get(name)!, {
      ...deps,
      ...extra,
    })
  return { h, walk }
}

describe('decryption walkthrough', () => {
  it('opens every mode with the calls the emulator makes', async () => {
    const { h, walk } = await setUp()
    const s3 = await walk('s3.txt')
    expect(s3.steps.map((s) => s.title)).toEqual([
      'Find the S3 root key version that wrapped the data key',
      'Unwrap the data key with the S3 root key',
      'Decrypt the body: 1 AES-256-GCM segment',
    ])
    expect(s3.steps[2]!.call).toContain('nonceBase XOR (i, last)')
    expect(s3.steps[1]!.call).toContain("additionalData: utf8('arn:aws:s3:::walk/s3.txt')")
    expect((s3.steps[1]!.outputs[0]!.value as Uint8Array).length).toBe(32)
    expect(text(s3.plaintext)).toBe('secret of s3.txt')

    const kms = await walk('kms.txt')
    expect(kms.steps[0]).toMatchObject({
      title: 'Ask KMS to decrypt the data key',
      call: expect.stringContaining('"aws:s3:arn":"arn:aws:s3:::walk/kms.txt"'),
    })
    expect(text(kms.plaintext)).toBe('secret of kms.txt')
    const bk = await walk('bk.txt')
    expect(bk.steps.map((s) => s.title)).toEqual([
      'Ask KMS to decrypt the S3 Bucket Key',
      'Unwrap the data key with the S3 Bucket Key',
      'Decrypt the body: 1 AES-256-GCM segment',
    ])
    expect(text(bk.plaintext)).toBe('secret of bk.txt')
    const dsse = await walk('dsse.txt')
    expect(dsse.steps.map((s) => s.title)).toEqual([
      'Ask KMS to decrypt the outer layer data key',
      'Ask KMS to decrypt the inner layer data key',
      'Decrypt the body: 1 AES-256-GCM segment, each with two layers (WebCrypto outside, @noble/ciphers inside)',
    ])
    expect(text(dsse.plaintext)).toBe('secret of dsse.txt')
    // The KMS calls are the learner's, in the audit trail like any other.
    expect(
      h.emulator.cloudtrail.records().filter((r) => r.eventName === 'Decrypt' && !r.userIdentity.invokedBy),
    ).toHaveLength(4)

    const ssec = await walk('ssec.txt', { customerKey: CUSTOMER_KEY })
    expect(ssec.steps.map((s) => [s.title, s.error])).toEqual([
      ['Check your key against the salted HMAC S3 kept', undefined],
      ['Decrypt the body: 1 AES-256-GCM segment', undefined],
    ])
    expect(text(ssec.plaintext)).toBe('secret of ssec.txt')
  })

  it('stops at the step that fails, and says why', async () => {
    const { h, walk } = await setUp()
    expect((await walk('ssec.txt')).steps[0]!.error).toContain('enter the key')
    expect((await walk('ssec.txt', { customerKey: new Uint8Array(32).fill(1) })).steps[0]!.error).toContain(
      'not the key the object was uploaded with',
    )
    expect((await walk('ssec.txt', { customerKey: new Uint8Array(16) })).steps[0]!.error).toContain('32 bytes')
    const refused = await walk('kms.txt', {
      kmsDecrypt: async () =>
        Promise.reject(Object.assign(new Error('Key is disabled'), { name: 'DisabledException' })),
    })
    expect(refused).toEqual({ steps: [expect.objectContaining({ error: 'DisabledException: Key is disabled' })] })
    // A flipped byte on the disk: the GCM tag check refuses it.
    damage(
      h.emulator,
      h.emulator.s3.buckets.get('walk')!.objects.get('s3.txt')!.sealed.parts[0]!,
      (b) => void (b[0]! ^= 1),
    )
    const tampered = await walk('s3.txt')
    expect(tampered.plaintext).toBeUndefined()
    expect(tampered.steps.at(-1)!.error).toBeTruthy()
  })
})
