/** The S3 route table, driven through createEmulator().handle(new Request(...)). */
import { beforeEach, describe, expect, it } from 'vitest'
import type { RequestEvent } from '@/lib/emulator/events'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

let s3: Harness
let events: RequestEvent[]

beforeEach(async () => {
  s3 = harness()
  events = []
  s3.emulator.events.subscribe((e) => events.push(e))
})

const lastOperation = () => events.at(-1)?.operation

describe('every served operation is reached by its method, scope and sub-resource', () => {
  const encryption =
    '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>'
  const steps: [string, string, number, string, { body?: string }?][] = [
    ['PUT', '/route-bucket', 200, 'CreateBucket'],
    ['HEAD', '/route-bucket', 200, 'HeadBucket'],
    ['GET', '/', 200, 'ListBuckets'],
    ['GET', '/route-bucket?location', 200, 'GetBucketLocation'],
    ['PUT', '/route-bucket?encryption', 200, 'PutBucketEncryption', { body: encryption }],
    ['GET', '/route-bucket?encryption', 200, 'GetBucketEncryption'],
    ['DELETE', '/route-bucket?encryption', 204, 'DeleteBucketEncryption'],
    ['PUT', '/route-bucket/dir/file.txt', 200, 'PutObject', { body: 'data' }],
    ['HEAD', '/route-bucket/dir/file.txt', 200, 'HeadObject'],
    ['GET', '/route-bucket/dir/file.txt', 200, 'GetObject'],
    ['GET', '/route-bucket?list-type=2', 200, 'ListObjects'],
    ['GET', '/route-bucket', 200, 'ListObjects'],
    ['DELETE', '/route-bucket/dir/file.txt', 204, 'DeleteObject'],
    ['DELETE', '/route-bucket', 204, 'DeleteBucket'],
  ]
  it('in tutorial order', async () => {
    for (const [method, path, status, operation, init] of steps) {
      const r = await s3.send(method, path, init)
      expect([method, path, r.status, lastOperation()]).toEqual([method, path, status, operation])
    }
  })

  it('the same operations through virtual-hosted addressing', async () => {
    expect((await s3.send('PUT', 'http://vhost-bucket.localhost:4566/')).status).toBe(200)
    expect(lastOperation()).toBe('CreateBucket')
    expect((await s3.send('PUT', 'http://vhost-bucket.localhost:4566/k', { body: 'v' })).status).toBe(200)
    const got = await s3.send('GET', 'http://vhost-bucket.s3.amazonaws.com/k')
    expect([got.status, await got.text(), lastOperation()]).toEqual([200, 'v', 'GetObject'])
    expect(events.at(-1)).toMatchObject({ bucket: 'vhost-bucket', key: 'k' })
  })

  it('versionId and partNumber are options of GetObject and HeadObject, not unserved sub-resources', async () => {
    await s3.send('PUT', '/route-bucket')
    await s3.send('PUT', '/route-bucket/k', { body: 'v' })
    expect((await s3.send('GET', '/route-bucket/k?versionId=null')).status).toBe(200)
    expect((await s3.send('HEAD', '/route-bucket/k?partNumber=1')).status).toBe(200)
    expect(lastOperation()).toBe('HeadObject')
  })

  it('the versioning, batch delete and tagging sub-resources reach their operations', async () => {
    await s3.send('PUT', '/route-bucket')
    await s3.send('PUT', '/route-bucket/k', { body: 'v' })
    for (const [method, path, operation] of [
      ['GET', '/route-bucket?versioning', 'GetBucketVersioning'],
      ['PUT', '/route-bucket?versioning', 'PutBucketVersioning'],
      ['GET', '/route-bucket?versions', 'ListObjectVersions'],
      ['POST', '/route-bucket?delete', 'DeleteObjects'],
      ['GET', '/route-bucket/k?tagging', 'GetObjectTagging'],
      ['PUT', '/route-bucket/k?tagging&versionId=null', 'PutObjectTagging'],
      ['DELETE', '/route-bucket/k?tagging', 'DeleteObjectTagging'],
    ] as const) {
      await s3.send(method, path, method === 'GET' || method === 'DELETE' ? {} : { body: '<x/>' })
      expect([method, path, lastOperation()]).toEqual([method, path, operation])
    }
  })
})

