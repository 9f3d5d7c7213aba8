import { describe, expect, it } from 'vitest'
import { fromJson, PLANNED_CALLS, recommendedConfiguration } from '@/lib/cors/doctor'
import { probeCalls, probeUrl } from '@/lib/cors/probe'
import { matchRule } from '@/lib/cors/rules'
import type { CorsRule } from '@/lib/s3/model'

const origin = 'https://playground.example'

/** A browser's verdict on a request to a bucket with these rules: TypeError unless a rule allows it. */
const browser = (rules: CorsRule[]) => {
  const sent: string[] = []
  const fetchFn = async (url: string, init: { method: string; headers: Record<string, string> }) => {
    sent.push(`${init.method} ${url}`)
    if (!matchRule(rules, origin, init.method, Object.keys(init.headers))) throw new TypeError('Failed to fetch')
    return { status: 403, headers: new Headers({ 'content-type': 'application/xml' }) }
  }
  return { fetchFn, sent }
}

describe('the live preflight checker', () => {
  it('passes every planned call with the recommended configuration, touching only the probe key with a dummy signature', async () => {
    const { fetchFn, sent } = browser(fromJson(recommendedConfiguration(origin)))
    const results = await probeCalls('https://b.s3.us-east-1.amazonaws.com', PLANNED_CALLS, fetchFn)
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(sent.map((s) => s.split(' ')[1]))).toEqual(
      new Set([probeUrl('https://b.s3.us-east-1.amazonaws.com')]),
    )
    expect(results[0]!.status).toBe(403)
  })

  it('names a refused method, and narrows a refused call down to the header at fault', async () => {
    const rules = fromJson(recommendedConfiguration(origin))
    rules[0]!.allowedMethods = ['GET', 'PUT', 'HEAD', 'POST']
    rules[0]!.allowedHeaders = [
      'authorization',
      'content-type',
      'content-md5',
      'range',
      'if-match',
      'amz-sdk-*',
      'x-amz-*',
    ]
    rules[0]!.allowedHeaders = rules[0]!.allowedHeaders.filter((h) => h !== 'range')
    const { fetchFn } = browser(rules)
    const results = await probeCalls('http://127.0.0.1:9/b', PLANNED_CALLS, fetchFn)
    expect(results.find((r) => r.call.method === 'DELETE')).toMatchObject({ ok: false, methodRefused: true })
    expect(results.find((r) => r.call.label === 'GetObject')).toMatchObject({ ok: false, refusedHeaders: ['range'] })
    expect(results.filter((r) => !r.ok)).toHaveLength(2)
  })
})
