/**
 * The server-side trace: each request's own steps (S3 → KMS GenerateDataKey → AES-GCM encrypt → store),
 * nested and timed with an injected clock, on the request event, in the control endpoint, and in the
 * `x-playground-trace` response header of the Node server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Trace, type TraceStep } from '@/lib/trace/trace'
import { harness } from '../../helpers/handle'
import { startEmulator, type RunningEmulator } from '../../helpers/server'

const AUTH = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
}
const KMS_AUTH = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0',
}

/** A clock that moves 1 ms each time it is read. */
const ticking = () => {
  let t = 1000
  return () => t++
}
const outline = (steps: TraceStep[]) =>
  steps.map((s) => `${'  '.repeat(s.depth)}${s.name}${s.failed ? ' (failed)' : ''}`)

describe('Trace', () => {
  it('nests steps, times them with the injected clock, and marks failures', async () => {
    const trace = new Trace(ticking())
    await trace.span('outer', 'detail', async () => {
      trace.note('a note')
      await trace.span('inner', undefined, () => 42)
    })
    await expect(trace.span('broken', undefined, () => Promise.reject(new Error('no')))).rejects.toThrow('no')
    const steps = trace.finish('S3 PutObject', 'HTTP 200')
    expect(outline(steps)).toEqual(['S3 PutObject', '  outer', '    a note', '    inner', '  broken (failed)'])
    expect(steps[0]).toEqual({ name: 'S3 PutObject', detail: 'HTTP 200', start: 0, ms: 8, depth: 0 })
    expect(steps[1]).toEqual({ name: 'outer', detail: 'detail', start: 1, ms: 4, depth: 1 })
    expect(steps[3]).toMatchObject({ name: 'inner', start: 3, ms: 1 })
  })
})

