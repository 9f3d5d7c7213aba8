/** The Policy panel's log: each request a bucket policy was evaluated for, with the evaluator's explanation. */
import { describe, expect, it } from 'vitest'
import { DecisionLog } from '@/lib/inspector/decision-log'
import { harness } from '../../helpers/handle'

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyUnencrypted',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::guarded/*',
      Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
    },
  ],
})

describe('DecisionLog', () => {
  it('keeps the decisions of requests a bucket policy governed, and nothing else', async () => {
    const h = harness()
    const log = new DecisionLog()
    h.emulator.events.subscribe((e) => log.record(e))
    let changes = 0
    log.subscribe(() => changes++)
    await h.send('PUT', '/guarded')
    expect((await h.send('PUT', '/guarded?policy', { body: POLICY })).status).toBe(204)
    const denied = await h.send('PUT', '/guarded/plain.txt', { body: 'x' })
    const allowed = await h.send('PUT', '/guarded/kms.txt', {
      body: 'x',
      headers: { 'x-amz-server-side-encryption': 'AES256' },
    })
    expect([denied.status, allowed.status]).toEqual([403, 200])

    const puts = log.all().filter((e) => e.operation === 'PutObject')
    expect(puts.map((e) => [e.key, e.status, e.decisions[0]!.decision])).toEqual([
      ['plain.txt', 403, 'Deny'],
      ['kms.txt', 200, 'Allow'],
    ])
    expect(puts[0]!.decisions[0]!.reason).toContain('"DenyUnencrypted"')
    expect(puts[0]!.decisions[0]!.statements[0]!.checks.join('\n')).toMatch(/✓.*Null/)
    expect(log.byRequest(denied.headers.get('x-amz-request-id')!)?.key).toBe('plain.txt')
    expect(log.byRequest(undefined)).toBeUndefined()
    expect(changes).toBe(log.all().length)
    expect(log.all().every((e) => e.bucket === 'guarded')).toBe(true)
  })
})
