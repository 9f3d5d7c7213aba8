/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation over handle(). */
import { XMLParser } from 'fast-xml-parser'
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'Bucket' })
const location = (region: string) =>
  `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`

let s3: Harness
beforeEach(() => {
  s3 = harness()
})

describe('CreateBucket', () => {
  it('answers 200 with Location: /bucket', async () => {
    const r = await s3.send('PUT', '/my-s3-bucket')
    expect([r.status, r.headers.get('location')]).toEqual([200, '/my-s3-bucket'])
  })

  it('in us-east-1, creating a bucket you already own again is 200 and keeps its objects and settings', async () => {
    await s3.send('PUT', '/my-s3-bucket')
    await s3.send('PUT', '/my-s3-bucket/k', { body: 'kept' })
    const again = await s3.send('PUT', '/my-s3-bucket')
    expect(again.status).toBe(200)
    expect(await (await s3.send('GET', '/my-s3-bucket/k')).text()).toBe('kept')
  })

  it('elsewhere, creating it again is 409 BucketAlreadyOwnedByYou', async () => {
    expect((await s3.send('PUT', '/eu-bucket', { body: location('eu-west-1') })).status).toBe(200)
    const e = await errorOf(await s3.send('PUT', '/eu-bucket', { body: location('eu-west-1') }))
    expect([e.status, e.code, e.fields.BucketName]).toEqual([409, 'BucketAlreadyOwnedByYou', 'eu-bucket'])
  })

  it('records the LocationConstraint as the bucket region (HeadBucket, GetBucketLocation)', async () => {
    await s3.send('PUT', '/eu-bucket', { body: location('eu-west-1') })
    expect((await s3.send('HEAD', '/eu-bucket')).headers.get('x-amz-bucket-region')).toBe('eu-west-1')
    expect(await (await s3.send('GET', '/eu-bucket?location')).text()).toContain('>eu-west-1</LocationConstraint>')
    await s3.send('PUT', '/us-bucket')
    expect((await s3.send('HEAD', '/us-bucket')).headers.get('x-amz-bucket-region')).toBe('us-east-1')
    // us-east-1 is reported as an empty LocationConstraint
    expect(await (await s3.send('GET', '/us-bucket?location')).text()).toMatch(
      /<LocationConstraint[^>]*><\/LocationConstraint>/,
    )
  })

  it('an explicit us-east-1 LocationConstraint is 400 InvalidLocationConstraint', async () => {
    const e = await errorOf(await s3.send('PUT', '/us-bucket', { body: location('us-east-1') }))
    expect([e.status, e.code]).toEqual([400, 'InvalidLocationConstraint'])
  })

  it('a body that is not a CreateBucketConfiguration is 400 MalformedXML', async () => {
    expect((await errorOf(await s3.send('PUT', '/x-bucket', { body: '<Nope/>' }))).code).toBe('MalformedXML')
    expect((await errorOf(await s3.send('PUT', '/x-bucket', { body: 'not xml' }))).code).toBe('MalformedXML')
  })
})

describe('DeleteBucket', () => {
  it('a bucket with objects is 409 BucketNotEmpty and stays; emptied, it deletes with 204', async () => {
    await s3.send('PUT', '/full-bucket')
    await s3.send('PUT', '/full-bucket/k', { body: 'v' })
    const e = await errorOf(await s3.send('DELETE', '/full-bucket'))
    expect([e.status, e.code, e.message, e.fields.BucketName]).toEqual([
      409,
      'BucketNotEmpty',
      'The bucket you tried to delete is not empty',
      'full-bucket',
    ])
    expect((await s3.send('HEAD', '/full-bucket')).status).toBe(200)
    await s3.send('DELETE', '/full-bucket/k')
    expect((await s3.send('DELETE', '/full-bucket')).status).toBe(204)
    expect((await s3.send('HEAD', '/full-bucket')).status).toBe(404)
  })
  it('a missing bucket is 404 NoSuchBucket', async () => {
    const e = await errorOf(await s3.send('DELETE', '/no-such-bucket'))
    expect([e.status, e.code, e.fields.BucketName]).toEqual([404, 'NoSuchBucket', 'no-such-bucket'])
  })
})

describe('ListBuckets', () => {
  it('lists buckets sorted by name with creation date and region', async () => {
    for (const name of ['zeta-bucket', 'alpha-bucket', 'mid-bucket']) await s3.send('PUT', `/${name}`)
    const r = await s3.send('GET', '/')
    const result = parser.parse(await r.text()).ListAllMyBucketsResult
    const buckets = result.Buckets.Bucket as { Name: string; CreationDate: string; BucketRegion: string }[]
    expect(buckets.map((b) => b.Name)).toEqual(['alpha-bucket', 'mid-bucket', 'zeta-bucket'])
    expect(buckets[0]!.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(buckets[0]!.BucketRegion).toBe('us-east-1')
    expect(result.Owner.ID).toMatch(/^[0-9a-f]{64}$/)
  })
})