describe('the emulator traces its requests', () => {
  it('records each mode’s steps on the request event', async () => {
    const h = harness({ traceClock: ticking() })
    const traces: Record<string, TraceStep[]> = {}
    h.emulator.events.subscribe((e) => (traces[`${e.operation} ${e.key ?? e.bucket ?? ''}`] = e.trace!))
    const kms = (target: string, body: unknown) =>
      h.emulator.handle(
        new Request('https://kms.emulator.invalid/', {
          method: 'POST',
          headers: {
            ...KMS_AUTH,
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `TrentService.${target}`,
          },
          body: JSON.stringify(body),
        }),
      )
    const keyId = ((await (await kms('CreateKey', {})).json()) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
    await h.send('PUT', '/traced', { headers: AUTH })
    await h.send('PUT', '/traced/kms.txt', {
      headers: {
        ...AUTH,
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': keyId,
      },
      body: 'hello',
    })
    await h.send('GET', '/traced/kms.txt', { headers: AUTH })
    await h.send('PUT', '/traced/s3.txt', { headers: AUTH, body: 'hello' })
    await h.send('GET', '/traced/s3.txt', { headers: AUTH })
    await h.send('PUT', '/traced/dsse.txt', {
      headers: {
        ...AUTH,
        'x-amz-server-side-encryption': 'aws:kms:dsse',
        'x-amz-server-side-encryption-aws-kms-key-id': keyId,
      },
      body: 'hello',
    })
    for (const k of ['bk1', 'bk2'])
      await h.send('PUT', `/traced/${k}`, {
        headers: {
          ...AUTH,
          'x-amz-server-side-encryption': 'aws:kms',
          'x-amz-server-side-encryption-aws-kms-key-id': keyId,
          'x-amz-server-side-encryption-bucket-key-enabled': 'true',
        },
        body: 'hello',
      })
    await h.send('GET', '/traced/missing.txt', { headers: AUTH })

    // PutObject streams: the data key comes first, then the body is read, checked and encrypted in one pass.
    expect(outline(traces['PutObject kms.txt']!)).toEqual([
      'S3 PutObject',
      '  KMS GenerateDataKey',
      '  AES-256-GCM encrypt',
      '  Store',
    ])
    expect(traces['PutObject kms.txt']![1]!.detail).toBe(
      `arn:aws:kms:us-east-1:111122223333:key/${keyId} · context aws:s3:arn=arn:aws:s3:::traced/kms.txt`,
    )
    expect(traces['PutObject kms.txt']![3]!.detail).toBe('5 B · 1 segment of ciphertext with its tag')
    expect(outline(traces['GetObject kms.txt']!)).toEqual([
      'S3 GetObject',
      '  Read the request body',
      '  KMS Decrypt',
      '  AES-256-GCM decrypt',
    ])
    expect(outline(traces['PutObject s3.txt']!)).toEqual([
      'S3 PutObject',
      '  S3 root key: wrap the data key',
      '  AES-256-GCM encrypt',
      '  Store',
    ])
    expect(outline(traces['GetObject s3.txt']!)).toEqual([
      'S3 GetObject',
      '  Read the request body',
      '  S3 root key: unwrap the data key',
      '  AES-256-GCM decrypt',
    ])
    expect(outline(traces['PutObject dsse.txt']!)).toEqual([
      'S3 PutObject',
      '  KMS GenerateDataKey',
      '  KMS GenerateDataKey',
      '  AES-256-GCM encrypt',
      '  Store',
    ])
    expect(traces['PutObject dsse.txt']![3]!.detail).toContain('two layers (DSSE)')
    expect(outline(traces['PutObject bk1']!)).toEqual([
      'S3 PutObject',
      '  KMS GenerateDataKey',
      '  S3 Bucket Key: wrap the data key',
      '  AES-256-GCM encrypt',
      '  Store',
    ])
    expect(outline(traces['PutObject bk2']!)).toEqual([
      'S3 PutObject',
      '  S3 Bucket Key reused',
      '  S3 Bucket Key: wrap the data key',
      '  AES-256-GCM encrypt',
      '  Store',
    ])
    expect(traces['GetObject missing.txt']![0]).toMatchObject({ name: 'S3 GetObject', detail: 'HTTP 404' })
    expect(outline(traces['CreateKey ']!)).toEqual(['KMS CreateKey'])
    // Every step lies inside the request's own time.
    for (const steps of Object.values(traces))
      for (const s of steps) expect(s.start + s.ms).toBeLessThanOrEqual(steps[0]!.ms)
  })

  it('a disabled key: the KMS step is marked failed', async () => {
    const h = harness({ traceClock: ticking() })
    let last: TraceStep[] = []
    h.emulator.events.subscribe((e) => (last = e.trace!))
    const kms = (target: string, body: unknown) =>
      h.emulator.handle(
        new Request('https://kms.emulator.invalid/', {
          method: 'POST',
          headers: {
            ...KMS_AUTH,
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `TrentService.${target}`,
          },
          body: JSON.stringify(body),
        }),
      )
    const keyId = ((await (await kms('CreateKey', {})).json()) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
    await h.send('PUT', '/traced', { headers: AUTH })
    await h.send('PUT', '/traced/a', {
      headers: {
        ...AUTH,
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': keyId,
      },
      body: 'x',
    })
    await kms('DisableKey', { KeyId: keyId })
    const got = await h.send('GET', '/traced/a', { headers: AUTH })
    expect(got.status).toBe(400)
    expect(outline(last)).toEqual(['S3 GetObject', '  Read the request body', '  KMS Decrypt (failed)'])
  })
})

describe('the Node server gives traces out', () => {
  let running: RunningEmulator
  beforeAll(async () => {
    running = await startEmulator()
  })
  afterAll(() => running.close())

  it('in the x-playground-trace response header when asked, and from /_playground/traces', async () => {
    await fetch(`${running.endpoint}/trace-bucket`, { method: 'PUT', headers: AUTH })
    const put = await fetch(`${running.endpoint}/trace-bucket/a.txt`, {
      method: 'PUT',
      headers: { ...AUTH, 'x-playground-trace': '1' },
      body: 'hello',
    })
    expect(put.status).toBe(200)
    const steps = JSON.parse(put.headers.get('x-playground-trace')!) as TraceStep[]
    expect(steps.map((s) => s.name)).toEqual([
      'S3 PutObject',
      'S3 root key: wrap the data key',
      'AES-256-GCM encrypt',
      'Store',
    ])
    expect(steps[0]!.ms).toBeGreaterThan(0)
    const plain = await fetch(`${running.endpoint}/trace-bucket/a.txt`, { headers: AUTH })
    expect(plain.headers.get('x-playground-trace')).toBeNull()

    const id = plain.headers.get('x-amz-request-id')!
    const one = (await (await fetch(`${running.endpoint}/_playground/traces/${id}`)).json()) as { steps: TraceStep[] }
    expect(one.steps.map((s) => s.name)).toEqual([
      'S3 GetObject',
      'Read the request body',
      'S3 root key: unwrap the data key',
      'AES-256-GCM decrypt',
    ])
    const all = (await (await fetch(`${running.endpoint}/_playground/traces`)).json()) as {
      traces: { requestId: string }[]
    }
    expect(all.traces.map((t) => t.requestId)).toContain(id)
    expect((await fetch(`${running.endpoint}/_playground/traces/NOPE`)).status).toBe(404)
  })
})