describe('what is not served', () => {
  beforeEach(async () => {
    await s3.send('PUT', '/route-bucket')
    await s3.send('PUT', '/route-bucket/k', { body: 'v' })
  })

  for (const [method, path, subresource] of [
    ['GET', '/route-bucket?policyStatus', 'policyStatus'],
    ['PUT', '/route-bucket?lifecycle', 'lifecycle'],
    ['GET', '/route-bucket?replication', 'replication'],
    ['PUT', '/route-bucket?object-lock', 'object-lock'],
    ['GET', '/route-bucket/k?retention', 'retention'],
    ['PUT', '/route-bucket/k?acl', 'acl'],
    ['POST', '/route-bucket/k?restore', 'restore'],
    ['PUT', '/route-bucket/k?partNumber=1&uploadId=x&tagging', 'tagging'],
  ]) {
    it(`${method} ?${subresource} is 501 NotImplemented, never misrouted`, async () => {
      const e = await errorOf(await s3.send(method!, path!, method === 'GET' ? {} : { body: 'x' }))
      expect([e.status, e.code]).toEqual([501, 'NotImplemented'])
      expect(e.fields.Header).toBe(subresource)
    })
  }

  it('a sub-resource route does not fall through to the plain route: the object is untouched', async () => {
    await s3.send('PUT', '/route-bucket/k?tagging', { body: '<Tagging/>' })
    expect(await (await s3.send('GET', '/route-bucket/k')).text()).toBe('v')
  })

  it('CopyObject (PUT with x-amz-copy-source) copies, never stores the empty request body', async () => {
    const r = await s3.send('PUT', '/route-bucket/copy', { headers: { 'x-amz-copy-source': '/route-bucket/k' } })
    expect(r.status).toBe(200)
    expect(await r.text()).toContain('<CopyObjectResult')
    expect(await (await s3.send('GET', '/route-bucket/copy')).text()).toBe('v')
  })

  for (const [method, path, operation] of [
    ['POST', '/route-bucket/k?uploads', 'CreateMultipartUpload'],
    ['PUT', '/route-bucket/k?partNumber=1&uploadId=x', 'UploadPart'],
    ['PUT', '/route-bucket/k?partNumber=1&uploadId=x#copy', 'UploadPartCopy'],
    ['POST', '/route-bucket/k?uploadId=x', 'CompleteMultipartUpload'],
    ['DELETE', '/route-bucket/k?uploadId=x', 'AbortMultipartUpload'],
    ['GET', '/route-bucket/k?uploadId=x', 'ListParts'],
    ['GET', '/route-bucket/k?attributes', 'GetObjectAttributes'],
    ['GET', '/route-bucket?uploads', 'ListMultipartUploads'],
    ['GET', '/route-bucket?policy', 'GetBucketPolicy'],
    ['PUT', '/route-bucket?policy', 'PutBucketPolicy'],
    ['DELETE', '/route-bucket?policy', 'DeleteBucketPolicy'],
  ]) {
    it(`${method} ${path} is routed to ${operation}`, async () => {
      const seen: string[] = []
      s3.emulator.events.subscribe((e) => seen.push(e.operation))
      const copy = path!.endsWith('#copy')
      await s3.send(
        method!,
        path!.replace('#copy', ''),
        copy ? { headers: { 'x-amz-copy-source': '/route-bucket/k' } } : {},
      )
      expect(seen).toEqual([operation])
    })
  }

  // A bucket POST is POST Object: without a form it is 412 (tests/unit/protocol/s3/post-object.test.ts).
  for (const [method, path, resource] of [
    ['PATCH', '/route-bucket/k', 'OBJECT'],
    ['POST', '/route-bucket/k', 'OBJECT'],
    ['PUT', '/', 'SERVICE'],
    ['DELETE', '/', 'SERVICE'],
  ]) {
    it(`${method} ${path} is 405 MethodNotAllowed`, async () => {
      const e = await errorOf(await s3.send(method!, path!))
      expect([e.status, e.code, e.message]).toEqual([
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      ])
      expect(e.fields).toMatchObject({ Method: method, ResourceType: resource })
    })
  }
})
