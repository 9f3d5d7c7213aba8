/** PutBucketEncryption / GetBucketEncryption / DeleteBucketEncryption (docs/fidelity.md §4), over handle(). */
import { XMLParser } from 'fast-xml-parser'
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

const BUCKET = 'enc-bucket'
const MALFORMED = 'The XML you provided was not well-formed or did not validate against our published schema'
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['Rule', 'EncryptionType'].includes(name) })

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', `/${BUCKET}`)).status).toBe(200)
})

const config = (rules: string) =>
  `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${rules}</ServerSideEncryptionConfiguration>`
const rule = (inner: string) => `<Rule>${inner}</Rule>`
const byDefault = (algorithm: string, keyId?: string) =>
  `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>${algorithm}</SSEAlgorithm>${keyId ? `<KMSMasterKeyID>${keyId}</KMSMasterKeyID>` : ''}</ApplyServerSideEncryptionByDefault>`
const blocked = (...types: string[]) =>
  `<BlockedEncryptionTypes>${types.map((t) => `<EncryptionType>${t}</EncryptionType>`).join('')}</BlockedEncryptionTypes>`

const putEncryption = (body: string, bucket = BUCKET) => s3.send('PUT', `/${bucket}?encryption`, { body })

interface Rule {
  ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: string }
  BucketKeyEnabled: string
  BlockedEncryptionTypes?: { EncryptionType: string[] }
}
async function getRules(h = s3, bucket = BUCKET): Promise<{ rules: Rule[]; xml: string }> {
  const r = await h.send('GET', `/${bucket}?encryption`)
  expect(r.status).toBe(200)
  const xml = await r.text()
  return { rules: parser.parse(xml).ServerSideEncryptionConfiguration.Rule as Rule[], xml }
}

describe('GetBucketEncryption never 404s (§4.3)', () => {
  it('a new bucket reports SSE-S3, BucketKeyEnabled false and SSE-C blocked, in model order', async () => {
    const { rules, xml } = await getRules()
    expect(rules).toEqual([
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
        BucketKeyEnabled: 'false',
        BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
      },
    ])
    expect(xml).toMatch(
      /<ServerSideEncryptionConfiguration xmlns="http:\/\/s3\.amazonaws\.com\/doc\/2006-03-01\/"><Rule><ApplyServerSideEncryptionByDefault>.*<\/ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false<\/BucketKeyEnabled><BlockedEncryptionTypes>/,
    )
  })
  it('a legacy bucket omits BlockedEncryptionTypes', async () => {
    const legacy = harness({ blockSseCOnNewBuckets: false })
    await legacy.send('PUT', `/${BUCKET}`)
    const { rules } = await getRules(legacy)
    expect(rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: 'false' },
    ])
  })
  it('a missing bucket is 404 NoSuchBucket for Get, Put and Delete', async () => {
    for (const [method, body] of [['GET'], ['PUT', config(rule(byDefault('AES256')))], ['DELETE']] as const) {
      const e = await errorOf(await s3.send(method, '/no-such-bucket?encryption', body ? { body } : {}))
      expect([method, e.status, e.code, e.fields.BucketName]).toEqual([method, 404, 'NoSuchBucket', 'no-such-bucket'])
    }
  })
})

