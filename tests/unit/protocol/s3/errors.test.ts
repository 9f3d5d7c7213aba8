/**
 * The <Error> document (docs/fidelity.md §2.1): no namespace, Code, Message, the error's extra elements, RequestId,
 * HostId, in that order; and HEAD errors with a status and no body.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { errorOf, harness, type Harness } from '../../../helpers/handle'

let s3: Harness
beforeEach(async () => {
  s3 = harness()
  expect((await s3.send('PUT', '/error-bucket')).status).toBe(200)
})

describe('the XML <Error> body', () => {
  it('NoSuchBucket: declaration, no namespace, Code / Message / BucketName / RequestId / HostId in order', async () => {
    const r = await s3.send('GET', '/no-such-bucket/k')
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toBe('application/xml')
    const xml = await r.text()
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(xml).toMatch(/<Error>/)
    expect(xml).not.toMatch(/xmlns/)
    const e = await errorOf(new Response(xml, { status: r.status }))
    expect(e.elements.map(([name]) => name)).toEqual(['Code', 'Message', 'BucketName', 'RequestId', 'HostId'])
    expect(e.fields).toMatchObject({
      Code: 'NoSuchBucket',
      Message: 'The specified bucket does not exist',
      BucketName: 'no-such-bucket',
    })
  })

  it('RequestId and HostId repeat the x-amz-request-id and x-amz-id-2 headers, fresh for each request', async () => {
    const a = await s3.send('GET', '/error-bucket/missing')
    const b = await s3.send('GET', '/error-bucket/missing')
    const ea = await errorOf(a)
    const eb = await errorOf(b)
    expect(ea.fields.RequestId).toBe(a.headers.get('x-amz-request-id'))
    expect(ea.fields.HostId).toBe(a.headers.get('x-amz-id-2'))
    expect(ea.fields.RequestId).toMatch(/^[0-9A-F]{16}$/)
    expect(ea.fields.RequestId).not.toBe(eb.fields.RequestId)
  })

  it('NoSuchKey names the key, escaped in XML and intact when parsed back', async () => {
    const key = 'a <b> & "c" \'d\''
    const r = await s3.send('GET', `/error-bucket/${encodeURIComponent(key)}`)
    const text = await r.clone().text()
    expect(text).toContain('<Key>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;</Key>')
    const e = await errorOf(r)
    expect([e.status, e.code, e.message, e.fields.Key]).toEqual([
      404,
      'NoSuchKey',
      'The specified key does not exist.',
      key,
    ])
    expect(e.elements.map(([name]) => name)).toEqual(['Code', 'Message', 'Key', 'RequestId', 'HostId'])
  })

  it('InvalidArgument carries ArgumentName and ArgumentValue between Message and RequestId', async () => {
    const e = await errorOf(
      await s3.send('PUT', '/error-bucket/k', { body: 'x', headers: { 'x-amz-server-side-encryption': 'AES128' } }),
    )
    expect(e.elements.map(([name]) => name)).toEqual([
      'Code',
      'Message',
      'ArgumentName',
      'ArgumentValue',
      'RequestId',
      'HostId',
    ])
  })
})

describe('HEAD errors have a status and no body', () => {
  it('HEAD of a missing key: 404, empty body, request id headers still present', async () => {
    const r = await s3.send('HEAD', '/error-bucket/missing')
    expect(r.status).toBe(404)
    expect(await r.text()).toBe('')
    expect(r.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/)
  })
  it('HEAD of a missing bucket: 404, empty body', async () => {
    const r = await s3.send('HEAD', '/no-such-bucket')
    expect([r.status, await r.text()]).toEqual([404, ''])
  })
  it('HEAD with a failed precondition: 412, empty body', async () => {
    await s3.send('PUT', '/error-bucket/k', { body: 'v' })
    const r = await s3.send('HEAD', '/error-bucket/k', { headers: { 'if-match': '"0123"' } })
    expect([r.status, await r.text()]).toEqual([412, ''])
  })
  it('HEAD with an SSE header: 400, empty body', async () => {
    await s3.send('PUT', '/error-bucket/k', { body: 'v' })
    const r = await s3.send('HEAD', '/error-bucket/k', { headers: { 'x-amz-server-side-encryption': 'AES256' } })
    expect([r.status, await r.text()]).toEqual([400, ''])
  })
})
