/**
 * SSE-KMS and DSSE-KMS over handle(), with real keys from the KMS emulator (docs/fidelity.md §1.2, §2.1 E4–E9,
 * §3, §4.2, §6.2, §6.5): key choice, ARNs in responses, encryption context, Bucket Keys, KMS failures as
 * S3 reports them, and both DSSE layers at rest.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { aesGcmDecrypt } from '@/lib/crypto/aes-gcm'
import { innerAesGcmDecrypt } from '@/lib/crypto/aes-gcm-inner'
import { errorOf, harness, type Harness } from '../../../helpers/handle'
import { md5Hex } from '../../../helpers/sse'
import { openSealed, storedBytes } from '../../../helpers/at-rest'
import { segmentAad, segmentNonce } from '@/lib/s3/at-rest-format'

const BUCKET = 'kms-bucket'
const SSE = 'x-amz-server-side-encryption'
const REGION_ARN = 'arn:aws:kms:us-east-1:111122223333'

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

async function kms(operation: string, body: object = {}) {
  const r = await s3.emulator.handle(
    new Request('http://127.0.0.1:4566/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` },
      body: JSON.stringify(body),
    }),
  )
  const text = await r.text()
  if (r.status !== 200) throw new Error(`${operation}: ${text}`)
  return text ? JSON.parse(text) : {}
}
const createKey = async () => (await kms('CreateKey')).KeyMetadata as { KeyId: string; Arn: string }
const put = (key: string, headers: Record<string, string> = {}, body = 'kms body') =>
  s3.send('PUT', `/${BUCKET}/${key}`, { body, headers })
const stored = (key: string) => s3.emulator.s3.bucket(BUCKET).objects.get(key)!
const kmsEvents = (name: string) =>
  s3.emulator.cloudtrail
    .records()
    .filter((r) => r.eventName === name && (r.userIdentity as { invokedBy?: string }).invokedBy === 's3.amazonaws.com')
const setDefault = (rule: string) =>
  s3.send('PUT', `/${BUCKET}?encryption`, {
    body: `<ServerSideEncryptionConfiguration><Rule>${rule}</Rule></ServerSideEncryptionConfiguration>`,
  })

describe('choosing the key', () => {
  it('aws:kms without a key id uses aws/s3, created on first use; the response names its key ARN', async () => {
    const r = await put('k', { [SSE]: 'aws:kms' })
    expect(r.status).toBe(200)
    const described = await kms('DescribeKey', { KeyId: 'alias/aws/s3' })
    expect(r.headers.get(SSE)).toBe('aws:kms')
    expect(r.headers.get(`${SSE}-aws-kms-key-id`)).toBe(described.KeyMetadata.Arn)
    expect(described.KeyMetadata.KeyManager).toBe('AWS')
    expect(r.headers.get(`${SSE}-bucket-key-enabled`)).toBeNull()
  })
  it('a key id, an alias name and an alias ARN all come back as the key ARN', async () => {
    const key = await createKey()
    await kms('CreateAlias', { AliasName: 'alias/app', TargetKeyId: key.KeyId })
    for (const id of [key.KeyId, key.Arn, 'alias/app', `${REGION_ARN}:alias/app`]) {
      const r = await put('k', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: id })
      expect([r.status, r.headers.get(`${SSE}-aws-kms-key-id`)]).toEqual([200, key.Arn])
    }
  })
  it('the bucket default applies to header-less uploads; an explicit aws:kms without key id still means aws/s3', async () => {
    const key = await createKey()
    expect(
      (
        await setDefault(
          `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>${key.KeyId}</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>`,
        )
      ).status,
    ).toBe(200)
    expect((await put('a')).headers.get(`${SSE}-aws-kms-key-id`)).toBe(key.Arn)
    const explicit = await put('b', { [SSE]: 'aws:kms' })
    expect(explicit.headers.get(`${SSE}-aws-kms-key-id`)).not.toBe(key.Arn)
    expect(explicit.headers.get(`${SSE}-aws-kms-key-id`)).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//)
    expect((await put('c', { [SSE]: 'AES256' })).headers.get(SSE)).toBe('AES256')
  })
  it('a DSSE-KMS default with a key and BucketKeyEnabled: header-less PUTs are DSSE under that key, with no Bucket Key', async () => {
    const key = await createKey()
    await setDefault(
      `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms:dsse</SSEAlgorithm><KMSMasterKeyID>${key.Arn}</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled>`,
    )
    const r = await put('d')
    expect([
      r.headers.get(SSE),
      r.headers.get(`${SSE}-aws-kms-key-id`),
      r.headers.get(`${SSE}-bucket-key-enabled`),
    ]).toEqual(['aws:kms:dsse', key.Arn, null])
    expect(stored('d').sealed.key.kind).toBe('dsse')
  })
  it('changing the default never touches existing objects', async () => {
    await put('old')
    await setDefault(
      '<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault>',
    )
    expect((await s3.send('HEAD', `/${BUCKET}/old`)).headers.get(SSE)).toBe('AES256')
    expect((await s3.send('HEAD', `/${BUCKET}/new`)).status).toBe(404)
  })
})

describe('KMS failures as S3 reports them', () => {
  it('E4: an id that is not a key id is 400 KMS.NotFoundException "Invalid keyId"', async () => {
    const e = await errorOf(await put('k', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: 'fake-key-id' }))
    expect([e.status, e.code, e.message]).toEqual([400, 'KMS.NotFoundException', "Invalid keyId 'fake-key-id'"])
    expect(s3.emulator.s3.bucket(BUCKET).objects.size).toBe(0)
  })
  it('E5: a well-formed id that does not exist names the ARN S3 built from it', async () => {
    const id = '0d4e8a2f-0000-4000-8000-000000000000'
    const e = await errorOf(await put('k', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: id }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'KMS.NotFoundException',
      `Key '${REGION_ARN}:key/${id}' does not exist`,
    ])
  })
  it('E6: a key ARN in another Region is "Invalid arn us-west-2"', async () => {
    const e = await errorOf(
      await put('k', {
        [SSE]: 'aws:kms',
        [`${SSE}-aws-kms-key-id`]: 'arn:aws:kms:us-west-2:111122223333:key/0d4e8a2f-0000-4000-8000-000000000000',
      }),
    )
    expect([e.code, e.message]).toEqual(['KMS.NotFoundException', 'Invalid arn us-west-2'])
  })
  it('E7: a disabled key breaks PUT and GET of objects written before; HEAD still answers without checksum mode', async () => {
    const key = await createKey()
    expect((await put('k', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.KeyId })).status).toBe(200)
    await kms('DisableKey', { KeyId: key.KeyId })
    const onPut = await errorOf(await put('k2', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.KeyId }))
    expect([onPut.status, onPut.code, onPut.message]).toEqual([400, 'KMS.DisabledException', `${key.Arn} is disabled.`])
    const onGet = await errorOf(await s3.send('GET', `/${BUCKET}/k`))
    expect([onGet.status, onGet.code, onGet.message]).toEqual([400, 'KMS.DisabledException', `${key.Arn} is disabled.`])
    expect((await s3.send('HEAD', `/${BUCKET}/k`)).status).toBe(200)
    // The checksum is stored encrypted: reading it back needs the key.
    expect((await s3.send('HEAD', `/${BUCKET}/k`, { headers: { 'x-amz-checksum-mode': 'ENABLED' } })).status).toBe(400)
    await kms('EnableKey', { KeyId: key.KeyId })
    expect(await (await s3.send('GET', `/${BUCKET}/k`)).text()).toBe('kms body')
  })
  it('E8: a key pending deletion breaks GET with KMS.KMSInvalidStateException', async () => {
    const key = await createKey()
    await put('k', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.Arn })
    await kms('ScheduleKeyDeletion', { KeyId: key.KeyId, PendingWindowInDays: 7 })
    const e = await errorOf(await s3.send('GET', `/${BUCKET}/k`))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'KMS.KMSInvalidStateException',
      `${key.Arn} is pending deletion.`,
    ])
  })
  it('a bad default key surfaces only on the first upload (PutBucketEncryption does not validate it)', async () => {
    expect(
      (
        await setDefault(
          '<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>nope</KMSMasterKeyID></ApplyServerSideEncryptionByDefault>',
        )
      ).status,
    ).toBe(200)
    expect((await errorOf(await put('k'))).code).toBe('KMS.NotFoundException')
  })
})

describe('encryption context', () => {
  it('defaults to aws:s3:arn = the object ARN, and KMS records it; no context header comes back', async () => {
    const r = await put('dir/k', { [SSE]: 'aws:kms' })
    expect(r.headers.get(`${SSE}-context`)).toBeNull()
    const [event] = kmsEvents('GenerateDataKey')
    expect(event!.requestParameters!.encryptionContext).toEqual({ 'aws:s3:arn': `arn:aws:s3:::${BUCKET}/dir/k` })
  })
  it('the header adds pairs, is echoed on the write (not on GET), and the same context opens the object', async () => {
    const header = Buffer.from(JSON.stringify({ project: 'blue' })).toString('base64')
    const r = await put('k', { [SSE]: 'aws:kms', [`${SSE}-context`]: header })
    expect(r.headers.get(`${SSE}-context`)).toBe(header)
    expect(kmsEvents('GenerateDataKey')[0]!.requestParameters!.encryptionContext).toEqual({
      project: 'blue',
      'aws:s3:arn': `arn:aws:s3:::${BUCKET}/k`,
    })
    const got = await s3.send('GET', `/${BUCKET}/k`)
    expect([await got.text(), got.headers.get(`${SSE}-context`)]).toEqual(['kms body', null])
    expect(kmsEvents('Decrypt')[0]!.requestParameters!.encryptionContext).toEqual({
      project: 'blue',
      'aws:s3:arn': `arn:aws:s3:::${BUCKET}/k`,
    })
  })
  it.each([
    ['not base64', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64')],
    ['not a string map', Buffer.from('{"a":1}').toString('base64')],
    ['an array', Buffer.from('[]').toString('base64')],
  ])('E9: %s is 400 InvalidArgument', async (_name, header) => {
    const e = await errorOf(await put('k', { [SSE]: 'aws:kms', [`${SSE}-context`]: header }))
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidArgument',
      "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map",
    ])
  })
})

describe('S3 Bucket Keys', () => {
  it('from the header: the response says so, and two objects cost one GenerateDataKey with the bucket ARN as context', async () => {
    const headers = { [SSE]: 'aws:kms', [`${SSE}-bucket-key-enabled`]: 'true' }
    expect((await put('a', headers)).headers.get(`${SSE}-bucket-key-enabled`)).toBe('true')
    await put('b', headers)
    const events = kmsEvents('GenerateDataKey')
    expect(events).toHaveLength(1)
    expect(events[0]!.requestParameters!.encryptionContext).toEqual({ 'aws:s3:arn': `arn:aws:s3:::${BUCKET}` })
    expect(await (await s3.send('GET', `/${BUCKET}/b`)).text()).toBe('kms body')
    expect((await s3.send('HEAD', `/${BUCKET}/b`)).headers.get(`${SSE}-bucket-key-enabled`)).toBe('true')
  })
  it('without one, each object costs its own GenerateDataKey', async () => {
    await put('a', { [SSE]: 'aws:kms' })
    await put('b', { [SSE]: 'aws:kms' })
    expect(kmsEvents('GenerateDataKey')).toHaveLength(2)
  })
  it('from the bucket default: a plain PUT answers aws:kms, the key ARN and bucket-key true; the header false overrides it', async () => {
    await setDefault(
      '<ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled>',
    )
    const r = await put('k')
    expect([r.headers.get(SSE), r.headers.get(`${SSE}-bucket-key-enabled`)]).toEqual(['aws:kms', 'true'])
    expect(
      (await put('off', { [`${SSE}-bucket-key-enabled`]: 'false' })).headers.get(`${SSE}-bucket-key-enabled`),
    ).toBeNull()
  })
  it('with SSE-S3 the header is ignored and not echoed; with DSSE it is accepted but not applied', async () => {
    expect(
      (await put('s3', { [SSE]: 'AES256', [`${SSE}-bucket-key-enabled`]: 'true' })).headers.get(
        `${SSE}-bucket-key-enabled`,
      ),
    ).toBeNull()
    expect(
      (await put('dsse', { [SSE]: 'aws:kms:dsse', [`${SSE}-bucket-key-enabled`]: 'true' })).headers.get(
        `${SSE}-bucket-key-enabled`,
      ),
    ).toBeNull()
  })
})

describe('ETags and checksums', () => {
  it('SSE-KMS and DSSE ETags are 32 random hex digits, not the MD5', async () => {
    for (const sse of ['aws:kms', 'aws:kms:dsse']) {
      const a = (await put('k', { [SSE]: sse }, 'same')).headers.get('etag')
      const b = (await put('k', { [SSE]: sse }, 'same')).headers.get('etag')
      expect(a).toMatch(/^"[0-9a-f]{32}"$/)
      expect([a === b, a === `"${md5Hex('same')}"`]).toEqual([false, false])
    }
  })
  it('the checksum is stored encrypted and comes back in clear with checksum mode', async () => {
    const ok = await put('k2', { [SSE]: 'aws:kms' })
    const crc = ok.headers.get('x-amz-checksum-crc64nvme')!
    expect(stored('k2').checksum!.value).toBeUndefined()
    expect(stored('k2').checksum!.sealedValue!.length).toBeGreaterThan(16)
    expect(
      (await s3.send('GET', `/${BUCKET}/k2`, { headers: { 'x-amz-checksum-mode': 'ENABLED' } })).headers.get(
        'x-amz-checksum-crc64nvme',
      ),
    ).toBe(crc)
  })
})

describe('DSSE-KMS: two independent layers', () => {
  it('answers aws:kms:dsse and the key ARN; two GenerateDataKey calls; reads back', async () => {
    const key = await createKey()
    const r = await put(
      'k',
      { [SSE]: 'aws:kms:dsse', [`${SSE}-aws-kms-key-id`]: key.KeyId },
      'double secret '.repeat(20),
    )
    expect([r.headers.get(SSE), r.headers.get(`${SSE}-aws-kms-key-id`)]).toEqual(['aws:kms:dsse', key.Arn])
    expect(kmsEvents('GenerateDataKey')).toHaveLength(2)
    expect(await (await s3.send('GET', `/${BUCKET}/k`)).text()).toBe('double secret '.repeat(20))
    expect(kmsEvents('Decrypt')).toHaveLength(2)
  })
  it('each layer fails to decrypt alone; peeling the outer (WebCrypto) then the inner (@noble/ciphers) layer recovers the data', async () => {
    // A customer managed key: the user may call Decrypt on it directly (aws/s3 is usable only through S3).
    const key = await createKey()
    await put('k', { [SSE]: 'aws:kms:dsse', [`${SSE}-aws-kms-key-id`]: key.KeyId }, 'double secret')
    const object = stored('k')
    const wrap = object.sealed.key
    if (wrap.kind !== 'dsse' || object.sse.algorithm !== 'aws:kms:dsse') throw new Error('not DSSE')
    const decrypt = async (blob: Uint8Array) =>
      Buffer.from(
        (
          await kms('Decrypt', {
            CiphertextBlob: Buffer.from(blob).toString('base64'),
            EncryptionContext: object.sse.algorithm === 'aws:kms:dsse' ? object.sse.context : {},
          })
        ).Plaintext,
        'base64',
      )
    const outerKey = await decrypt(wrap.outerBlob)
    const innerKey = await decrypt(wrap.innerBlob)
    expect(outerKey.equals(innerKey)).toBe(false)
    const seg = object.sealed.parts[0]!
    if (seg.format !== 'seg1') throw new Error('not the chunked format')
    const ciphertext = storedBytes(s3.emulator, seg)
    // One segment: nonce = base XOR (index 0, last), additional data from the format (lib/s3/at-rest-format.ts).
    const aad = segmentAad({ arn: `arn:aws:s3:::${BUCKET}/k`, partNumber: 1 }, 0, true)
    const iv = segmentNonce(seg.nonceBase, 0, true)
    const innerIv = segmentNonce(seg.innerNonceBase!, 0, true)
    const outerOpened = await aesGcmDecrypt(outerKey, iv, ciphertext, aad)
    expect(Buffer.from(outerOpened).includes(Buffer.from('double secret'))).toBe(false) // still the inner ciphertext
    expect(() => innerAesGcmDecrypt(innerKey, innerIv, ciphertext, aad)).toThrow() // the inner key cannot open the outer layer
    await expect(aesGcmDecrypt(innerKey, iv, ciphertext, aad)).rejects.toThrow()
    expect(new TextDecoder().decode(innerAesGcmDecrypt(innerKey, innerIv, outerOpened, aad))).toBe('double secret')
  })
})

describe('copies and multipart with KMS', () => {
  it('a KMS object copied in place with no headers becomes AES256 (legal: the encryption changes), MD5 ETag again', async () => {
    await put('k', { [SSE]: 'aws:kms' }, 'test')
    const r = await s3.send('PUT', `/${BUCKET}/k`, { headers: { 'x-amz-copy-source': `/${BUCKET}/k` } })
    expect([r.status, r.headers.get(SSE)]).toEqual([200, 'AES256'])
    expect((await s3.send('HEAD', `/${BUCKET}/k`)).headers.get('etag')).toBe(`"${md5Hex('test')}"`)
  })
  it('copy in place with a new key re-encrypts: new key ARN, new ETag; the source context is not carried over', async () => {
    const key = await createKey()
    const header = Buffer.from('{"a":"b"}').toString('base64')
    await put('k', { [SSE]: 'aws:kms', [`${SSE}-context`]: header })
    const before = stored('k').etag
    const r = await s3.send('PUT', `/${BUCKET}/k`, {
      headers: { 'x-amz-copy-source': `/${BUCKET}/k`, [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.KeyId },
    })
    expect([r.status, r.headers.get(`${SSE}-aws-kms-key-id`)]).toEqual([200, key.Arn])
    expect(stored('k').etag).not.toBe(before)
    const sse = stored('k').sse
    expect(sse.algorithm === 'aws:kms' && sse.context).toEqual({ 'aws:s3:arn': `arn:aws:s3:::${BUCKET}/k` })
  })
  it('a KMS multipart upload: one GenerateDataKey at Create, Decrypt per part; Complete answers the key ARN', async () => {
    const key = await createKey()
    const created = await s3.send('POST', `/${BUCKET}/mpu?uploads`, {
      headers: { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.KeyId },
    })
    expect(created.headers.get(`${SSE}-aws-kms-key-id`)).toBe(key.Arn)
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())![1]!
    expect(kmsEvents('GenerateDataKey')).toHaveLength(1)
    const p = await s3.send('PUT', `/${BUCKET}/mpu?partNumber=1&uploadId=${uploadId}`, { body: 'part one' })
    expect([p.headers.get(SSE), p.headers.get(`${SSE}-aws-kms-key-id`)]).toEqual(['aws:kms', key.Arn])
    const done = await s3.send('POST', `/${BUCKET}/mpu?uploadId=${uploadId}`, {
      body: `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${p.headers.get('etag')}</ETag></Part></CompleteMultipartUpload>`,
    })
    expect([done.status, done.headers.get(SSE), done.headers.get(`${SSE}-aws-kms-key-id`)]).toEqual([
      200,
      'aws:kms',
      key.Arn,
    ])
    expect(await (await s3.send('GET', `/${BUCKET}/mpu`)).text()).toBe('part one')
  })
})

describe('Range GETs on KMS objects', () => {
  it.each(['aws:kms', 'aws:kms:dsse'])('%s: 206 with the bytes asked for', async (sse) => {
    await put('r', { [SSE]: sse }, '0123456789')
    const r = await s3.send('GET', `/${BUCKET}/r`, { headers: { range: 'bytes=3-6' } })
    expect([r.status, await r.text(), r.headers.get('content-range')]).toEqual([206, '3456', 'bytes 3-6/10'])
  })
})

describe('SSE-KMS at rest', () => {
  it('stores ciphertext and the KMS blob only; the data key from KMS Decrypt opens it, and nothing else does', async () => {
    const key = await createKey()
    const text = 'kms at rest, never in clear. '.repeat(30)
    await put('rest', { [SSE]: 'aws:kms', [`${SSE}-aws-kms-key-id`]: key.KeyId }, text)
    const object = stored('rest')
    const wrap = object.sealed.key
    if (wrap.kind !== 'kms' || object.sse.algorithm !== 'aws:kms') throw new Error('not a KMS object')
    const part = object.sealed.parts[0]!
    const sealed = storedBytes(s3.emulator, part)
    expect(Buffer.from(sealed).includes(Buffer.from('never in clear'))).toBe(false)
    const dataKey = Buffer.from(
      (
        await kms('Decrypt', {
          CiphertextBlob: Buffer.from(wrap.blob).toString('base64'),
          EncryptionContext: object.sse.context,
        })
      ).Plaintext,
      'base64',
    )
    expect(dataKey).toHaveLength(32)
    // The plaintext data key is nowhere in what S3 keeps.
    expect(
      Buffer.from(
        JSON.stringify(object, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
      ).includes(dataKey.toString('hex')),
    ).toBe(false)
    const arn = `arn:aws:s3:::${BUCKET}/rest`
    expect(new TextDecoder().decode(await openSealed({ outer: dataKey }, part, arn, sealed))).toBe(text)
    await expect(openSealed({ outer: Buffer.alloc(32, 9) }, part, arn, sealed)).rejects.toThrow()
  })
  it('with a Bucket Key, the object key is wrapped under the Bucket Key, whose blob names the bucket ARN context', async () => {
    await put('bk', { [SSE]: 'aws:kms', [`${SSE}-bucket-key-enabled`]: 'true' })
    const object = stored('bk')
    expect(object.sealed.key.kind).toBe('bucket-key')
    expect(object.sse.algorithm === 'aws:kms' && object.sse.context).toEqual({ 'aws:s3:arn': `arn:aws:s3:::${BUCKET}` })
  })
})