describe('PutBucketEncryption validation (§4.5)', () => {
  it('no <Rule> is 400 MalformedXML', async () => {
    const e = await errorOf(await putEncryption(config('')))
    expect([e.status, e.code, e.message]).toEqual([400, 'MalformedXML', MALFORMED])
  })
  it('two <Rule> elements are 400 MalformedXML', async () => {
    const e = await errorOf(await putEncryption(config(rule(byDefault('AES256')) + rule(byDefault('AES256')))))
    expect([e.status, e.code, e.message]).toEqual([400, 'MalformedXML', MALFORMED])
  })
  it('KMSMasterKeyID with AES256 is 400 InvalidArgument with S3’s exact message', async () => {
    const e = await errorOf(
      await putEncryption(
        config(
          rule(byDefault('AES256', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab')),
        ),
      ),
    )
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'InvalidArgument',
      'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
    ])
    expect(e.fields.ArgumentName).toBe('ApplyServerSideEncryptionByDefault')
  })
  for (const [name, body] of [
    ['an unknown SSEAlgorithm', config(rule(byDefault('AES128')))],
    [
      'ApplyServerSideEncryptionByDefault without SSEAlgorithm',
      config(rule('<ApplyServerSideEncryptionByDefault></ApplyServerSideEncryptionByDefault>')),
    ],
    ['an unknown EncryptionType', config(rule(byDefault('AES256') + blocked('SSE-KMS')))],
    [
      'a BucketKeyEnabled that is not a boolean',
      config(rule(byDefault('AES256') + '<BucketKeyEnabled>yes</BucketKeyEnabled>')),
    ],
    ['a body that is not XML', '{"Rules":[]}'],
    ['another root element', '<EncryptionConfiguration/>'],
  ]) {
    it(`${name} is 400 MalformedXML`, async () => {
      const e = await errorOf(await putEncryption(body!))
      expect([e.status, e.code]).toEqual([400, 'MalformedXML'])
    })
  }
  it('a rejected configuration changes nothing', async () => {
    expect(
      (await putEncryption(config(rule(byDefault('AES256', 'some-key') + '<BucketKeyEnabled>true</BucketKeyEnabled>'))))
        .status,
    ).toBe(400)
    expect((await putEncryption(config(rule(byDefault('aws:kms', 'k')) + rule(byDefault('AES256'))))).status).toBe(400)
    const { rules } = await getRules()
    expect(rules[0]!.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' })
    expect(rules[0]!.BucketKeyEnabled).toBe('false')
  })
})

describe('PutBucketEncryption effects', () => {
  it('answers 200 with an empty body; BucketKeyEnabled is stored', async () => {
    const r = await putEncryption(config(rule(byDefault('AES256') + '<BucketKeyEnabled>true</BucketKeyEnabled>')))
    expect([r.status, await r.text()]).toEqual([200, ''])
    expect((await getRules()).rules[0]!.BucketKeyEnabled).toBe('true')
  })
  it('without BlockedEncryptionTypes the bucket keeps its current SSE-C setting (§4.3)', async () => {
    await putEncryption(config(rule(byDefault('AES256'))))
    expect((await getRules()).rules[0]!.BlockedEncryptionTypes).toEqual({ EncryptionType: ['SSE-C'] })
    await putEncryption(config(rule(byDefault('AES256') + blocked('NONE'))))
    expect((await getRules()).rules[0]!.BlockedEncryptionTypes).toEqual({ EncryptionType: ['NONE'] })
    await putEncryption(config(rule(byDefault('AES256'))))
    expect((await getRules()).rules[0]!.BlockedEncryptionTypes).toEqual({ EncryptionType: ['NONE'] })
  })
  it('stores an aws:kms KMSMasterKeyID verbatim, unvalidated (§3.2)', async () => {
    expect(
      (await putEncryption(config(rule(byDefault('aws:kms', '1234abcd-12ab-34cd-56ef-1234567890ab'))))).status,
    ).toBe(200)
    expect((await getRules()).rules[0]!.ApplyServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: '1234abcd-12ab-34cd-56ef-1234567890ab',
    })
  })
  it('the aws-cli tutorial body (no namespace, no BucketKeyEnabled) is accepted', async () => {
    const r = await putEncryption(
      '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>',
    )
    expect(r.status).toBe(200)
  })
  it('changing the default does not re-encrypt existing objects (§4.2)', async () => {
    await s3.send('PUT', `/${BUCKET}/before`, { body: 'x' })
    const sealed = s3.emulator.s3.bucket(BUCKET).objects.get('before')!.sealed
    await putEncryption(config(rule(byDefault('aws:kms', 'k'))))
    expect(s3.emulator.s3.bucket(BUCKET).objects.get('before')!.sealed).toBe(sealed)
    expect((await s3.send('HEAD', `/${BUCKET}/before`)).headers.get('x-amz-server-side-encryption')).toBe('AES256')
  })
})

describe('DeleteBucketEncryption (§4.3)', () => {
  it('is 204 and idempotent, and Get then reports the SSE-S3 default again, keeping the SSE-C block', async () => {
    await putEncryption(config(rule(byDefault('aws:kms', 'my-key') + '<BucketKeyEnabled>true</BucketKeyEnabled>')))
    for (let i = 0; i < 2; i++) {
      const r = await s3.send('DELETE', `/${BUCKET}?encryption`)
      expect([r.status, await r.text()]).toEqual([204, ''])
    }
    expect((await getRules()).rules).toEqual([
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
        BucketKeyEnabled: 'false',
        BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] },
      },
    ])
  })
  it('on a bucket that never had a configuration is 204 too', async () => {
    expect((await s3.send('DELETE', `/${BUCKET}?encryption`)).status).toBe(204)
  })
})
