import { describe, expect, it } from 'vitest'
import { harness, parseError } from '../../../helpers/handle'

const rules = (inner: string) => `<CORSConfiguration>${inner}</CORSConfiguration>`
const RULE =
  '<CORSRule><ID>site</ID><AllowedHeader>*</AllowedHeader><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>https://example.com</AllowedOrigin><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-server-side-encryption</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>'

async function withBucket() {
  const h = harness()
  expect((await h.send('PUT', '/cors-bucket')).status).toBe(200)
  return h
}

describe('bucket CORS configuration', () => {
  it('stores the rules and returns them in order', async () => {
    const h = await withBucket()
    expect((await h.send('PUT', '/cors-bucket?cors', { body: rules(RULE) })).status).toBe(200)
    const got = await h.send('GET', '/cors-bucket?cors')
    expect(got.status).toBe(200)
    const body = await got.text()
    expect(body).toContain(
      '<CORSRule><ID>site</ID><AllowedHeader>*</AllowedHeader><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>https://example.com</AllowedOrigin><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-server-side-encryption</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>',
    )
  })

  it('answers NoSuchCORSConfiguration before any is set and after delete (204 each time)', async () => {
    const h = await withBucket()
    const none = await h.send('GET', '/cors-bucket?cors')
    expect(none.status).toBe(404)
    expect(parseError(await none.text())).toMatchObject({
      code: 'NoSuchCORSConfiguration',
      message: 'The CORS configuration does not exist',
      fields: { BucketName: 'cors-bucket' },
    })
    await h.send('PUT', '/cors-bucket?cors', { body: rules(RULE) })
    expect((await h.send('DELETE', '/cors-bucket?cors')).status).toBe(204)
    expect((await h.send('DELETE', '/cors-bucket?cors')).status).toBe(204)
    expect((await h.send('GET', '/cors-bucket?cors')).status).toBe(404)
  })

  it('refuses unsupported methods, missing origins and bad XML', async () => {
    const h = await withBucket()
    const patch = await h.send('PUT', '/cors-bucket?cors', {
      body: rules('<CORSRule><AllowedMethod>PATCH</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>'),
    })
    expect(patch.status).toBe(400)
    expect(parseError(await patch.text())).toMatchObject({
      code: 'InvalidRequest',
      message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    })
    const noOrigin = await h.send('PUT', '/cors-bucket?cors', {
      body: rules('<CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>'),
    })
    expect(parseError(await noOrigin.text()).code).toBe('MalformedXML')
    expect(parseError(await (await h.send('PUT', '/cors-bucket?cors', { body: '<nope' })).text()).code).toBe(
      'MalformedXML',
    )
  })
})
