/** The encryption-only view: SSE headers both ways and KMS calls of the last two exchanges, changed rows marked. */
import { describe, expect, it } from 'vitest'
import { compareEncryption, kmsCalls } from '@/lib/inspector/encryption-only'
import type { Exchange } from '@/lib/inspector/exchange'

let id = 0
const exchange = (over: Partial<Exchange>): Exchange => ({
  id: ++id,
  method: 'PUT',
  url: 'https://s3.emulator.invalid/b/a.txt',
  status: 200,
  requestHeaders: [],
  responseHeaders: [],
  requestBodySize: 0,
  responseBodySize: 0,
  startedAt: 0,
  ms: 1,
  ...over,
})

describe('compareEncryption', () => {
  it('is empty before any exchange', () => {
    expect(compareEncryption([])).toBeUndefined()
  })

  it('shows what SSE-KMS changed after an SSE-S3 upload: headers both ways and S3 calling KMS', () => {
    const sseS3 = exchange({
      operation: 'PutObject',
      requestHeaders: [['content-type', 'text/plain']],
      responseHeaders: [
        ['etag', '"x"'],
        ['x-amz-server-side-encryption', 'AES256'],
      ],
    })
    const sseKms = exchange({
      operation: 'PutObject',
      requestHeaders: [['x-amz-server-side-encryption', 'aws:kms']],
      responseHeaders: [
        ['x-amz-server-side-encryption', 'aws:kms'],
        ['x-amz-server-side-encryption-aws-kms-key-id', 'arn:aws:kms:us-east-1:111122223333:key/k'],
      ],
      trace: [
        { name: 'S3 PutObject', start: 0, ms: 3, depth: 0 },
        { name: 'KMS GenerateDataKey', start: 1, ms: 1, depth: 1 },
      ],
    })
    const view = compareEncryption([exchange({ method: 'GET' }), sseS3, sseKms])!
    expect(view.before?.title).toBe('PutObject /b/a.txt → 200')
    expect(view.rows).toEqual([
      { side: 'kms', name: 'KMS calls', after: 'GenerateDataKey', changed: true },
      { side: 'request', name: 'x-amz-server-side-encryption', after: 'aws:kms', changed: true },
      { side: 'response', name: 'x-amz-server-side-encryption', before: 'AES256', after: 'aws:kms', changed: true },
      {
        side: 'response',
        name: 'x-amz-server-side-encryption-aws-kms-key-id',
        after: 'arn:aws:kms:us-east-1:111122223333:key/k',
        changed: true,
      },
    ])
    // The same request twice: nothing changed.
    expect(compareEncryption([sseKms, { ...sseKms, id: 99 }])!.rows.every((r) => !r.changed)).toBe(true)
  })

  it("counts the learner's own KMS calls", () => {
    expect(kmsCalls(exchange({ requestHeaders: [['X-Amz-Target', 'TrentService.Decrypt']] }))).toEqual(['Decrypt'])
  })
})
