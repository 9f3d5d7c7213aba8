/** What S3 checks about how a request was signed (docs/fidelity.md §2.1 E10, §6.4): SigV2 with KMS, and unsigned x-amz-* headers on presigned URLs. */
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf } from '../../../helpers/handle'
import { customerKey, ssecHeaders, sseCHarness, TLS, type TlsHarness } from '../../../helpers/sse'

const BUCKET = 'signed-bucket'
const SIGV2 = { authorization: 'AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=' }
const E10 = 'Requests specifying Server Side Encryption with AWS KMS managed keys require AWS Signature Version 4.'
let s3: TlsHarness
beforeEach(async () => {
  s3 = await sseCHarness(BUCKET)
})

describe('E10: KMS needs Signature Version 4', () => {
  it('an SSE-KMS PUT signed with SigV2 is 400 InvalidArgument naming Authorization; nothing is stored', async () => {
    const e = await errorOf(
      await s3.send('PUT', `/${BUCKET}/k`, {
        body: 'x',
        headers: { ...SIGV2, 'x-amz-server-side-encryption': 'aws:kms' },
      }),
    )
    expect([e.status, e.code, e.message, e.fields.ArgumentName, e.fields.ArgumentValue]).toEqual([
      400,
      'InvalidArgument',
      E10,
      'Authorization',
      'null',
    ])
    expect(s3.emulator.s3.bucket(BUCKET).objects.size).toBe(0)
  })
  it('a SigV2 GET of a KMS object is refused the same way (presigned SigV2 URLs too); SSE-S3 objects are fine', async () => {
    await s3.send('PUT', `/${BUCKET}/k`, { body: 'x', headers: { 'x-amz-server-side-encryption': 'aws:kms' } })
    expect((await errorOf(await s3.send('GET', `/${BUCKET}/k`, { headers: SIGV2 }))).message).toBe(E10)
    expect(
      (await errorOf(await s3.send('GET', `/${BUCKET}/k?AWSAccessKeyId=AKID&Expires=9999999999&Signature=abc`)))
        .message,
    ).toBe(E10)
    await s3.send('PUT', `/${BUCKET}/plain`, { body: 'y' })
    expect((await s3.send('GET', `/${BUCKET}/plain`, { headers: SIGV2 })).status).toBe(200)
  })
})

describe('§6.4: presigned URLs and unsigned headers', () => {
  const presigned = (signed: string) =>
    `${TLS}/${BUCKET}/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=${encodeURIComponent(signed)}&X-Amz-Signature=00`
  it('SSE-C headers that were not signed: 403 AccessDenied listing them in HeadersNotSigned', async () => {
    const e = await errorOf(
      await s3.send('PUT', presigned('host'), { body: 'x', headers: ssecHeaders(customerKey(1)) }),
    )
    expect([e.status, e.code, e.message]).toEqual([
      403,
      'AccessDenied',
      'There were headers present in the request which were not signed',
    ])
    expect(e.fields.HeadersNotSigned).toBe(
      'x-amz-server-side-encryption-customer-algorithm, x-amz-server-side-encryption-customer-key, x-amz-server-side-encryption-customer-key-md5',
    )
  })
  it('the same headers, signed, go through', async () => {
    const signed =
      'host;x-amz-server-side-encryption-customer-algorithm;x-amz-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-key-md5'
    expect((await s3.send('PUT', presigned(signed), { body: 'x', headers: ssecHeaders(customerKey(1)) })).status).toBe(
      200,
    )
  })
  it('a presigned GET with no extra headers is fine', async () => {
    await s3.tls('PUT', `/${BUCKET}/k`, { body: 'v' })
    expect(await (await s3.send('GET', presigned('host'))).text()).toBe('v')
  })
})
