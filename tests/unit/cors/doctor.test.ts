import { describe, expect, it } from 'vitest'
import { diagnose, fromJson, PLANNED_CALLS, putBucketCorsCommand, recommendedConfiguration } from '@/lib/cors/doctor'
import { EXPOSE_HEADERS, NOT_READ_HEADERS, unexposed } from '@/lib/cors/expose-headers'
import { matchRule, originAllowed } from '@/lib/cors/rules'
import s3Model from '@/lib/cli/models/s3.json'

const origin = 'https://playground.example'

describe('the recommended configuration', () => {
  it('allows the origin, every planned method and header, and exposes ETag and every SSE and checksum header by name', () => {
    const config = recommendedConfiguration(origin)
    const rules = fromJson(config)
    for (const call of PLANNED_CALLS)
      expect(matchRule(rules, origin, call.method, call.headers), call.label).toBeDefined()
    const expose = config.CORSRules[0]!.ExposeHeaders!
    expect(expose).not.toContain('*')
    for (const h of [
      'ETag',
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
      'x-amz-server-side-encryption-customer-key-MD5',
      'x-amz-checksum-crc32',
      'x-amz-version-id',
    ])
      expect(expose).toContain(h)
    expect(diagnose('b', rules, origin).findings).toEqual([])
  })

  it('covers every header the S3 model says the operations the playground sends can return', () => {
    const model = s3Model as unknown as {
      operations: Record<string, { output?: string }>
      shapes: Record<string, { members?: { location?: string; locationName?: string }[] }>
    }
    const used = [
      'PutObject',
      'GetObject',
      'HeadObject',
      'CopyObject',
      'CreateMultipartUpload',
      'UploadPart',
      'CompleteMultipartUpload',
      'DeleteObject',
      'GetObjectAttributes',
      'UploadPartCopy',
    ]
    const modelled = new Set(
      used.flatMap((op) =>
        model.shapes[model.operations[op]!.output!]!.members!.filter((m) => m.location === 'header').map(
          (m) => m.locationName!,
        ),
      ),
    )
    const uncovered = unexposed([...modelled], [...EXPOSE_HEADERS, ...NOT_READ_HEADERS])
    expect(uncovered).toEqual([])
  })

  it('prints the aws-cli command with the JSON quoted for a shell', () => {
    const cmd = putBucketCorsCommand('my-bucket', {
      CORSRules: [{ AllowedOrigins: ["https://o'x"], AllowedMethods: ['GET'] }],
    })
    expect(cmd).toBe(
      `aws s3api put-bucket-cors --bucket my-bucket --cors-configuration '{"CORSRules":[{"AllowedOrigins":["https://o'\\''x"],"AllowedMethods":["GET"]}]}'`,
    )
  })
})

describe('diagnose', () => {
  const base = () => fromJson(recommendedConfiguration(origin))

  it('no configuration: one finding, and the command applies the recommended one', () => {
    const d = diagnose('b', undefined, origin)
    expect(d.findings).toHaveLength(1)
    expect(d.command).toBe(putBucketCorsCommand('b', recommendedConfiguration(origin)))
  })

  it('a missing ExposeHeaders entry is named with the exact fix, and the fixed configuration adds only it', () => {
    const rules = base()
    rules[0]!.exposeHeaders = rules[0]!.exposeHeaders.filter((h) => h !== 'x-amz-server-side-encryption-aws-kms-key-id')
    const d = diagnose('b', rules, origin)
    expect(d.findings).toEqual([
      {
        severity: 'error',
        problem:
          'ExposeHeaders of rule 1 lacks x-amz-server-side-encryption-aws-kms-key-id: the server sends it, but the browser hides it from the page, so the SDK reports the field as undefined.',
        fix: 'add "x-amz-server-side-encryption-aws-kms-key-id" to ExposeHeaders of rule 1 (S3 allows no wildcard there)',
      },
    ])
    expect(diagnose('b', fromJson(d.fixed), origin).findings).toEqual([])
  })

  it('a missing method is named with the calls it breaks and the fix', () => {
    const rules = base()
    rules[0]!.allowedMethods = ['GET', 'PUT', 'HEAD', 'POST']
    const d = diagnose('b', rules, origin)
    expect(d.findings.map((f) => f.fix)).toEqual(['add "DELETE" to AllowedMethods of rule 1'])
    expect(d.findings[0]!.problem).toContain('DeleteObject')
    expect(d.fixed.CORSRules[0]!.AllowedMethods).toEqual(['GET', 'PUT', 'HEAD', 'POST', 'DELETE'])
  })

  it('names request headers the preflight would refuse, a foreign origin, and warns about "*"', () => {
    const rules = base()
    rules[0]!.allowedHeaders = ['authorization', 'x-amz-*']
    const d = diagnose('b', rules, origin)
    expect(d.findings.map((f) => f.fix)).toContain('add "amz-sdk-invocation-id" to AllowedHeaders of rule 1 (or "*")')
    expect(d.findings.map((f) => f.fix)).toContain('add "content-type" to AllowedHeaders of rule 1 (or "*")')
    const foreign = base()
    foreign[0]!.allowedOrigins = ['https://elsewhere.example']
    expect(diagnose('b', foreign, origin).findings[0]!.fix).toBe(`add "${origin}" to AllowedOrigins of rule 1`)
    const any = base()
    any[0]!.allowedOrigins = ['*']
    expect(diagnose('b', any, origin).findings[0]).toMatchObject({
      severity: 'warning',
      fix: `replace "*" with "${origin}" in AllowedOrigins`,
    })
  })
})

describe('rule matching', () => {
  it('one wildcard per pattern, headers without case', () => {
    const sub = {
      allowedOrigins: ['https://*.example.com'],
      allowedMethods: ['GET'],
      allowedHeaders: [],
      exposeHeaders: [],
    }
    expect(originAllowed(sub, 'https://a.example.com')).toBe(true)
    expect(originAllowed(sub, 'https://example.org')).toBe(false)
    // `?` is no wildcard in a CORS origin: only the origin spelled with it matches.
    const literal = { ...sub, allowedOrigins: ['https://?.example.com'] }
    expect(originAllowed(literal, 'https://a.example.com')).toBe(false)
    expect(originAllowed(literal, 'https://?.example.com')).toBe(true)
    const rules = [{ allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: ['X-Amz-*'], exposeHeaders: [] }]
    expect(matchRule(rules, 'http://x', 'GET', ['x-amz-date'])).toBeDefined()
    expect(matchRule(rules, 'http://x', 'GET', ['authorization'])).toBeUndefined()
    expect(matchRule(rules, 'http://x', 'PUT')).toBeUndefined()
  })
})
