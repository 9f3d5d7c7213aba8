import { describe, expect, it } from 'vitest'
import { corsVisibility, knownExposeHeaders, modelledResponseHeaders } from '@/lib/inspector/cors-visibility'
import type { Exchange } from '@/lib/inspector/exchange'

const exchange = (over: Partial<Exchange> = {}): Exchange => ({
  id: 1,
  operation: 'HeadObject',
  method: 'HEAD',
  url: 'http://127.0.0.1:3221/vis-bucket/k.txt',
  status: 200,
  requestHeaders: [],
  responseHeaders: [
    ['content-length', '3'],
    ['x-amz-server-side-encryption', 'aws:kms'],
  ],
  requestBodySize: 0,
  responseBodySize: 0,
  startedAt: 0,
  ms: 1,
  target: 'http://127.0.0.1:3221',
  ...over,
})

describe('which headers CORS hid', () => {
  it('emulator exchanges have nothing to say', () => {
    expect(corsVisibility(exchange({ target: undefined }))).toEqual([])
  })

  it('without the configuration: modelled, unsafelisted, unread headers are "unknown"', () => {
    const rows = corsVisibility(exchange())
    expect(rows.filter((r) => r.visibility === 'readable').map((r) => r.name)).toEqual([
      'content-length',
      'x-amz-server-side-encryption',
    ])
    expect(rows.find((r) => r.name === 'x-amz-server-side-encryption-aws-kms-key-id')?.visibility).toBe('unknown')
    expect(rows.find((r) => r.name === 'Content-Type')).toBeUndefined() // safelisted: never hidden
    expect(modelledResponseHeaders('HeadObject')).toContain('ETag')
  })

  it('with the bucket ExposeHeaders known: a header not exposed is hidden, an exposed one absent was simply not sent', () => {
    knownExposeHeaders.set('vis-bucket', ['x-amz-server-side-encryption', 'ETag'])
    const rows = corsVisibility(exchange())
    expect(rows.find((r) => r.name === 'x-amz-server-side-encryption-aws-kms-key-id')?.visibility).toBe('hidden')
    expect(rows.find((r) => r.name === 'ETag')).toBeUndefined()
    knownExposeHeaders.delete('vis-bucket')
  })

  it('when the server reported what it sent, exactly those it sent and the page lacks are hidden, with their values', () => {
    const rows = corsVisibility(
      exchange({
        sentHeaders: [
          ['content-length', '3'],
          ['x-amz-server-side-encryption', 'aws:kms'],
          ['x-amz-server-side-encryption-aws-kms-key-id', 'arn:k'],
          ['access-control-allow-origin', 'o'],
        ],
      }),
    )
    expect(rows.filter((r) => r.visibility !== 'readable')).toEqual([
      {
        name: 'x-amz-server-side-encryption-aws-kms-key-id',
        visibility: 'hidden',
        why: 'the server sent it; CORS hid it from the page',
        sentValue: 'arn:k',
      },
    ])
  })
})
